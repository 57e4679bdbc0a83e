package io.wescrm.core.corp.jdbc.mapper;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import io.wescrm.core.corp.jdbc.row.StaffRow;
import org.apache.ibatis.annotations.Mapper;

/** MyBatis-Plus mapper of {@link StaffRow}. */
@Mapper
public interface StaffMapper extends BaseMapper<StaffRow> {
}
