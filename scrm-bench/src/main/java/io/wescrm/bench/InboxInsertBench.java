package io.wescrm.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.util.HexFormat;

/**
 * What one inbox commit and one inbox row cost MariaDB (bench/inbox-insert.sh): multi-row inserts of callback-sized
 * rows into a copy of scrm_inbox_event, one autocommit statement per batch, as InboxWriter does; MariaDB's CPU is read
 * from /proc before and after. Args: mariadbd pid, protocol (text | prepared), batch size, rows.
 */
public class InboxInsertBench {

  static long cpuTicks(long pid) throws Exception {
    String[] f = Files.readString(Path.of("/proc/" + pid + "/stat")).split(" ");
    return Long.parseLong(f[13]) + Long.parseLong(f[14]);
  }

  public static void main(String[] args) throws Exception {
    long pid = Long.parseLong(args[0]);
    boolean prepared = args[1].equals("prepared");
    int batch = Integer.parseInt(args[2]);
    int rows = Integer.parseInt(args[3]);
    String url = "jdbc:mariadb://127.0.0.1:3306/wescrm_ibbench?createDatabaseIfNotExist=true"
        + (prepared ? "&useServerPrepStmts=true" : "");
    try (Connection c = DriverManager.getConnection(url, "root", "")) {
      c.createStatement().execute("DROP TABLE IF EXISTS t");
      c.createStatement().execute("CREATE TABLE t (id BIGINT NOT NULL AUTO_INCREMENT, corp_id VARCHAR(64) NOT NULL, "
          + "dedupe_key CHAR(64) NOT NULL, event VARCHAR(64) NOT NULL, change_type VARCHAR(64) NULL, "
          + "order_key VARCHAR(160) NOT NULL, event_time DATETIME(3) NULL, payload TEXT NOT NULL, fields TEXT NOT NULL, "
          + "status VARCHAR(16) NOT NULL DEFAULT 'PENDING', attempts INT NOT NULL DEFAULT 0, "
          + "next_attempt_at DATETIME(3) NULL, last_error VARCHAR(1000) NULL, received_at DATETIME(3) NOT NULL, "
          + "applied_at DATETIME(3) NULL, PRIMARY KEY (id), UNIQUE KEY uk (corp_id, dedupe_key), "
          + "KEY st (corp_id, status, id)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
      String payload = "<xml><ToUserName><![CDATA[wwbench0000000002]]></ToUserName><FromUserName><![CDATA[sys]]>"
          + "</FromUserName><CreateTime>1733050000</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA["
          + "change_external_contact]]></Event><ChangeType><![CDATA[add_external_contact]]></ChangeType><UserID>"
          + "<![CDATA[shilin01]]></UserID><ExternalUserID><![CDATA[wmload432e0y000001234]]></ExternalUserID><State>"
          + "<![CDATA[store01]]></State><WelcomeCode><![CDATA[WELCOMECODE1234567890abcdef]]></WelcomeCode></xml>";
      String fields = "{\"ChangeType\":\"add_external_contact\",\"CreateTime\":\"1733050000\",\"Event\":"
          + "\"change_external_contact\",\"ExternalUserID\":\"wmload432e0y000001234\",\"FromUserName\":\"sys\","
          + "\"MsgType\":\"event\",\"State\":\"store01\",\"ToUserName\":\"wwbench0000000002\",\"UserID\":\"shilin01\","
          + "\"WelcomeCode\":\"WELCOMECODE1234567890abcdef\"}";
      StringBuilder sql = new StringBuilder("INSERT INTO t (corp_id, dedupe_key, event, change_type, order_key, "
          + "event_time, fields, payload, received_at) VALUES ");
      for (int i = 0; i < batch; i++) {
        sql.append(i == 0 ? "" : ",").append("(?,?,?,?,?,?,?,?,?)");
      }
      sql.append(" ON DUPLICATE KEY UPDATE status = status");
      PreparedStatement ps = c.prepareStatement(sql.toString());
      java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
      Timestamp now = new Timestamp(System.currentTimeMillis());
      int commits = rows / batch;
      long cpu0 = cpuTicks(pid);
      long t0 = System.nanoTime();
      for (int r = 0; r < commits; r++) {
        int k = 1;
        for (int i = 0; i < batch; i++) {
          ps.setString(k++, "wwbench0000000002");
          ps.setString(k++, HexFormat.of().formatHex(sha.digest(("e" + r + "-" + i).getBytes())));
          ps.setString(k++, "change_external_contact");
          ps.setString(k++, "add_external_contact");
          ps.setString(k++, "c:wmload" + r + "_" + i);
          ps.setTimestamp(k++, now);
          ps.setString(k++, fields);
          ps.setString(k++, payload);
          ps.setTimestamp(k++, now);
        }
        ps.executeUpdate();
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      long ticks = cpuTicks(pid) - cpu0;   // 1/100 s
      System.out.printf("%s batch=%d rows=%d: %.1f s, %.0f rows/s, MariaDB %.1f µs/row, %.1f µs/commit%n",
          args[1], batch, commits * batch, seconds, commits * batch / seconds, ticks * 1e4 / (commits * batch),
          ticks * 1e4 / commits);
      c.createStatement().execute("DROP TABLE t");
    }
  }
}
