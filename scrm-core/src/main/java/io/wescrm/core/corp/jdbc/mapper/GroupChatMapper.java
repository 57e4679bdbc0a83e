package io.wescrm.core.corp.jdbc.mapper;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import io.wescrm.core.corp.jdbc.row.GroupChatRow;
import org.apache.ibatis.annotations.Mapper;

/** MyBatis-Plus mapper of {@link GroupChatRow}. */
@Mapper
public interface GroupChatMapper extends BaseMapper<GroupChatRow> {
}
