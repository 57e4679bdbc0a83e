package io.wescrm.core.corp.jdbc.row;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import java.time.LocalDateTime;

/** Row of {@code scrm_group_member}. */
@TableName("scrm_group_member")
public class GroupMemberRow {
  @TableId(type = IdType.AUTO)
  public Long id;
  public String corpId;
  public String chatId;
  public String memberId;
  public Integer memberType;
  public String unionid;
  public LocalDateTime joinTime;
  public Integer joinScene;
  public String invitor;
  public String groupNickname;
  public String name;
  public Integer isAdmin;
  public LocalDateTime leftAt;
  public Integer quitScene;
}
