package io.wescrm.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load generator's sending loop on one thread: {@code connections} keep-alive HTTP/1.1 connections driven by a
 * selector. With a rate, request i is due at start + i / rate (open loop): it goes out on an idle connection at its
 * time, or as soon as one is free, and its latency counts from its due time (no coordinated omission). Without a rate
 * (0), every idle connection sends the next request at once (closed loop). One runnable thread instead of one per
 * connection: on the benchmark's own 2-core machine a hundred generator threads waking a thousand times a second
 * competed with the server they measure.
 */
final class NioLoad {

  private final URI base;
  private final int connections;

  NioLoad(URI base, int connections) {
    this.base = base;
    this.connections = connections;
  }

  /** The bytes of {@code POST pathAndQuery} with a text/xml body. */
  static byte[] post(URI base, String pathAndQuery, String body) {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    byte[] head = ("POST " + pathAndQuery + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
        + "\r\nContent-Type: text/xml\r\nContent-Length: " + b.length + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
    byte[] all = new byte[head.length + b.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(b, 0, all, head.length, b.length);
    return all;
  }

  /** A connection's state: the request in flight (index, due) and the bytes of its response so far. */
  private static final class Conn {
    final SocketChannel channel;
    ByteBuffer out;
    final ByteBuffer in = ByteBuffer.allocate(16 * 1024);
    int request = -1;
    long due;

    Conn(SocketChannel channel) {
      this.channel = channel;
    }
  }

  void run(byte[][] requests, int rate, long[] latency, long[] sendLag, boolean[] acked, AtomicLong errors,
      Map<Integer, AtomicLong> statuses) throws IOException {
    int n = requests.length;
    long period = rate > 0 ? 1_000_000_000L / rate : 0;
    try (Selector selector = Selector.open()) {
      ArrayDeque<Conn> idle = new ArrayDeque<>();
      for (int c = 0; c < connections; c++) {
        Conn conn = open(selector, base);
        if (conn == null) {
          throw new IOException("cannot connect to " + base);
        }
        idle.add(conn);
      }
      int next = 0;
      int done = 0;
      int dead = 0;   // connections lost (the server restarted, e.g. bench/callbacks.sh phase C) and not reopened
      long start = System.nanoTime();
      while (done < n) {
        long now = System.nanoTime();
        // send whatever is due on idle connections
        while (next < n && (rate == 0 || start + next * period <= now)) {
          if (idle.isEmpty() && dead > 0) {
            Conn fresh = open(selector, base);
            if (fresh == null) {
              // nobody listens: this request fails as a refused connection would
              sendLag[next] = (now - (rate > 0 ? start + next * period : now)) / 1000;
              next++;
              done++;
              errors.incrementAndGet();
              continue;
            }
            dead--;
            idle.add(fresh);
          }
          if (idle.isEmpty()) {
            break;
          }
          Conn c = idle.poll();
          c.request = next;
          c.due = rate > 0 ? start + next * period : now;
          sendLag[next] = (now - c.due) / 1000;
          c.out = ByteBuffer.wrap(requests[next]);
          next++;
          if (!write(c, selector)) {
            errors.incrementAndGet();
            done++;
            dead++;
            close(c);
          }
        }
        boolean canSend = !idle.isEmpty() || dead > 0;
        long waitNanos = next < n && canSend && rate > 0 ? start + next * period - System.nanoTime() : 0;
        if (next < n && canSend && waitNanos <= 0) {
          continue;
        }
        if (waitNanos > 0) {
          selector.select(Math.max(1, waitNanos / 1_000_000));
        } else {
          selector.select(1_000);
        }
        for (var it = selector.selectedKeys().iterator(); it.hasNext(); ) {
          SelectionKey key = it.next();
          it.remove();
          Conn c = (Conn) key.attachment();
          try {
            if (key.isValid() && key.isWritable()) {
              write(c, selector);
            }
            if (key.isValid() && key.isReadable()) {
              int code = read(c);
              if (code != 0) {
                long t = System.nanoTime();
                boolean closed = code < 0;
                code = Math.abs(code);
                statuses.computeIfAbsent(code, k -> new AtomicLong()).incrementAndGet();
                if (code == 200) {
                  latency[c.request] = (t - c.due) / 1000;
                  acked[c.request] = true;
                }
                done++;
                c.request = -1;
                if (closed) {
                  close(c);
                  dead++;
                } else {
                  idle.add(c);
                }
              }
            }
          } catch (IOException e) {
            errors.incrementAndGet();
            if (c.request >= 0) {
              done++;
              c.request = -1;
            }
            close(c);
            dead++;
          }
        }
      }
      for (SelectionKey key : selector.keys()) {
        key.channel().close();
      }
    }
  }

  /** A new connection, or null if none could be made. */
  private static Conn open(Selector selector, URI base) {
    try {
      SocketChannel ch = SocketChannel.open(new InetSocketAddress(base.getHost(),
          base.getPort() < 0 ? 80 : base.getPort()));
      ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
      ch.configureBlocking(false);
      Conn c = new Conn(ch);
      ch.register(selector, SelectionKey.OP_READ, c);
      return c;
    } catch (IOException e) {
      return null;
    }
  }

  private static void close(Conn c) {
    try {
      c.channel.close();
    } catch (IOException ignored) {
      // gone either way
    }
  }

  /** Writes what it can; asks for OP_WRITE if the request did not fit. False if the connection failed. */
  private static boolean write(Conn c, Selector selector) {
    try {
      c.channel.write(c.out);
      SelectionKey key = c.channel.keyFor(selector);
      key.interestOps(c.out.hasRemaining() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Reads what arrived; returns the status code once the whole response is in (the connection stays open), 0 while
   * it is incomplete, or the code negated if the server closes the connection after it.
   */
  private static int read(Conn c) throws IOException {
    if (c.channel.read(c.in) < 0) {
      throw new IOException("connection closed by the server");
    }
    byte[] a = c.in.array();
    int len = c.in.position();
    int headEnd = -1;
    for (int i = 3; i < len; i++) {
      if (a[i] == '\n' && a[i - 1] == '\r' && a[i - 2] == '\n' && a[i - 3] == '\r') {
        headEnd = i + 1;
        break;
      }
    }
    if (headEnd < 0) {
      return 0;
    }
    String head = new String(a, 0, headEnd, StandardCharsets.ISO_8859_1).toLowerCase(java.util.Locale.ROOT);
    int code = Integer.parseInt(head.substring(9, 12));
    int body = 0;
    int cl = head.indexOf("\r\ncontent-length:");
    if (cl >= 0) {
      body = Integer.parseInt(head.substring(cl + 17, head.indexOf('\r', cl + 2)).trim());
    } else if (head.contains("transfer-encoding: chunked")) {
      String rest = new String(a, headEnd, len - headEnd, StandardCharsets.ISO_8859_1);
      int end = rest.indexOf("0\r\n\r\n");
      if (end < 0) {
        return 0;
      }
      body = end + 5;
    }
    if (len < headEnd + body) {
      return 0;
    }
    // keep any bytes beyond this response (none expected: one request at a time per connection)
    int extra = len - headEnd - body;
    System.arraycopy(a, headEnd + body, a, 0, extra);
    c.in.position(extra);
    return head.contains("\r\nconnection: close") ? -code : code;
  }
}
