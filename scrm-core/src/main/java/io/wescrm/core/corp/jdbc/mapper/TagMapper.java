package io.wescrm.core.corp.jdbc.mapper;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import io.wescrm.core.corp.jdbc.row.TagRow;
import org.apache.ibatis.annotations.Mapper;

/** MyBatis-Plus mapper of {@link TagRow}. */
@Mapper
public interface TagMapper extends BaseMapper<TagRow> {
}
