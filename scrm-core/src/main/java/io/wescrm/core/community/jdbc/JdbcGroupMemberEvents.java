package io.wescrm.core.community.jdbc;

import io.wescrm.core.community.GroupMemberEvents;
import io.wescrm.core.jdbc.JdbcTime;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@link GroupMemberEvents} over JDBC: {@code scrm_group_member_event}, idempotent on its unique key. */
public class JdbcGroupMemberEvents implements GroupMemberEvents {

  private final JdbcTemplate jdbc;

  public JdbcGroupMemberEvents(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void record(List<MemberEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    jdbc.batchUpdate("INSERT INTO scrm_group_member_event (corp_id, chat_id, member_id, kind, scene, happened_at, event_day) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE scene = VALUES(scene)",
        events.stream().map(e -> new Object[] {e.corpId(), e.chatId(), e.memberId(), e.join() ? "JOIN" : "LEAVE",
            e.scene(), JdbcTime.ts(e.at()), e.day()}).toList());
  }
}
