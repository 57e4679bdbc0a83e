package io.wescrm.core;

import com.baomidou.mybatisplus.extension.plugins.MybatisPlusInterceptor;
import com.baomidou.mybatisplus.extension.plugins.inner.PaginationInnerInterceptor;
import io.wescrm.core.inbox.EventFacts;
import io.wescrm.core.inbox.Inbox;
import io.wescrm.core.inbox.RefetchQueue;
import io.wescrm.core.persistence.JdbcCorpMirror;
import io.wescrm.core.persistence.JdbcEventFacts;
import io.wescrm.core.persistence.JdbcInbox;
import io.wescrm.core.persistence.JdbcRefetchQueue;
import io.wescrm.core.persistence.JdbcSyncRuns;
import io.wescrm.core.persistence.mapper.CustomerMapper;
import io.wescrm.core.persistence.mapper.FollowRelationMapper;
import io.wescrm.core.persistence.mapper.FollowTagMapper;
import io.wescrm.core.persistence.mapper.GroupChatMapper;
import io.wescrm.core.persistence.mapper.GroupMemberMapper;
import io.wescrm.core.persistence.mapper.StaffMapper;
import io.wescrm.core.persistence.mapper.TagGroupMapper;
import io.wescrm.core.persistence.mapper.TagMapper;
import io.wescrm.core.query.CorpQueries;
import io.wescrm.core.sync.CorpMirror;
import io.wescrm.core.sync.SyncRuns;
import org.mybatis.spring.annotation.MapperScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** Persistence and read-side beans of the core. Use cases that need adapters are assembled by the application. */
@Configuration(proxyBeanMethods = false)
@MapperScan("io.wescrm.core.persistence.mapper")
public class CoreConfiguration {

  @Bean
  MybatisPlusInterceptor mybatisPlusInterceptor() {
    MybatisPlusInterceptor interceptor = new MybatisPlusInterceptor();
    PaginationInnerInterceptor pagination = new PaginationInnerInterceptor();
    pagination.setMaxLimit((long) CorpQueries.MAX_PAGE_SIZE);
    interceptor.addInnerInterceptor(pagination);
    return interceptor;
  }

  @Bean
  CorpMirror corpMirror(JdbcTemplate jdbc) {
    return new JdbcCorpMirror(jdbc);
  }

  @Bean
  SyncRuns syncRuns(JdbcTemplate jdbc) {
    return new JdbcSyncRuns(jdbc);
  }

  @Bean
  Inbox inbox(JdbcTemplate jdbc) {
    return new JdbcInbox(jdbc);
  }

  @Bean
  EventFacts eventFacts(JdbcTemplate jdbc) {
    return new JdbcEventFacts(jdbc);
  }

  @Bean
  RefetchQueue refetchQueue(JdbcTemplate jdbc) {
    return new JdbcRefetchQueue(jdbc);
  }

  @Bean
  CorpQueries corpQueries(CustomerMapper customers, FollowRelationMapper follows, FollowTagMapper followTags,
      TagMapper tags, TagGroupMapper tagGroups, StaffMapper staff, GroupChatMapper groups,
      GroupMemberMapper members) {
    return new CorpQueries(customers, follows, followTags, tags, tagGroups, staff, groups, members);
  }
}
