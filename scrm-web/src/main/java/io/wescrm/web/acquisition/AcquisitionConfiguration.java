package io.wescrm.web.acquisition;

import io.micrometer.core.instrument.MeterRegistry;
import io.wescrm.core.acquisition.AttributingCustomers;
import io.wescrm.core.events.DomainEvents;
import io.wescrm.core.events.EventConsumer;
import io.wescrm.core.acquisition.FindingMissedAdds;
import io.wescrm.core.acquisition.Attributions;
import io.wescrm.core.acquisition.ContactWayManagement;
import io.wescrm.core.acquisition.ContactWays;
import io.wescrm.core.acquisition.DedupingLeads;
import io.wescrm.core.acquisition.LeadMerges;
import io.wescrm.core.acquisition.RemoteAcquisitions;
import io.wescrm.core.acquisition.TransferringCustomers;
import io.wescrm.core.acquisition.Transfers;
import io.wescrm.core.acquisition.WelcomeLedger;
import io.wescrm.core.acquisition.WelcomeSender;
import io.wescrm.core.acquisition.jdbc.JdbcAttributions;
import io.wescrm.core.acquisition.jdbc.JdbcContactWays;
import io.wescrm.core.acquisition.jdbc.JdbcLeadMerges;
import io.wescrm.core.acquisition.jdbc.JdbcTransfers;
import io.wescrm.core.acquisition.jdbc.JdbcWelcomeLedger;
import io.wescrm.core.inbox.RefetchQueue;
import io.wescrm.core.remote.RemoteCorps;
import io.wescrm.core.tags.TagWriter;
import io.wescrm.web.config.ScrmProperties;
import io.wescrm.wecom.client.CallGate;
import io.wescrm.wecom.client.LocalCallGate;
import io.wescrm.wecom.client.RedissonCallGate;
import io.wescrm.wecom.client.WeComProperties;
import java.time.Clock;
import org.redisson.api.RedissonClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** Store acquisition: contact ways, the welcome fast path, attribution and channel tags, transfers, lead dedupe. */
@Configuration(proxyBeanMethods = false)
public class AcquisitionConfiguration {

  /**
   * The welcome path's own call budget (send_welcome_msg and its name look-up): a 20 s window must not queue behind
   * the enrichment's calls. Cluster-wide with Redis.
   */
  @Bean
  CallGate welcomeCallGate(WeComProperties wecom, AcquisitionProperties acquisition,
      ObjectProvider<RedissonClient> redisson) {
    RedissonClient client = redisson.getIfAvailable();
    return client == null
        ? new LocalCallGate(acquisition.welcomeApiConcurrency(), wecom.callsPerMinute())
        : new RedissonCallGate(client, acquisition.welcomeApiConcurrency(), wecom.callsPerMinute(),
            wecom.readTimeout().plus(wecom.connectTimeout()).multipliedBy(2));
  }

  @Bean
  ContactWays contactWays(JdbcTemplate jdbc) {
    return new JdbcContactWays(jdbc);
  }

  @Bean
  WelcomeLedger welcomeLedger(JdbcTemplate jdbc) {
    return new JdbcWelcomeLedger(jdbc);
  }

  @Bean
  Attributions attributions(JdbcTemplate jdbc) {
    return new JdbcAttributions(jdbc);
  }

  @Bean
  Transfers transfers(JdbcTemplate jdbc) {
    return new JdbcTransfers(jdbc);
  }

  @Bean
  LeadMerges leadMerges(JdbcTemplate jdbc) {
    return new JdbcLeadMerges(jdbc);
  }

  @Bean
  ContactWayManagement contactWayManagement(ContactWays ways, RemoteAcquisitions remote, Clock clock) {
    return new ContactWayManagement(ways, remote::acquisition, clock);
  }

  @Bean
  WelcomeSender welcomeSender(WelcomeLedger ledger, ContactWays ways, Attributions attributions,
      RemoteAcquisitions remote,
      Clock clock, ScrmProperties scrm, AcquisitionProperties properties) {
    return new WelcomeSender(ledger, ways, attributions, remote::acquisition, clock, scrm.node(),
        properties.welcomeWindow());
  }

  @Bean(destroyMethod = "close")
  WelcomeDispatcher welcomeDispatcher(WelcomeSender sender, WelcomeLedger ledger, RemoteCorps remote, Clock clock,
      ScrmProperties scrm, AcquisitionProperties properties, MeterRegistry registry) {
    return new WelcomeDispatcher(sender, ledger, remote, clock, scrm.node(), properties, registry);
  }

  @Bean
  AttributingCustomers attributingCustomers(ContactWays ways, Attributions attributions, TagWriter tags,
      Clock clock) {
    return new AttributingCustomers(ways, attributions, tags, clock);
  }

  @Bean
  TransferringCustomers transferringCustomers(Transfers transfers, RemoteAcquisitions remote, RefetchQueue refetches,
      Clock clock) {
    return new TransferringCustomers(transfers, remote::acquisition, refetches, clock);
  }

  @Bean
  DedupingLeads dedupingLeads(LeadMerges merges, Clock clock) {
    return new DedupingLeads(merges, clock);
  }

  @Bean(destroyMethod = "close")
  AcquisitionEvents acquisitionEvents(AttributingCustomers attribution, TransferringCustomers transfers,
      WelcomeSender welcomes, RemoteCorps corps, AcquisitionProperties properties) {
    return new AcquisitionEvents(attribution, transfers, welcomes, corps, properties);
  }

  /** Adds no callback announced, found by sync and reconciliation passes, are attributed too. */
  @Bean
  FindingMissedAdds findingMissedAdds(Attributions attributions, DomainEvents events, Clock clock,
      io.wescrm.core.sync.SyncingCorp sync, AcquisitionProperties properties) {
    FindingMissedAdds missed = new FindingMissedAdds(attributions, events, clock, properties.missedAddLookBack());
    sync.onFinished(missed::afterRun);
    return missed;
  }

  @Bean
  EventConsumer attributionConsumer(AcquisitionEvents events) {
    return events.attribution();
  }

  @Bean
  EventConsumer transferFailureConsumer(AcquisitionEvents events) {
    return events.transfers();
  }
}
