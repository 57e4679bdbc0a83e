package io.wescrm.wecom.simulator;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Keeps a {@link SimCorpSnapshot} of one corp on disk: written at once when started, then every {@code interval}
 * if the corp changed (a change listener marks it dirty; the acquisition state, which reports no changes, is compared
 * by fingerprint), and a last time on {@link #close()}. Killing the process loses at most about one interval.
 * Each write is atomic (temporary file, then a move), so a kill mid-write leaves the previous snapshot.
 */
public final class SimCorpPersister implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(SimCorpPersister.class.getName());

  private final SimCorp corp;
  private final Path file;
  private final AtomicBoolean dirty = new AtomicBoolean(true);
  private final Consumer<SimChange> listener = change -> dirty.set(true);
  private final ScheduledExecutorService scheduler;
  private long fingerprint;
  private volatile boolean closed;
  private long writes;

  private SimCorpPersister(SimCorp corp, Path file, Duration interval) {
    this.corp = corp;
    this.file = file;
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "sim-snapshot-" + corp.corpId());
      t.setDaemon(true);
      return t;
    });
    corp.addChangeListener(listener);
    this.fingerprint = SimCorpSnapshot.fingerprint(corp);
    long millis = Math.max(100, interval.toMillis());
    scheduler.scheduleWithFixedDelay(this::saveIfChanged, millis, millis, TimeUnit.MILLISECONDS);
  }

  /** Writes the corp's snapshot to {@code file} now and keeps it current (see the class comment). */
  public static SimCorpPersister start(SimCorp corp, Path file, Duration interval) {
    SimCorpPersister persister = new SimCorpPersister(corp, file, interval);
    persister.save();
    return persister;
  }

  public Path file() {
    return file;
  }

  /** Snapshots written so far. */
  public synchronized long writes() {
    return writes;
  }

  private void saveIfChanged() {
    try {
      long current = SimCorpSnapshot.fingerprint(corp);
      boolean changed;
      synchronized (this) {
        changed = current != fingerprint;
      }
      if (dirty.get() || changed) {
        save();
      }
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "simulator snapshot of " + corp.corpId() + " not written", e);
    }
  }

  /** Writes the snapshot now; false (and logged) when it could not be written. */
  public synchronized boolean save() {
    dirty.set(false);
    long current = SimCorpSnapshot.fingerprint(corp);
    try {
      SimCorpSnapshot.capture(corp).write(file);
      fingerprint = current;
      writes++;
      return true;
    } catch (IOException | RuntimeException e) {
      dirty.set(true);
      LOG.log(System.Logger.Level.WARNING, "simulator snapshot of " + corp.corpId() + " not written to " + file,
          e);
      return false;
    }
  }

  /** Stops the periodic writes and writes a last snapshot. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    scheduler.shutdown();
    try {
      scheduler.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    corp.removeChangeListener(listener);
    save();
  }
}
