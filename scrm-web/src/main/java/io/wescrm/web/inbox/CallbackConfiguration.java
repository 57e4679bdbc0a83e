package io.wescrm.web.inbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationPredicate;
import io.wescrm.core.events.DomainEvents;
import io.wescrm.core.inbox.EventApplication;
import io.wescrm.core.inbox.EventFacts;
import io.wescrm.core.inbox.Inbox;
import io.wescrm.core.inbox.InboxApplier;
import io.wescrm.core.inbox.InboxRetention;
import io.wescrm.core.inbox.InboxSpool;
import io.wescrm.core.inbox.InboxWriter;
import io.wescrm.core.inbox.RefetchQueue;
import io.wescrm.core.inbox.Refetcher;
import io.wescrm.core.inbox.Transactions;
import io.wescrm.core.remote.RemoteCorps;
import io.wescrm.core.sync.CorpMirror;
import io.wescrm.core.sync.LocalSyncLocks;
import io.wescrm.core.sync.SyncLocks;
import io.wescrm.web.config.RedissonLocks;
import io.wescrm.web.events.EventDeliveryWorker;
import io.wescrm.wecom.callback.CallbackReceiver;
import io.wescrm.wecom.client.WeComProperties;
import java.time.Clock;
import java.time.Duration;
import org.redisson.api.RedissonClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The callback path: receiver, group-commit inbox writer, ordered applier, coalesced re-fetcher, metrics. */
@Configuration(proxyBeanMethods = false)
public class CallbackConfiguration {

  @Bean
  CallbackReceiver callbackReceiver(WeComProperties wecom, CallbackProperties properties, Clock clock) {
    return new CallbackReceiver(wecom, clock, properties.maxClockSkew());
  }

  @Bean(destroyMethod = "close")
  InboxWriter inboxWriter(Inbox inbox, Clock clock, CallbackProperties properties) {
    return new InboxWriter(inbox, clock, properties.writerThreads(), properties.maxBatch(),
        properties.queueCapacity(), properties.burstRate(), properties.writerGather(), properties.writerGatherRate());
  }

  @Bean
  EventApplication eventApplication(EventFacts facts, RefetchQueue refetches, Clock clock,
      CallbackProperties properties) {
    return new EventApplication(facts, refetches, clock, properties.coalescingWindow());
  }

  @Bean
  Transactions transactions(PlatformTransactionManager transactionManager) {
    TransactionTemplate template = new TransactionTemplate(transactionManager);
    return work -> template.executeWithoutResult(status -> work.run());
  }

  @Bean
  CallbackMetrics callbackMetrics(MeterRegistry registry, Inbox inbox, RefetchQueue refetches, RemoteCorps corps,
      io.wescrm.core.sync.SyncRuns runs, Clock clock, InboxWriter writer,
      io.wescrm.web.config.BackgroundGauges gauges) {
    return new CallbackMetrics(registry, inbox, refetches, corps, runs, clock, writer, gauges);
  }

  /** The {@code inbox} health component (parked events: DEGRADED; stopped worker threads: DOWN). */
  @Bean
  InboxHealthIndicator inboxHealthIndicator(CallbackMetrics metrics, InboxWorker worker) {
    return new InboxHealthIndicator(metrics, worker);
  }

  /** Ingest first: when the callback path's background work pauses, and how long (bursts, heavy reads). */
  @Bean
  IngestPressure ingestPressure(InboxWriter writer, io.wescrm.web.api.PreviewGate previews,
      CallbackProperties properties) {
    IngestPressure pressure = new IngestPressure(writer::busy, previews::running, writer::rate,
        properties.applyYield(), properties.readYield(), properties.readYieldRate(), properties.readShare());
    previews.paceWith(pressure::paceRead);
    return pressure;
  }

  @Bean
  InboxRetention inboxRetention(Inbox inbox, Clock clock, CallbackProperties properties, IngestPressure pressure,
      CallbackMetrics metrics) {
    return new InboxRetention(inbox, clock, properties.inboxRetention(), 1_000, pressure::yielding,
        properties.applyYield(), metrics::purged);
  }

  @Bean(destroyMethod = "close")
  InboxApplier inboxApplier(Inbox inbox, EventApplication application, Transactions transactions,
      DomainEvents events, Clock clock, CallbackMetrics metrics, EventDeliveryWorker delivery,
      IngestPressure pressure) {
    // the delivery of the events this applier stores yields as the applier does
    delivery.yieldWhile(pressure);
    return new InboxApplier(inbox, application, transactions, events, clock, InboxApplier.Settings.defaults(),
        metrics::applied, delivery::wake, io.wescrm.core.jdbc.TransientErrors::isTransient);
  }

  @Bean(destroyMethod = "close")
  Refetcher refetcher(RefetchQueue queue, RemoteCorps remote, CorpMirror mirror, Transactions transactions,
      Clock clock, WeComProperties wecom) {
    return new Refetcher(queue, remote, mirror, transactions, clock, wecom.apiConcurrency(), 200);
  }

  @Bean
  ServletRegistrationBean<WeComCallbackServlet> weComCallbackServlet(CallbackReceiver receiver, InboxWriter writer,
      CallbackProperties properties, CallbackMetrics metrics, InboxWorker worker, ObjectProvider<CallbackTap> taps,
      ObjectProvider<InboxSpool> spool) {
    ServletRegistrationBean<WeComCallbackServlet> registration = new ServletRegistrationBean<>(
        new WeComCallbackServlet(receiver, writer, properties, metrics, worker, taps.orderedStream().toList(),
            spool.getIfAvailable()),
        "/wecom/callback/*");
    registration.setName("wecomCallback");
    registration.setLoadOnStartup(1);
    registration.setAsyncSupported(true);
    return registration;
  }

  /**
   * The callback URL is measured by {@code scrm.callback.ack} (and its refusals by reason); Spring's generic
   * per-request observation would cost more than the work it observes on this path.
   */
  @Bean
  ObservationPredicate skipCallbackObservation() {
    return (name, context) -> !(context instanceof ServerRequestObservationContext server
        && server.getCarrier() != null && server.getCarrier().getRequestURI().startsWith("/wecom/callback/"));
  }

  /** The node's callback spool, unless {@code scrm.callback.spool-dir} is empty. */
  @Bean(destroyMethod = "close")
  @ConditionalOnExpression("!'${scrm.callback.spool-dir:./data/spool}'.trim().isEmpty()")
  InboxSpool inboxSpool(CallbackProperties properties) {
    return new InboxSpool(java.nio.file.Path.of(properties.spoolDir()));
  }

  @Bean
  SpoolDrainer spoolDrainer(ObjectProvider<InboxSpool> spool, Inbox inbox, InboxWorker worker) {
    return new SpoolDrainer(spool.getIfAvailable(), inbox, worker);
  }

  @Bean
  InboxWorker inboxWorker(InboxApplier applier, Refetcher refetcher, RemoteCorps corps, IngestPressure pressure,
      CallbackProperties properties, ObjectProvider<RedissonClient> redisson, io.wescrm.web.config.ScrmProperties scrm) {
    RedissonClient client = redisson.getIfAvailable();
    SyncLocks locks = client == null ? new LocalSyncLocks()
        : new RedissonLocks(client, Duration.ofSeconds(15), scrm.node());
    return new InboxWorker(applier, refetcher, corps, locks, pressure, properties.applyBatchUnderLoad(),
        properties.applyLinger(), scrm.node());
  }
}
