package io.wescrm.core.corp.jdbc.row;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import java.time.LocalDateTime;

/** Row of {@code scrm_tag}. */
@TableName("scrm_tag")
public class TagRow {
  @TableId(type = IdType.AUTO)
  public Long id;
  public String corpId;
  public String tagId;
  public String groupId;
  public String name;
  public Long sortOrder;
  public LocalDateTime deletedAt;
}
