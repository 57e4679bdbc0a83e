package io.wescrm.core.corp.jdbc;

import com.baomidou.mybatisplus.extension.plugins.MybatisPlusInterceptor;
import com.baomidou.mybatisplus.extension.plugins.inner.PaginationInnerInterceptor;
import io.wescrm.core.corp.jdbc.mapper.CustomerMapper;
import io.wescrm.core.corp.jdbc.mapper.DepartmentMapper;
import io.wescrm.core.corp.jdbc.mapper.FollowRelationMapper;
import io.wescrm.core.corp.jdbc.mapper.FollowTagMapper;
import io.wescrm.core.corp.jdbc.mapper.GroupChatMapper;
import io.wescrm.core.corp.jdbc.mapper.GroupMemberMapper;
import io.wescrm.core.corp.jdbc.mapper.StaffMapper;
import io.wescrm.core.corp.jdbc.mapper.TagGroupMapper;
import io.wescrm.core.corp.jdbc.mapper.TagMapper;
import org.mybatis.spring.annotation.MapperScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The corp read side: MyBatis-Plus mappers (pagination capped) and {@link CorpQueries}. */
@Configuration(proxyBeanMethods = false)
@MapperScan("io.wescrm.core.corp.jdbc.mapper")
public class CorpJdbcConfiguration {

  @Bean
  MybatisPlusInterceptor mybatisPlusInterceptor() {
    MybatisPlusInterceptor interceptor = new MybatisPlusInterceptor();
    PaginationInnerInterceptor pagination = new PaginationInnerInterceptor();
    pagination.setMaxLimit((long) CorpQueries.MAX_PAGE_SIZE);
    interceptor.addInnerInterceptor(pagination);
    return interceptor;
  }

  @Bean
  CorpQueries corpQueries(CustomerMapper customers, FollowRelationMapper follows, FollowTagMapper followTags,
      TagMapper tags, TagGroupMapper tagGroups, StaffMapper staff, GroupChatMapper groups,
      GroupMemberMapper members, DepartmentMapper departments) {
    return new CorpQueries(customers, follows, followTags, tags, tagGroups, staff, groups, members, departments);
  }
}
