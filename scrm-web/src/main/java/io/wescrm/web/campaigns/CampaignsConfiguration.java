package io.wescrm.web.campaigns;

import io.wescrm.core.campaigns.CampaignStore;
import io.wescrm.core.campaigns.DispatchingCampaigns;
import io.wescrm.core.campaigns.FollowingResults;
import io.wescrm.core.campaigns.FrequencyCaps;
import io.wescrm.core.campaigns.QuietHours;
import io.wescrm.core.campaigns.RemoteCampaigns;
import io.wescrm.core.campaigns.RunningCampaigns;
import io.wescrm.core.campaigns.SequencingSops;
import io.wescrm.core.campaigns.jdbc.JdbcCampaignCorpData;
import io.wescrm.core.campaigns.jdbc.JdbcCampaignPreview;
import io.wescrm.core.campaigns.jdbc.JdbcCampaignResults;
import io.wescrm.core.campaigns.jdbc.JdbcCampaigns;
import io.wescrm.core.campaigns.jdbc.JdbcRunPlanner;
import io.wescrm.core.campaigns.jdbc.JdbcSendLedger;
import io.wescrm.core.campaigns.jdbc.JdbcSopEnrollments;
import io.wescrm.core.events.DomainEvents;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires campaigns: the store, the send ledger, planning, dispatch, results, SOP and their workers. */
@Configuration(proxyBeanMethods = false)
public class CampaignsConfiguration {

  /** This node's name in leases (host, pid and a random part: a restarted node is another owner). */
  static final String NODE = ManagementFactory.getRuntimeMXBean().getName() + "/"
      + UUID.randomUUID().toString().substring(0, 8);

  @Bean
  JdbcCampaigns campaigns(JdbcTemplate jdbc, TransactionTemplate tx, Clock clock) {
    return new JdbcCampaigns(jdbc, tx, clock);
  }

  @Bean
  JdbcSendLedger sendLedger(JdbcTemplate jdbc, TransactionTemplate tx, ObjectProvider<DomainEvents> events,
      io.wescrm.core.remote.RemoteCorps corps) {
    return new JdbcSendLedger(jdbc, tx, events::getObject, corps::corpIds);
  }

  @Bean
  JdbcCampaignCorpData campaignCorpData(JdbcTemplate jdbc) {
    return new JdbcCampaignCorpData(jdbc);
  }

  @Bean
  JdbcCampaignPreview campaignPreview(JdbcTemplate jdbc, CampaignsProperties p) {
    return new JdbcCampaignPreview(jdbc, ZoneId.of(p.zone()));
  }

  @Bean
  JdbcCampaignResults campaignResults(JdbcTemplate jdbc) {
    return new JdbcCampaignResults(jdbc);
  }

  @Bean
  JdbcSopEnrollments sopEnrollments(JdbcTemplate jdbc, CampaignsProperties p) {
    return new JdbcSopEnrollments(jdbc, ZoneId.of(p.zone()));
  }

  static QuietHours quietHours(CampaignsProperties p) {
    String q = p.quietHours().strip();
    if (q.isEmpty()) {
      return QuietHours.none();
    }
    String[] parts = q.split("-");
    if (parts.length != 2) {
      throw new IllegalArgumentException("scrm.campaigns.quiet-hours must be HH:mm-HH:mm, e.g. 21:00-09:00: " + q);
    }
    return new QuietHours(LocalTime.parse(parts[0].strip()), LocalTime.parse(parts[1].strip()), ZoneId.of(p.zone()));
  }

  @Bean
  RunningCampaigns runningCampaigns(JdbcSendLedger ledger, JdbcCampaigns campaigns, JdbcTemplate jdbc,
      JdbcCampaignCorpData corpData, Clock clock, CampaignsProperties p) {
    ZoneId zone = ZoneId.of(p.zone());
    return new RunningCampaigns(ledger, campaigns, new JdbcRunPlanner(jdbc, zone), corpData, clock,
        new RunningCampaigns.Settings(quietHours(p), new FrequencyCaps(p.capPerDay(), p.capPerWeek(),
            p.capPerMonth(), zone), p.singleChunk(), p.groupChunk(), p.staffTaskChunk(), p.lease(), zone), NODE);
  }

  @Bean
  DispatchingCampaigns dispatchingCampaigns(JdbcSendLedger ledger, RemoteCampaigns remote, JdbcCampaigns campaigns,
      JdbcCampaignCorpData corpData, Clock clock, CampaignsProperties p) {
    QuietHours quiet = quietHours(p);
    return new DispatchingCampaigns(ledger, remote, campaigns, corpData, clock,
        new DispatchingCampaigns.Settings(p.lease(), p.adoptGrace(), p.firstPoll(), p.rateLimitBackoff(),
            p.retryBackoff(), 1800), NODE, quiet::contains, corpData::customerNames);
  }

  @Bean
  FollowingResults followingResults(JdbcSendLedger ledger, RemoteCampaigns remote, JdbcCampaigns campaigns,
      Clock clock, CampaignsProperties p) {
    return new FollowingResults(ledger, remote, campaigns, clock, new FollowingResults.Settings(p.minPoll(),
        p.maxPoll(), p.dispatchingBackoff(), p.remindAfter(), 3));
  }

  @Bean
  SequencingSops sequencingSops(JdbcSopEnrollments enrollments, CampaignStore campaigns, RunningCampaigns running,
      JdbcSendLedger ledger, Clock clock, CampaignsProperties p) {
    return new SequencingSops(enrollments, campaigns, running, ledger, clock, ZoneId.of(p.zone()), NODE);
  }

  @Bean
  CampaignMetrics campaignMetrics(JdbcTemplate jdbc, io.micrometer.core.instrument.MeterRegistry registry,
      io.wescrm.web.config.BackgroundGauges gauges) {
    return new CampaignMetrics(jdbc, registry, gauges);
  }

  @Bean
  CampaignWorker campaignWorker(RunningCampaigns running, DispatchingCampaigns dispatching,
      FollowingResults results, SequencingSops sops, CampaignsProperties p,
      ObjectProvider<org.redisson.api.RedissonClient> redisson, io.wescrm.web.config.ScrmProperties scrm) {
    org.redisson.api.RedissonClient client = redisson.getIfAvailable();
    io.wescrm.core.sync.SyncLocks locks = client == null ? new io.wescrm.core.sync.LocalSyncLocks()
        : new io.wescrm.web.config.RedissonLocks(client, java.time.Duration.ofSeconds(15), scrm.node());
    return new CampaignWorker(running, dispatching, results, sops, p, locks);
  }
}
