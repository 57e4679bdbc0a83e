package io.wescrm.wecom.simulator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The mutable entities of a simulated corp. Only touched while holding the owning {@link SimCorp}'s lock (read lock
 * to read, write lock to change); the public API hands out immutable records instead.
 */
final class CorpModel {

  private CorpModel() {
  }

  static final class Dept {
    final long id;
    String name;
    String nameEn;
    long parentId;
    long order;
    final List<String> leaders = new ArrayList<>(1);

    Dept(long id, String name, String nameEn, long parentId, long order) {
      this.id = id;
      this.name = name;
      this.nameEn = nameEn;
      this.parentId = parentId;
      this.order = order;
    }

    SimDepartment view() {
      return new SimDepartment(id, name, nameEn, parentId, order, leaders);
    }
  }

  static final class Staff {
    final String userid;
    String name;
    final List<Long> departments;
    String position;
    String mobile;
    int gender;
    String email;
    String alias;
    boolean contactEnabled;
    int status = 1;
    /** Follow relations in creation order: the paging order of batch/get_by_user. */
    final TreeMap<Long, Follow> followsBySeq = new TreeMap<>();
    final HashMap<String, Follow> followsByExternalUserId = new HashMap<>();

    Staff(String userid, String name, List<Long> departments) {
      this.userid = userid;
      this.name = name;
      this.departments = new ArrayList<>(departments);
    }

    long mainDepartment() {
      return departments.isEmpty() ? 1L : departments.get(0);
    }

    SimStaff view() {
      return new SimStaff(userid, name, departments, mainDepartment(), position, mobile, gender, email,
          contactEnabled, status);
    }
  }

  static final class Customer {
    final String externalUserId;
    String name;
    int type = 1;
    int gender;
    String unionid;
    String corpName;
    String corpFullName;
    String position;
    String avatar;
    /** Follow relations in creation (= seq) order: the order of follow_user in externalcontact/get. */
    final ArrayList<Follow> follows = new ArrayList<>(2);

    Customer(String externalUserId, String name) {
      this.externalUserId = externalUserId;
      this.name = name;
    }

    SimCustomer view() {
      return new SimCustomer(externalUserId, name, type, gender, unionid, corpName, corpFullName, position, avatar);
    }
  }

  static final class Follow {
    final long seq;
    final Staff staff;
    final Customer customer;
    String remark = "";
    String description = "";
    long createTime;
    int addWay;
    String state;
    String operUserid;
    String remarkCorpName;
    List<String> remarkMobiles = List.of();
    /** Corp tags on the relation, in the order they were put on (a handful: a list is cheaper than a set). */
    final ArrayList<Tag> tags = new ArrayList<>(2);

    Follow(long seq, Staff staff, Customer customer) {
      this.seq = seq;
      this.staff = staff;
      this.customer = customer;
    }

    List<String> tagIds() {
      List<String> ids = new ArrayList<>(tags.size());
      for (Tag tag : tags) {
        ids.add(tag.id);
      }
      return ids;
    }

    SimFollow view() {
      return new SimFollow(staff.userid, customer.externalUserId, remark, description, createTime, addWay, state,
          operUserid, remarkCorpName, remarkMobiles, tagIds());
    }
  }

  static final class TagGroup {
    final String id;
    final long seq;
    String name;
    long createTime;
    long order;
    boolean deleted;
    /** All tags of the group, deleted ones included (they stay visible by id). */
    final LinkedHashMap<String, Tag> tags = new LinkedHashMap<>();

    TagGroup(String id, long seq, String name, long createTime, long order) {
      this.id = id;
      this.seq = seq;
      this.name = name;
      this.createTime = createTime;
      this.order = order;
    }

    int liveTagCount() {
      int n = 0;
      for (Tag tag : tags.values()) {
        if (!tag.deleted) {
          n++;
        }
      }
      return n;
    }

    SimTagGroup view() {
      List<SimTag> live = new ArrayList<>();
      for (Tag tag : tags.values()) {
        if (!tag.deleted) {
          live.add(tag.view());
        }
      }
      return new SimTagGroup(id, name, createTime, order, deleted, live);
    }
  }

  static final class Tag {
    final String id;
    final TagGroup group;
    final long seq;
    String name;
    long createTime;
    long order;
    boolean deleted;
    /** Reverse index: relations carrying this tag, so deleting a tag does not scan the corp. */
    final Set<Follow> holders = new HashSet<>();

    Tag(String id, TagGroup group, long seq, String name, long createTime, long order) {
      this.id = id;
      this.group = group;
      this.seq = seq;
      this.name = name;
      this.createTime = createTime;
      this.order = order;
    }

    SimTag view() {
      return new SimTag(id, group.id, name, createTime, order, deleted);
    }
  }

  static final class Chat {
    final String chatId;
    final long seq;
    String name;
    String owner;
    String notice;
    long createTime;
    int status;
    boolean dismissed;
    long version;
    String memberVersion;
    final LinkedHashMap<String, Member> members = new LinkedHashMap<>();
    final List<String> admins = new ArrayList<>(2);

    Chat(String chatId, long seq, String name, String owner, String notice, long createTime) {
      this.chatId = chatId;
      this.seq = seq;
      this.name = name;
      this.owner = owner;
      this.notice = notice;
      this.createTime = createTime;
    }
  }

  static final class Member {
    final String id;
    final int type;
    String unionid;
    long joinTime;
    int joinScene;
    String invitor;
    String groupNickname;
    /** Explicit display name; null means "resolve from the staff or customer". */
    String name;
    /** The 群活码's state the member joined through, or null. */
    String state;

    Member(String id, int type) {
      this.id = id;
      this.type = type;
    }
  }

  /** Small helper for the holder maps. */
  static <K, V> TreeMap<Long, V> treeFor(Map<K, TreeMap<Long, V>> map, K key) {
    return map.computeIfAbsent(key, k -> new TreeMap<>());
  }
}
