package io.wescrm.core.corp.jdbc.row;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import java.time.LocalDateTime;

/** Row of {@code scrm_staff}. */
@TableName("scrm_staff")
public class StaffRow {
  @TableId(type = IdType.AUTO)
  public Long id;
  public String corpId;
  public String userid;
  public String name;
  public String departmentIds;
  public Long mainDepartment;
  public String position;
  public Integer status;
  public Integer contactEnabled;
  public LocalDateTime deletedAt;
}
