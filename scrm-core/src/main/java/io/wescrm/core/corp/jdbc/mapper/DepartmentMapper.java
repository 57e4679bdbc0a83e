package io.wescrm.core.corp.jdbc.mapper;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import io.wescrm.core.corp.jdbc.row.DepartmentRow;
import org.apache.ibatis.annotations.Mapper;

/** MyBatis-Plus mapper of {@link DepartmentRow}. */
@Mapper
public interface DepartmentMapper extends BaseMapper<DepartmentRow> {
}
