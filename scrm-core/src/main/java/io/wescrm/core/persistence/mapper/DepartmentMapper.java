package io.wescrm.core.persistence.mapper;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import io.wescrm.core.persistence.row.DepartmentRow;
import org.apache.ibatis.annotations.Mapper;

/** MyBatis-Plus mapper of {@link DepartmentRow}. */
@Mapper
public interface DepartmentMapper extends BaseMapper<DepartmentRow> {
}
