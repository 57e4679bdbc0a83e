package io.wescrm.core.corp.jdbc.row;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import java.time.LocalDateTime;

/** Row of {@code scrm_customer}. */
@TableName("scrm_customer")
public class CustomerRow {
  @TableId(type = IdType.AUTO)
  public Long id;
  public String corpId;
  public String externalUserid;
  public String name;
  public Integer type;
  public Integer gender;
  public String unionid;
  public String avatar;
  public String position;
  public String corpName;
  public String corpFullName;
  public String lifecycleStage;
  public LocalDateTime createdAt;
  public LocalDateTime updatedAt;
}
