package io.wescrm.core.community;

import io.wescrm.core.events.DomainEvent;
import io.wescrm.core.events.EventConsumer;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code community} consumer: writes every member join and leave of the change_external_chat callbacks to the
 * member event log, with the corp's calendar day, once (idempotent on chat, member, kind and time). The analytics read
 * joins and leaves per day from it; the join's state (its 群活码) comes from the member mirror, which the re-fetch of
 * the group fills from groupchat/get.
 */
public class LoggingGroupMembers implements EventConsumer {

  private final GroupMemberEvents log;
  private final ZoneId zone;

  public LoggingGroupMembers(GroupMemberEvents log, ZoneId zone) {
    this.log = log;
    this.zone = zone;
  }

  @Override
  public String name() {
    return "community";
  }

  @Override
  public boolean accepts(DomainEvent event) {
    return event instanceof DomainEvent.MembersJoinedGroup || event instanceof DomainEvent.MembersLeftGroup;
  }

  @Override
  public List<DomainEvent> handle(List<DomainEvent> events) {
    List<GroupMemberEvents.MemberEvent> rows = new ArrayList<>();
    for (DomainEvent event : events) {
      if (event instanceof DomainEvent.MembersJoinedGroup e) {
        for (String member : e.memberIds()) {
          rows.add(new GroupMemberEvents.MemberEvent(e.corpId(), e.chatId(), member, true, e.joinScene(), e.at(),
              e.at().atZone(zone).toLocalDate()));
        }
      } else if (event instanceof DomainEvent.MembersLeftGroup e) {
        for (String member : e.memberIds()) {
          rows.add(new GroupMemberEvents.MemberEvent(e.corpId(), e.chatId(), member, false, e.quitScene(), e.at(),
              e.at().atZone(zone).toLocalDate()));
        }
      }
    }
    log.record(rows);
    return List.of();
  }
}
