package io.wescrm.core.inbox;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A node-local, append-only file where a callback goes when the database cannot store it in time (an outage, a
 * saturated writer): the event is on disk ({@code fsync}) before WeCom gets its 200, so a database outage longer than
 * WeCom's retries (about 30 s) loses nothing. {@link #drainInto} moves spooled events into the inbox once the
 * database is back: storing is idempotent (the dedupe key), so a crash half-way through a drain only stores some
 * events twice-over, harmlessly. One JSON line per event; a torn last line (a crash in the middle of a write: never
 * acknowledged) is skipped.
 */
public final class InboxSpool {

  private static final Logger log = LoggerFactory.getLogger(InboxSpool.class);
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final String ACTIVE = "inbox-spool.jsonl";

  private static final int SLOTS = 1_000;

  private final Path dir;
  private final FileChannel lockChannel;
  private final java.nio.channels.FileLock lock;
  private FileChannel channel;
  private volatile boolean pending;

  /**
   * Opens the spool in {@code root}, or in {@code root/node-2} … when another server process (or another server in
   * this JVM) holds it: each spool has one writer. A restarted server takes its slot back and drains what it left.
   */
  public InboxSpool(Path root) {
    try {
      for (int slot = 1; slot <= SLOTS; slot++) {
        Path candidate = slot == 1 ? root : root.resolve("node-" + slot);
        Files.createDirectories(candidate);
        FileChannel c = FileChannel.open(candidate.resolve(".lock"), StandardOpenOption.CREATE,
            StandardOpenOption.WRITE);
        java.nio.channels.FileLock l;
        try {
          l = c.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException taken) {
          l = null;
        }
        if (l != null) {
          this.dir = candidate;
          this.lockChannel = c;
          this.lock = l;
          try (Stream<Path> files = Files.list(dir)) {
            pending = files.anyMatch(InboxSpool::isSpoolFile);
          }
          return;
        }
        c.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("inbox spool directory " + root + " not usable", e);
    }
    throw new IllegalStateException("no free inbox spool slot under " + root + " (" + SLOTS + " in use)");
  }

  /** The directory this spool writes to. */
  public Path directory() {
    return dir;
  }

  private static boolean isSpoolFile(Path p) {
    String name = p.getFileName().toString();
    return name.startsWith("inbox-spool") && name.endsWith(".jsonl");
  }

  /** Whether events wait in the spool (cheap: no disk access). */
  public boolean pending() {
    return pending;
  }

  /**
   * Writes the event and forces it to disk.
   *
   * @return false if it could not be written (the caller answers 503 and WeCom retries)
   */
  public synchronized boolean append(InboxEvent event, Instant receivedAt) {
    try {
      if (channel == null) {
        channel = FileChannel.open(dir.resolve(ACTIVE), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.APPEND);
      }
      ObjectNode line = JSON.createObjectNode();
      line.put("corpId", event.corpId());
      line.put("dedupeKey", event.dedupeKey());
      line.put("event", event.event());
      line.put("changeType", event.changeType());
      line.put("orderKey", event.orderKey());
      line.put("eventTime", event.eventTime() == null ? null : event.eventTime().toString());
      line.putPOJO("fields", new TreeMap<>(event.fields()));
      line.put("payload", event.payload());
      line.put("receivedAt", receivedAt.toString());
      ByteBuffer bytes = ByteBuffer.wrap((JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8));
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
      channel.force(false);
      pending = true;
      return true;
    } catch (IOException | RuntimeException e) {
      log.error("Inbox spool write failed: {}", e.toString());
      return false;
    }
  }

  /**
   * Moves every spooled event into the inbox, in batches, oldest file first; a file is deleted once all of its
   * events are stored. Returns how many events were stored; throws if the inbox refuses (the rest stays spooled).
   */
  public int drainInto(Inbox inbox, int batch) {
    int stored = 0;
    rotate();
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.filter(InboxSpool::isSpoolFile).filter(p -> !p.getFileName().toString().equals(ACTIVE)).sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (Path file : files) {
      stored += drainFile(file, inbox, batch);
      try {
        Files.delete(file);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    synchronized (this) {
      pending = channel != null && size() > 0;
    }
    return stored;
  }

  /** The active file becomes a numbered one to drain; appends go on into a new active file. */
  private synchronized void rotate() {
    try {
      if (channel != null) {
        channel.close();
        channel = null;
      }
      Path active = dir.resolve(ACTIVE);
      if (Files.exists(active) && Files.size(active) > 0) {
        Files.move(active, dir.resolve("inbox-spool-" + System.currentTimeMillis() + "-" + System.nanoTime()
            + ".jsonl"), StandardCopyOption.ATOMIC_MOVE);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private long size() {
    try {
      return channel.size();
    } catch (IOException e) {
      return 1;
    }
  }

  private int drainFile(Path file, Inbox inbox, int batch) {
    int stored = 0;
    List<InboxEvent> events = new ArrayList<>(batch);
    Instant earliest = null;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String text;
      while ((text = in.readLine()) != null) {
        JsonNode line;
        try {
          line = JSON.readTree(text);
        } catch (RuntimeException torn) {
          log.warn("Inbox spool {}: an unreadable line skipped (a write torn by a crash, never acknowledged)", file);
          continue;
        }
        Map<String, String> fields = new TreeMap<>();
        line.get("fields").properties().forEach(f -> fields.put(f.getKey(), f.getValue().asString()));
        events.add(new InboxEvent(line.get("corpId").asString(), line.get("dedupeKey").asString(),
            line.get("event").asString(), text(line, "changeType"), line.get("orderKey").asString(),
            line.get("eventTime").isNull() ? null : Instant.parse(line.get("eventTime").asString()), fields,
            line.get("payload").asString()));
        Instant received = Instant.parse(line.get("receivedAt").asString());
        earliest = earliest == null || received.isBefore(earliest) ? received : earliest;
        if (events.size() == batch) {
          inbox.store(List.copyOf(events), earliest);
          stored += events.size();
          events.clear();
          earliest = null;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!events.isEmpty()) {
      inbox.store(List.copyOf(events), earliest);
      stored += events.size();
    }
    return stored;
  }

  private static String text(JsonNode line, String field) {
    JsonNode v = line.get(field);
    return v == null || v.isNull() ? null : v.asString();
  }

  public synchronized void close() {
    try {
      if (channel != null) {
        channel.close(); // every acknowledged line was forced already
        channel = null;
      }
      lock.release();
      lockChannel.close();
    } catch (IOException e) {
      log.warn("Closing the inbox spool: {}", e.toString());
    }
  }
}
