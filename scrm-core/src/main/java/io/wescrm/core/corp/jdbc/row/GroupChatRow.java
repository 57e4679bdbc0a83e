package io.wescrm.core.corp.jdbc.row;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import java.time.LocalDateTime;

/** Row of {@code scrm_group_chat}. */
@TableName("scrm_group_chat")
public class GroupChatRow {
  @TableId(type = IdType.AUTO)
  public Long id;
  public String corpId;
  public String chatId;
  public String name;
  public String owner;
  public String notice;
  public Integer status;
  public String memberVersion;
  public Integer memberCount;
  public LocalDateTime wecomCreatedAt;
  public LocalDateTime dismissedAt;
  public LocalDateTime updatedAt;
}
