package io.wescrm.core.persistence.mapper;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import io.wescrm.core.persistence.row.FollowRelationRow;
import org.apache.ibatis.annotations.Mapper;

/** MyBatis-Plus mapper of {@link FollowRelationRow}. */
@Mapper
public interface FollowRelationMapper extends BaseMapper<FollowRelationRow> {
}
