package io.wescrm.core.inbox;

import io.wescrm.core.events.DomainEvent;
import io.wescrm.core.inbox.RefetchQueue.Kind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Applies one stored event (reference/wecom-api.md §2): writes the facts it carries at once, asks for a coalesced
 * re-fetch of the details, and names the domain events it causes. Idempotent: applying an event twice changes nothing.
 */
public final class EventApplication {

  /** An event this server does not know how to apply: parked, never dropped. */
  public static final class UnknownEvent extends RuntimeException {
    UnknownEvent(String what) {
      super("unknown event: " + what);
    }
  }

  /**
   * Events of the self-built app that arrive on the same callback URL and carry nothing this server mirrors: a member
   * entering the app, menu clicks and views, location reports, (un)subscribes, scans, pictures, … They are marked
   * IGNORED (kept like applied events for the retention period), never parked as failures.
   */
  private static final java.util.Set<String> APP_EVENTS = java.util.Set.of("enter_agent", "click", "view",
      "location", "subscribe", "unsubscribe", "scancode_push", "scancode_waitmsg", "pic_sysphoto",
      "pic_photo_or_album", "pic_weixin", "location_select", "open_approval_change", "share_agent_change",
      "share_chain_change", "template_card_event", "template_card_menu_event", "view_miniprogram");

  /** Whether the event is an app event this server does not apply (case-insensitive: WeCom sends LOCATION). */
  public static boolean ignored(StoredEvent e) {
    return e.event() != null && APP_EVENTS.contains(e.event().toLowerCase(java.util.Locale.ROOT));
  }

  private final EventFacts facts;
  private final RefetchQueue refetches;
  private final Clock clock;
  private final Duration window;

  public EventApplication(EventFacts facts, RefetchQueue refetches, Clock clock, Duration coalescingWindow) {
    this.facts = facts;
    this.refetches = refetches;
    this.clock = clock;
    this.window = coalescingWindow;
  }

  /** Applies one event; the domain events it causes are added to {@code out} (stored with the change by the caller). */
  public void apply(StoredEvent e, List<DomainEvent> out) {
    applyAll(List.of(e), out);
  }

  /**
   * Applies events in order, inside the caller's transaction; their re-fetch requests are written together at the
   * end (one statement for the chunk instead of one per event: nothing in between reads them).
   */
  public void applyAll(List<StoredEvent> events, List<DomainEvent> out) {
    Instant now = clock.instant();
    Chunk chunk = new Chunk(new java.util.ArrayList<>(), new java.util.ArrayList<>());
    for (StoredEvent e : events) {
      apply(e, now, out, chunk);
    }
    flushAdds(chunk, now);
    if (!chunk.refetch().isEmpty()) {
      refetches.requestAll(chunk.refetch(), now, window);
    }
  }

  /**
   * What a chunk writes together: re-fetch requests (at the end) and runs of consecutive follow adds (before the
   * next event of another kind, so that every fact is still written in event order).
   */
  private record Chunk(List<RefetchQueue.Request> refetch, List<EventFacts.FollowAdd> adds) {
  }

  private void flushAdds(Chunk chunk, Instant now) {
    if (!chunk.adds().isEmpty()) {
      facts.followsAdded(List.copyOf(chunk.adds()), now);
      chunk.adds().clear();
    }
  }

  private void apply(StoredEvent e, Instant now, List<DomainEvent> out, Chunk chunk) {
    Instant at = e.eventTime() == null ? e.receivedAt() : e.eventTime();
    String corp = e.corpId();
    String change = e.changeType() == null ? "" : e.changeType();
    if (!"change_external_contact".equals(e.event()) || !change.startsWith("add_")) {
      flushAdds(chunk, now);
    }
    switch (e.event()) {
      case "change_external_contact" -> contact(e, corp, change, at, now, out, chunk);
      case "change_external_chat" -> chat(e, corp, change, at, now, out, chunk);
      case "change_external_tag" -> {
        if (!List.of("create", "update", "delete", "shuffle").contains(change)) {
          throw new UnknownEvent("change_external_tag/" + change);
        }
        if ("delete".equals(change) && e.field("Id") != null && !e.field("Id").isEmpty()) {
          facts.tagDeleted(corp, e.field("Id"), "tag_group".equals(e.field("TagType")), at, now);
        }
        chunk.refetch().add(new RefetchQueue.Request(corp, Kind.TAGS, "all"));
        out.add(new DomainEvent.CorpTagsChanged(corp, change, e.field("Id"), e.field("TagType"), at));
      }
      case "change_contact" -> contactDirectory(e, corp, change, at, now, chunk);
      case "batch_job_result" -> {
        // recorded in the inbox; nothing to mirror
      }
      default -> throw new UnknownEvent(e.event() + "/" + change);
    }
  }

