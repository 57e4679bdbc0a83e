package io.wescrm.core.corp.jdbc.row;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import java.time.LocalDateTime;

/** Row of {@code scrm_follow_tag}. */
@TableName("scrm_follow_tag")
public class FollowTagRow {
  @TableId(type = IdType.AUTO)
  public Long id;
  public String corpId;
  public String userid;
  public String externalUserid;
  public String tagId;
  public String source;
  public String sourceRef;
  public LocalDateTime createdAt;
}
