package io.wescrm.core.corp.jdbc.mapper;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import io.wescrm.core.corp.jdbc.row.TagGroupRow;
import org.apache.ibatis.annotations.Mapper;

/** MyBatis-Plus mapper of {@link TagGroupRow}. */
@Mapper
public interface TagGroupMapper extends BaseMapper<TagGroupRow> {
}
