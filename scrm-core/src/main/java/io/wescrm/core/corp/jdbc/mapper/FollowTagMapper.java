package io.wescrm.core.corp.jdbc.mapper;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import io.wescrm.core.corp.jdbc.row.FollowTagRow;
import org.apache.ibatis.annotations.Mapper;

/** MyBatis-Plus mapper of {@link FollowTagRow}. */
@Mapper
public interface FollowTagMapper extends BaseMapper<FollowTagRow> {
}
