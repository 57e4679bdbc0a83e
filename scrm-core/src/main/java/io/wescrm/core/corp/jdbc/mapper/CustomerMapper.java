package io.wescrm.core.corp.jdbc.mapper;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import io.wescrm.core.corp.jdbc.row.CustomerRow;
import org.apache.ibatis.annotations.Mapper;

/** MyBatis-Plus mapper of {@link CustomerRow}. */
@Mapper
public interface CustomerMapper extends BaseMapper<CustomerRow> {
}