  private void contact(StoredEvent e, String corp, String change, Instant at, Instant now,
      List<DomainEvent> out, Chunk chunk) {
    String userid = e.field("UserID");
    String ext = e.field("ExternalUserID");
    if (ext == null || ext.isEmpty() || userid == null || userid.isEmpty()) {
      throw new UnknownEvent("change_external_contact/" + change + " without UserID/ExternalUserID");
    }
    switch (change) {
      case "add_external_contact", "add_half_external_contact" -> {
        chunk.adds().add(new EventFacts.FollowAdd(corp, userid, ext, blankToNull(e.field("State")), at));
        chunk.refetch().add(new RefetchQueue.Request(corp, Kind.CUSTOMER, ext));
        out.add(new DomainEvent.CustomerAdded(corp, userid, ext, blankToNull(e.field("State")),
            blankToNull(e.field("WelcomeCode")), change.startsWith("add_half"), at));
      }
      case "edit_external_contact" -> {
        chunk.refetch().add(new RefetchQueue.Request(corp, Kind.CUSTOMER, ext));
        out.add(new DomainEvent.CustomerEdited(corp, userid, ext, at));
      }
      case "del_external_contact" -> {
        boolean transfer = "DELETE_BY_TRANSFER".equals(e.field("Source"));
        facts.followDeleted(corp, userid, ext, transfer ? "TRANSFER" : "STAFF", at, now);
        out.add(new DomainEvent.StaffDeletedCustomer(corp, userid, ext, transfer, at));
      }
      case "del_follow_user" -> {
        facts.followDeleted(corp, userid, ext, "CUSTOMER", at, now);
        out.add(new DomainEvent.CustomerDeletedStaff(corp, userid, ext, at));
      }
      case "transfer_fail" -> {
        chunk.refetch().add(new RefetchQueue.Request(corp, Kind.CUSTOMER, ext));
        out.add(new DomainEvent.CustomerTransferFailed(corp, userid, ext, e.field("FailReason"), at));
      }
      default -> throw new UnknownEvent("change_external_contact/" + change);
    }
  }

  private void chat(StoredEvent e, String corp, String change, Instant at, Instant now,
      List<DomainEvent> out, Chunk chunk) {
    String chatId = e.field("ChatId");
    if (chatId == null || chatId.isEmpty()) {
      throw new UnknownEvent("change_external_chat/" + change + " without ChatId");
    }
    switch (change) {
      case "create" -> chunk.refetch().add(new RefetchQueue.Request(corp, Kind.GROUP, chatId));
      case "dismiss" -> facts.groupDismissed(corp, chatId, at, now);
      case "update" -> {
        String detail = e.field("UpdateDetail") == null ? "" : e.field("UpdateDetail");
        List<String> members = split(e.field("MemChangeList"));
        switch (detail) {
          case "add_member" -> {
            Integer scene = integer(e.field("JoinScene"));
            facts.membersJoined(corp, chatId, members, scene, e.field("LastMemVer"), e.field("CurMemVer"), at, now);
            out.add(new DomainEvent.MembersJoinedGroup(corp, chatId, members, scene, at));
          }
          case "del_member" -> {
            Integer scene = integer(e.field("QuitScene"));
            facts.membersLeft(corp, chatId, members, scene, e.field("LastMemVer"), e.field("CurMemVer"), at, now);
            out.add(new DomainEvent.MembersLeftGroup(corp, chatId, members, scene, at));
          }
          case "change_owner", "change_name", "change_notice" -> {
            // details come with the re-fetch below
          }
          default -> throw new UnknownEvent("change_external_chat/update/" + detail);
        }
        // always re-fetched (coalesced): the event lacks member details, and a version gap means missed events
        chunk.refetch().add(new RefetchQueue.Request(corp, Kind.GROUP, chatId));
      }
      default -> throw new UnknownEvent("change_external_chat/" + change);
    }
  }

  private void contactDirectory(StoredEvent e, String corp, String change, Instant at, Instant now,
      Chunk chunk) {
    switch (change) {
      case "create_user", "update_user" -> {
        String userid = e.field("UserID");
        chunk.refetch().add(new RefetchQueue.Request(corp, Kind.STAFF, userid));
        String renamed = e.field("NewUserID");
        if (renamed != null && !renamed.isEmpty() && !renamed.equals(userid)) {
          facts.staffDeleted(corp, userid, at, now);
          chunk.refetch().add(new RefetchQueue.Request(corp, Kind.STAFF, renamed));
        }
      }
      case "delete_user" -> facts.staffDeleted(corp, e.field("UserID"), at, now);
      case "create_party", "update_party" -> facts.departmentUpserted(corp, Long.parseLong(e.field("Id")),
          e.field("Name"), longOrNull(e.field("ParentId")), longOrNull(e.field("Order")), now);
      case "delete_party" -> facts.departmentDeleted(corp, Long.parseLong(e.field("Id")), at, now);
      case "update_tag" -> {
        // 通讯录 tags (not customer tags): nothing of ours changes
      }
      default -> throw new UnknownEvent("change_contact/" + change);
    }
  }

  private static List<String> split(String csv) {
    return csv == null || csv.isBlank() ? List.of() : Arrays.stream(csv.split(",")).map(String::trim)
        .filter(s -> !s.isEmpty()).toList();
  }

  private static Integer integer(String s) {
    return s == null || s.isBlank() ? null : Integer.valueOf(s.trim());
  }

  private static Long longOrNull(String s) {
    return s == null || s.isBlank() ? null : Long.valueOf(s.trim());
  }

  private static String blankToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
