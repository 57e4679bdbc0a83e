package io.wescrm.core.corp.jdbc.row;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import java.time.LocalDateTime;

/** Row of {@code scrm_department}. */
@TableName("scrm_department")
public class DepartmentRow {
  @TableId(type = IdType.AUTO)
  public Long id;
  public String corpId;
  public Long deptId;
  public String name;
  public Long parentId;
  public Long sortOrder;
  public LocalDateTime deletedAt;
}
