package io.wescrm.web.inbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Callback receiver settings ({@code scrm.callback.*}).
 *
 * @param maxBodyBytes larger bodies are refused with 413 (WeCom's events are a few KB)
 * @param maxClockSkew callbacks whose timestamp is further from our clock are refused (replays)
 * @param ackTimeout how long a request waits for its event to be durably stored before answering 503
 * @param writerThreads inbox group-commit writers (one: while it commits, the next batch gathers; two committed
 *     smaller batches side by side and cost ~10 % more CPU per callback and a higher ack p99 at 5,000/s)
 * @param maxBatch events per inbox transaction
 * @param queueCapacity events waiting for a writer; beyond it requests get 503 (WeCom retries)
 * @param coalescingWindow re-fetches of one object requested within this window become one API call
 * @param applyYield while a burst is being ingested (requests queue up for the inbox writer), the applier and the
 *     re-fetcher pause this long between passes so that acknowledgements stay fast; zero disables
 * @param applyBatchUnderLoad events the applier takes per pass during such a burst
 * @param burstRate callbacks stored per second from which ingestion counts as a burst
 * @param applyLinger after a pass that found no backlog, the applier waits this long for more events before the
 *     next one, so that a steady stream is applied in chunks (one transaction, one statement per kind of write)
 *     rather than one transaction per event; it adds at most this much to the apply lag; zero disables
 * @param inboxRetention applied and discarded events received and finished longer ago than this are deleted
 *     (pending, retrying and parked events are kept): the inbox stays bounded, and WeCom re-sends within seconds
 * @param inboxRetentionCron Quartz cron of the inbox purge (hourly by default, so each pass deletes an hour's worth)
 * @param writerGather from {@code writerGatherRate} callbacks per second, how long the inbox writer lets a batch
 *     gather after its first event arrived: fewer, larger commits (on MariaDB a commit costs ~5 rows' worth of CPU)
 *     for at most this much ack latency; below it, an event is written at once; zero disables
 * @param writerGatherRate callbacks stored per second from which batches gather (see writerGather)
 * @param spoolDir where a callback goes when the database cannot store it within {@code ackTimeout} (an outage, a
 *     full writer queue): fsynced to this node's disk before the 200, moved into the inbox once the database is
 *     back; one directory per node (a second server on the same directory takes {@code node-2}, …); empty: no
 *     spool, such callbacks are answered 503 and WeCom retries (about 30 s in all)
 * @param readYield while a heavy read runs on the node (a rule or audience preview, a customer search) and callbacks
 *     arrive at {@code readYieldRate} per second or more, the applier, the re-fetcher and the event delivery pause
 *     this long between (small) passes: the scan and the acknowledgements get the database's CPU, and what was
 *     deferred is applied once the read is over; zero disables
 * @param readYieldRate callbacks stored per second from which background work yields to a heavy read
 * @param readShare while callbacks arrive at {@code readYieldRate} per second or more, the share of the time a heavy
 *     read keeps scanning: it reads in slices of about 50 ms (IdSlices) and rests {@code (1 - share) / share} times
 *     as long as each slice took (0.25: it scans a quarter of the time, so takes four times as long; 1: never rests)
 */
@ConfigurationProperties("scrm.callback")
public record CallbackProperties(Integer maxBodyBytes, Duration maxClockSkew, Duration ackTimeout,
    Integer writerThreads, Integer maxBatch, Integer queueCapacity, Duration coalescingWindow,
    Duration applyYield, Integer applyBatchUnderLoad, Integer burstRate, Duration applyLinger,
    Duration inboxRetention, String inboxRetentionCron, Duration writerGather, Integer writerGatherRate,
    String spoolDir, Duration readYield, Integer readYieldRate, Double readShare) {

  public CallbackProperties {
    maxBodyBytes = maxBodyBytes == null ? 64 * 1024 : maxBodyBytes;
    maxClockSkew = maxClockSkew == null ? Duration.ofMinutes(15) : maxClockSkew;
    ackTimeout = ackTimeout == null ? Duration.ofSeconds(3) : ackTimeout;
    writerThreads = writerThreads == null ? 1 : writerThreads;
    maxBatch = maxBatch == null ? 500 : maxBatch;
    queueCapacity = queueCapacity == null ? 20_000 : queueCapacity;
    coalescingWindow = coalescingWindow == null ? Duration.ofSeconds(2) : coalescingWindow;
    applyYield = applyYield == null ? Duration.ofMillis(200) : applyYield;
    applyBatchUnderLoad = applyBatchUnderLoad == null ? 200 : applyBatchUnderLoad;
    burstRate = burstRate == null ? 2_000 : burstRate;
    applyLinger = applyLinger == null ? Duration.ofMillis(50) : applyLinger;
    inboxRetention = inboxRetention == null ? Duration.ofDays(30) : inboxRetention;
    inboxRetentionCron = inboxRetentionCron == null ? "0 40 * * * ?" : inboxRetentionCron;
    writerGather = writerGather == null ? Duration.ofMillis(2) : writerGather;
    writerGatherRate = writerGatherRate == null ? 500 : writerGatherRate;
    spoolDir = spoolDir == null ? "./data/spool" : spoolDir.trim();
    readYield = readYield == null ? Duration.ofSeconds(1) : readYield;
    readYieldRate = readYieldRate == null ? 200 : readYieldRate;
    readShare = readShare == null ? 0.25 : readShare;
    if (!(readShare > 0 && readShare <= 1)) {
      throw new IllegalArgumentException("scrm.callback.read-share must be in (0, 1]: " + readShare);
    }
  }
}
