package io.wescrm.web.moments;

import io.wescrm.core.campaigns.CampaignAssets;
import io.wescrm.core.campaigns.RemoteCampaigns;
import io.wescrm.core.events.DomainEvents;
import io.wescrm.core.moments.PublishingMoments;
import io.wescrm.core.moments.RemoteMomentPublishing;
import io.wescrm.core.moments.RemoteMoments;
import io.wescrm.core.moments.SyncingMoments;
import io.wescrm.core.moments.jdbc.JdbcMomentQueries;
import io.wescrm.core.moments.jdbc.JdbcMomentStore;
import io.wescrm.core.moments.jdbc.JdbcMomentTasks;
import io.wescrm.core.remote.RemoteCorps;
import io.wescrm.web.config.ScrmProperties;
import io.wescrm.wecom.client.WeComProperties;
import java.time.Clock;
import java.time.ZoneId;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wires the moments poll (its store with durable domain events, the use case, the read queries) and 朋友圈
 * publishing (the task store, the use case and its workers).
 */
@Configuration(proxyBeanMethods = false)
public class MomentsConfiguration {

  @Bean
  JdbcMomentStore momentStore(JdbcTemplate jdbc, TransactionTemplate tx, ObjectProvider<DomainEvents> events) {
    return new JdbcMomentStore(jdbc, tx, events::getObject);
  }

  @Bean
  JdbcMomentQueries momentQueries(JdbcTemplate jdbc) {
    return new JdbcMomentQueries(jdbc);
  }

  @Bean
  SyncingMoments syncingMoments(RemoteMoments remote, JdbcMomentStore store, Clock clock, MomentsProperties p,
      WeComProperties wecom) {
    return new SyncingMoments(remote, store, clock, new SyncingMoments.Settings(p.backfillDays(), p.recheckDays(),
        p.maxWindows(), p.listOverlap(), p.parallelism() == null ? wecom.apiConcurrency() : p.parallelism()));
  }

  /** This process's name in publish leases: the node's name and a random part (a restarted node is another owner). */
  static final String PROCESS = UUID.randomUUID().toString().substring(0, 8);

  @Bean
  JdbcMomentTasks momentTasks(JdbcTemplate jdbc, TransactionTemplate tx, RemoteCorps corps) {
    return new JdbcMomentTasks(jdbc, tx, corps::corpIds);
  }

  @Bean
  PublishingMoments publishingMoments(JdbcMomentTasks tasks, RemoteMomentPublishing publishing,
      RemoteMoments reads, RemoteCampaigns messages, CampaignAssets assets, Clock clock, MomentPublishProperties p,
      ScrmProperties scrm) {
    return new PublishingMoments(tasks, publishing, reads, messages, assets, clock, new PublishingMoments.Settings(
        p.lease(), p.firstPoll(), p.minPoll(), p.maxPoll(), p.adoptWindow(), p.retryBackoff(),
        p.duplicateCheckSeconds(), ZoneId.of(p.zone())), scrm.node() + "/" + PROCESS);
  }

  @Bean
  MomentPublishWorker momentPublishWorker(PublishingMoments publishing, MomentPublishProperties p) {
    return new MomentPublishWorker(publishing, p);
  }
}
