package io.wescrm.wecom.simulator;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a {@link SimChange} into the event XML plaintext WeCom would send (reference §2): common header
 * (ToUserName = corp id, FromUserName = sys, CreateTime in seconds, MsgType = event, Event, ChangeType) plus the
 * kind-specific fields. Strings are CDATA, numbers plain. {@link SimChange.Kind#CUSTOMER_CREATED} has no event.
 */
final class SimCallbackEvents {

  static final String EXTERNAL_CONTACT = "change_external_contact";
  static final String EXTERNAL_CHAT = "change_external_chat";
  static final String EXTERNAL_TAG = "change_external_tag";
  static final String CONTACT = "change_contact";

  private static final Pattern EVENT = Pattern.compile("<Event>\\s*(?:<!\\[CDATA\\[)?(.*?)(?:]]>)?\\s*</Event>");
  private static final Pattern CHANGE_TYPE =
      Pattern.compile("<ChangeType>\\s*(?:<!\\[CDATA\\[)?(.*?)(?:]]>)?\\s*</ChangeType>");

  private SimCallbackEvents() {
  }

  /** Event and ChangeType of a change, or null when WeCom has no event for it. */
  record Name(String event, String changeType) {
  }

  static Name name(SimChange.Kind kind) {
    return switch (kind) {
      case CUSTOMER_CREATED -> null;
      case CUSTOMER_ADDED -> new Name(EXTERNAL_CONTACT, "add_external_contact");
      case CUSTOMER_HALF_ADDED -> new Name(EXTERNAL_CONTACT, "add_half_external_contact");
      case FOLLOW_EDITED, FOLLOW_TAGS_CHANGED -> new Name(EXTERNAL_CONTACT, "edit_external_contact");
      case FOLLOW_DELETED_BY_STAFF, FOLLOW_DELETED_BY_TRANSFER -> new Name(EXTERNAL_CONTACT, "del_external_contact");
      case FOLLOW_DELETED_BY_CUSTOMER -> new Name(EXTERNAL_CONTACT, "del_follow_user");
      case TAG_GROUP_CREATED, TAG_CREATED -> new Name(EXTERNAL_TAG, "create");
      case TAG_GROUP_UPDATED, TAG_UPDATED -> new Name(EXTERNAL_TAG, "update");
      case TAG_GROUP_DELETED, TAG_DELETED -> new Name(EXTERNAL_TAG, "delete");
      case GROUP_CREATED -> new Name(EXTERNAL_CHAT, "create");
      case GROUP_MEMBER_JOINED, GROUP_MEMBER_LEFT, GROUP_OWNER_CHANGED, GROUP_RENAMED, GROUP_NOTICE_CHANGED ->
          new Name(EXTERNAL_CHAT, "update");
      case GROUP_DISMISSED -> new Name(EXTERNAL_CHAT, "dismiss");
      case STAFF_CREATED -> new Name(CONTACT, "create_user");
      case STAFF_UPDATED -> new Name(CONTACT, "update_user");
      case STAFF_DELETED -> new Name(CONTACT, "delete_user");
      case DEPARTMENT_CREATED -> new Name(CONTACT, "create_party");
      case DEPARTMENT_UPDATED -> new Name(CONTACT, "update_party");
      case DEPARTMENT_DELETED -> new Name(CONTACT, "delete_party");
    };
  }

  /**
   * The plaintext event XML for a change, or null when WeCom sends nothing for it. Staff and department fields are
   * read from the corp when the event is built (right after the change).
   */
  static String xml(SimCorp corp, SimChange change) {
    Name name = name(change.kind());
    if (name == null) {
      return null;
    }
    Xml xml = new Xml();
    xml.cdata("ToUserName", change.corpId())
        .cdata("FromUserName", "sys")
        .number("CreateTime", change.time().getEpochSecond())
        .cdata("MsgType", "event")
        .cdata("Event", name.event());
    switch (name.event()) {
      case EXTERNAL_CONTACT -> externalContact(xml, name, change);
      case EXTERNAL_CHAT -> externalChat(xml, name, change);
      case EXTERNAL_TAG -> xml.cdata("Id", change.tagId())
          .cdata("TagType", change.kind().isTagGroup() ? "tag_group" : "tag")
          .cdata("ChangeType", name.changeType());
      default -> contact(xml, name, change, corp);
    }
    return xml.end();
  }

  private static void externalContact(Xml xml, Name name, SimChange change) {
    xml.cdata("ChangeType", name.changeType())
        .cdata("UserID", change.userId())
        .cdata("ExternalUserID", change.externalUserId());
    switch (change.kind()) {
      case CUSTOMER_ADDED, CUSTOMER_HALF_ADDED -> {
        if (change.state() != null && !change.state().isEmpty()) {
          xml.cdata("State", change.state());
        }
        if (change.welcomeCode() != null) {
          xml.cdata("WelcomeCode", change.welcomeCode());
        }
      }
      case FOLLOW_DELETED_BY_TRANSFER -> xml.cdata("Source", "DELETE_BY_TRANSFER");
      default -> {
        // UserID and ExternalUserID only
      }
    }
  }

  private static void externalChat(Xml xml, Name name, SimChange change) {
    xml.cdata("ChatId", change.chatId()).cdata("ChangeType", name.changeType());
    String detail = switch (change.kind()) {
      case GROUP_MEMBER_JOINED -> "add_member";
      case GROUP_MEMBER_LEFT -> "del_member";
      case GROUP_OWNER_CHANGED -> "change_owner";
      case GROUP_RENAMED -> "change_name";
      case GROUP_NOTICE_CHANGED -> "change_notice";
      default -> null;
    };
    if (detail == null) {
      return;
    }
    xml.cdata("UpdateDetail", detail);
    if (change.kind() == SimChange.Kind.GROUP_MEMBER_JOINED) {
      // groupchat/get uses 1 direct invite, 2 link invite, 3 QR; the event uses 0 invited by a member, 3 QR
      xml.number("JoinScene", change.scene() != null && change.scene() == 3 ? 3 : 0);
    } else if (change.kind() == SimChange.Kind.GROUP_MEMBER_LEFT) {
      xml.number("QuitScene", change.scene() != null && change.scene() == 1 ? 1 : 0);
    }
    if (change.kind() == SimChange.Kind.GROUP_MEMBER_JOINED || change.kind() == SimChange.Kind.GROUP_MEMBER_LEFT) {
      List<String> members = change.memberIds();
      xml.number("MemChangeCnt", members.size());
      xml.open("MemChangeList");
      for (String member : members) {
        xml.cdata("Item", member);
      }
      xml.close("MemChangeList");
      if (change.lastMemberVersion() != null) {
        xml.cdata("LastMemVer", change.lastMemberVersion());
      }
      if (change.memberVersion() != null) {
        xml.cdata("CurMemVer", change.memberVersion());
      }
    }
  }

  private static void contact(Xml xml, Name name, SimChange change, SimCorp corp) {
    xml.cdata("ChangeType", name.changeType());
    switch (change.kind()) {
      case STAFF_CREATED, STAFF_UPDATED -> {
        xml.cdata("UserID", change.userId());
        Optional<SimStaff> found = corp.staff(change.userId());
        if (found.isPresent()) {
          SimStaff staff = found.get();
          List<SimDepartment> departments = corp.departments();
          StringBuilder depts = new StringBuilder();
          StringBuilder leader = new StringBuilder();
          for (Long dept : staff.departments()) {
            if (!depts.isEmpty()) {
              depts.append(',');
              leader.append(',');
            }
            depts.append(dept);
            boolean isLeader = departments.stream()
                .anyMatch(d -> d.id() == dept && d.leaders().contains(staff.userid()));
            leader.append(isLeader ? '1' : '0');
          }
          xml.cdata("Name", staff.name())
              .cdata("Department", depts.toString())
              .number("MainDepartment", staff.mainDepartment())
              .cdata("IsLeaderInDept", leader.toString());
          if (staff.position() != null) {
            xml.cdata("Position", staff.position());
          }
          if (staff.mobile() != null) {
            xml.cdata("Mobile", staff.mobile());
          }
          xml.number("Gender", staff.gender());
          if (staff.email() != null) {
            xml.cdata("Email", staff.email());
          }
          xml.number("Status", staff.status());
        }
      }
      case STAFF_DELETED -> xml.cdata("UserID", change.userId());
      case DEPARTMENT_CREATED, DEPARTMENT_UPDATED -> {
        long id = change.departmentId();
        xml.number("Id", id);
        corp.departments().stream().filter(d -> d.id() == id).findFirst().ifPresent(dept -> {
          xml.cdata("Name", dept.name()).cdata("ParentId", Long.toString(dept.parentId()));
          if (change.kind() == SimChange.Kind.DEPARTMENT_CREATED) {
            xml.number("Order", dept.order());
          }
        });
      }
      case DEPARTMENT_DELETED -> xml.number("Id", change.departmentId());
      default -> throw new IllegalStateException("not a contact change: " + change.kind());
    }
  }

  /** Event and ChangeType of any plaintext (for the journal of raw events); "" when absent. */
  static Name parseName(String xml) {
    return new Name(first(EVENT, xml), first(CHANGE_TYPE, xml));
  }

  private static String first(Pattern pattern, String xml) {
    Matcher matcher = pattern.matcher(xml);
    return matcher.find() ? matcher.group(1) : "";
  }

  /** A tiny XML writer for flat WeCom events. */
  private static final class Xml {
    private final StringBuilder out = new StringBuilder(512).append("<xml>");

    Xml cdata(String element, String value) {
      out.append('<').append(element).append("><![CDATA[");
      if (value != null) {
        out.append(value.replace("]]>", "]]]]><![CDATA[>"));
      }
      out.append("]]></").append(element).append('>');
      return this;
    }

    Xml number(String element, long value) {
      out.append('<').append(element).append('>').append(value).append("</").append(element).append('>');
      return this;
    }

    Xml open(String element) {
      out.append('<').append(element).append('>');
      return this;
    }

    Xml close(String element) {
      out.append("</").append(element).append('>');
      return this;
    }

    String end() {
      return out.append("</xml>").toString();
    }
  }
}
