package io.wescrm.core.corp.jdbc.mapper;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import io.wescrm.core.corp.jdbc.row.GroupMemberRow;
import org.apache.ibatis.annotations.Mapper;

/** MyBatis-Plus mapper of {@link GroupMemberRow}. */
@Mapper
public interface GroupMemberMapper extends BaseMapper<GroupMemberRow> {
}
