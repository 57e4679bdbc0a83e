package io.wescrm.core.corp.jdbc.row;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import java.time.LocalDateTime;

/** Row of {@code scrm_follow_relation}. */
@TableName("scrm_follow_relation")
public class FollowRelationRow {
  @TableId(type = IdType.AUTO)
  public Long id;
  public String corpId;
  public String userid;
  public String externalUserid;
  public String remark;
  public String description;
  public String remarkCorpName;
  public String remarkMobiles;
  public Integer addWay;
  public String state;
  public String operUserid;
  public LocalDateTime addedAt;
  public LocalDateTime deletedAt;
  public String deletedBy;
  public LocalDateTime updatedAt;
}
