package io.wescrm.core.corp.jdbc.mapper;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import io.wescrm.core.corp.jdbc.row.FollowRelationRow;
import org.apache.ibatis.annotations.Mapper;

/** MyBatis-Plus mapper of {@link FollowRelationRow}. */
@Mapper
public interface FollowRelationMapper extends BaseMapper<FollowRelationRow> {
}
