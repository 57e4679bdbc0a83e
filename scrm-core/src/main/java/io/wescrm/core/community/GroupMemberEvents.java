package io.wescrm.core.community;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The log of member joins and leaves ({@code scrm_group_member_event}). */
public interface GroupMemberEvents {

  /** One join or leave; {@code scene} in the event's numbering; {@code day} the corp's calendar day. */
  record MemberEvent(String corpId, String chatId, String memberId, boolean join, Integer scene, Instant at,
      LocalDate day) {
  }

  /** Records the events; one already recorded (same chat, member, kind and time) is not recorded again. */
  void record(List<MemberEvent> events);
}
