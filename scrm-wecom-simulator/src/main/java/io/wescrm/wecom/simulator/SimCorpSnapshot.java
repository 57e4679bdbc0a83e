package io.wescrm.wecom.simulator;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.wescrm.wecom.simulator.CorpModel.Chat;
import io.wescrm.wecom.simulator.CorpModel.Customer;
import io.wescrm.wecom.simulator.CorpModel.Dept;
import io.wescrm.wecom.simulator.CorpModel.Follow;
import io.wescrm.wecom.simulator.CorpModel.Member;
import io.wescrm.wecom.simulator.CorpModel.Staff;
import io.wescrm.wecom.simulator.CorpModel.Tag;
import io.wescrm.wecom.simulator.CorpModel.TagGroup;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole state of one simulated corp as plain data, written to and read from JSON (Jackson), so that a simulated
 * corp survives a restart: departments, staff, customers (with or without relations), follow relations in creation
 * order with their tags, the tag library (deleted tags and groups kept: they stay visible by id), customer groups
 * with members and member versions, token and tag-limit settings, and the acquisition state (contact ways with their
 * state, round-robin positions, accepted welcome messages, transfers and their history, unassigned customers of
 * resigned staff, the acquisition clock and transfer settings), the group sends ({@link SimGroupMsgs.Data}) and the
 * community ({@link SimCommunity.Data}: join ways, group welcome templates, member history, settings).
 *
 * <p>Not kept: access tokens (clients fetch new ones), WelcomeCodes (valid 20 s), the callback configuration and
 * journal (the owner configures callbacks again at start), faults and statistics, scan bursts. Id generation needs no
 * state: new ids are drawn until they are unused, and every id ever handed out stays in the restored maps (customers
 * without relations, deleted tags, dismissed groups), so new ids never collide with old ones. Internal sequence
 * numbers are renumbered on restore with their order kept (paging order of relations, groups and tags).
 *
 * <p>{@link #capture} takes the acquisition monitor, then the corp's read lock (the order {@link SimAcquisition} uses);
 * {@link #restoreInto} needs a corp created empty ({@link SeedSize#empty()}).
 */
public record SimCorpSnapshot(int format, String corpId, long savedAtMillis, long tokenTtlSeconds, int maxCorpTags,
    List<DeptData> departments, List<StaffData> staff, List<CustomerData> customers, List<FollowData> follows,
    List<TagGroupData> tagGroups, List<ChatData> chats, AcquisitionData acquisition,
    SimGroupMsgs.Data groupMsgs, SimMoments.Data moments, SimCommunity.Data community) {

  public static final int FORMAT = 1;

  private static final JsonMapper JSON = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  public SimCorpSnapshot {
    departments = nn(departments);
    staff = nn(staff);
    customers = nn(customers);
    follows = nn(follows);
    tagGroups = nn(tagGroups);
    chats = nn(chats);
    acquisition = acquisition == null ? new AcquisitionData(null, null, null, null, null, null, null, 0, 50_000,
        86_400_000L) : acquisition;
  }

  public record DeptData(long id, String name, String nameEn, long parentId, long order, List<String> leaders) {
    public DeptData {
      leaders = nn(leaders);
    }
  }

  public record StaffData(String userid, String name, List<Long> departments, String position, String mobile,
      int gender, String email, String alias, boolean contactEnabled, int status) {
    public StaffData {
      departments = nn(departments);
    }
  }

  public record CustomerData(String externalUserId, String name, int type, int gender, String unionid,
      String corpName, String corpFullName, String position, String avatar) {
  }

  public record FollowData(String userid, String externalUserId, String remark, String description,
      long createTime, int addWay, String state, String operUserid, String remarkCorpName,
      List<String> remarkMobiles, List<String> tagIds) {
    public FollowData {
      remarkMobiles = nn(remarkMobiles);
      tagIds = nn(tagIds);
    }
  }

  public record TagGroupData(String id, String name, long createTime, long order, boolean deleted,
      List<TagData> tags) {
    public TagGroupData {
      tags = nn(tags);
    }
  }

  public record TagData(String id, String name, long createTime, long order, boolean deleted) {
  }

  public record ChatData(String chatId, String name, String owner, String notice, long createTime, int status,
      boolean dismissed, long version, String memberVersion, List<MemberData> members, List<String> admins) {
    public ChatData {
      members = nn(members);
      admins = nn(admins);
    }
  }

  public record MemberData(String id, int type, String unionid, long joinTime, int joinScene, String invitor,
      String groupNickname, String name, String state) {
  }

  /** A contact way; {@code conclusions} as JSON text. */
  public record ContactWayData(String configId, int type, int scene, Integer style, String remark,
      boolean skipVerify, String state, List<String> users, List<Long> parties, boolean temp, Integer expiresIn,
      Integer chatExpiresIn, String unionid, String qrCode, String conclusions) {
    public ContactWayData {
      users = nn(users);
      parties = nn(parties);
    }

    static ContactWayData of(SimAcquisition.ContactWay w) {
      return new ContactWayData(w.configId(), w.type(), w.scene(), w.style(), w.remark(), w.skipVerify(),
          w.state(), w.users(), w.parties(), w.temp(), w.expiresIn(), w.chatExpiresIn(), w.unionid(), w.qrCode(),
          w.conclusions() == null ? null : w.conclusions().toString());
    }

    SimAcquisition.ContactWay toContactWay() {
      JsonObject parsed = conclusions == null ? null : JsonParser.parseString(conclusions).getAsJsonObject();
      return new SimAcquisition.ContactWay(configId, type, scene, style, remark, skipVerify, state, users, parties,
          temp, expiresIn, chatExpiresIn, unionid, qrCode, parsed);
    }
  }

  public record UnassignedData(String handover, String externalUserId, long dimissionTime, FollowData follow) {
  }

  public record AcquisitionData(List<ContactWayData> contactWays, Map<String, Integer> roundRobin,
      List<SimAcquisition.Welcome> welcomes, List<SimAcquisition.Transfer> transfers,
      Map<String, List<Long>> history, List<UnassignedData> unassigned, List<String> resignedStaff,
      long clockOffsetMillis, int takeoverLimit, long transferDelayMillis) {
    public AcquisitionData {
      contactWays = nn(contactWays);
      roundRobin = roundRobin == null ? Map.of() : roundRobin;
      welcomes = nn(welcomes);
      transfers = nn(transfers);
      history = history == null ? Map.of() : history;
      unassigned = nn(unassigned);
      resignedStaff = nn(resignedStaff);
    }
  }

  // ---------------------------------------------------------------- capture

  /** A consistent copy of the corp's state (acquisition monitor, then the corp's read lock). */
  public static SimCorpSnapshot capture(SimCorp corp) {
    SimAcquisition acq = corp.acquisition();
    SimCorpSnapshot snapshot;
    synchronized (acq) {
      AcquisitionData acquisition = new AcquisitionData(
          acq.contactWays.values().stream().map(ContactWayData::of).toList(),
          new LinkedHashMap<>(acq.roundRobin), List.copyOf(acq.welcomes), List.copyOf(acq.transfers.values()),
          copyHistory(acq.history),
          acq.unassigned.values().stream().map(u -> new UnassignedData(u.handover(), u.externalUserId(),
              u.dimissionTime(), followData(u.follow()))).toList(),
          acq.resignedStaff.stream().sorted().toList(), acq.clockOffsetMillis, acq.takeoverLimit,
          acq.transferDelayMillis);
      snapshot = corp.read(() -> captureLocked(corp, acquisition));
    }
    // the group sends' monitor is taken alone, after the others are released (it takes the corp's read lock itself);
    // so are the moments' and the community's (join ways, welcome templates, member history)
    return snapshot.withGroupMsgs(corp.groupMsgs().export(), corp.community().export())
        .withMoments(corp.moments().export());
  }

  /** {@link #capture} with the group sends and the community (taken after the other locks are released). */
  private SimCorpSnapshot withGroupMsgs(SimGroupMsgs.Data data, SimCommunity.Data communityData) {
    return new SimCorpSnapshot(format, corpId, savedAtMillis, tokenTtlSeconds, maxCorpTags, departments, staff,
        customers, follows, tagGroups, chats, acquisition, data, moments, communityData);
  }

  /** {@link #capture} with the moments (taken alone, like the group sends). */
  private SimCorpSnapshot withMoments(SimMoments.Data data) {
    return new SimCorpSnapshot(format, corpId, savedAtMillis, tokenTtlSeconds, maxCorpTags, departments, staff,
        customers, follows, tagGroups, chats, acquisition, groupMsgs, data, community);
  }

  private static SimCorpSnapshot captureLocked(SimCorp corp, AcquisitionData acquisition) {
    List<DeptData> departments = new ArrayList<>();
    for (Dept d : corp.departments.values()) {
      departments.add(new DeptData(d.id, d.name, d.nameEn, d.parentId, d.order, List.copyOf(d.leaders)));
    }
    List<StaffData> staff = new ArrayList<>();
    List<Follow> follows = new ArrayList<>();
    for (Staff s : corp.staff.values()) {
      staff.add(new StaffData(s.userid, s.name, List.copyOf(s.departments), s.position, s.mobile, s.gender, s.email,
          s.alias, s.contactEnabled, s.status));
      follows.addAll(s.followsBySeq.values());
    }
    follows.sort(Comparator.comparingLong(f -> f.seq));
    List<CustomerData> customers = new ArrayList<>();
    for (Customer c : corp.customers.values()) {
      customers.add(new CustomerData(c.externalUserId, c.name, c.type, c.gender, c.unionid, c.corpName,
          c.corpFullName, c.position, c.avatar));
    }
    customers.sort(Comparator.comparing(CustomerData::externalUserId));
    List<TagGroupData> groups = new ArrayList<>();
    for (TagGroup g : corp.tagGroups.values()) {
      List<TagData> tags = new ArrayList<>();
      for (Tag t : g.tags.values()) {
        tags.add(new TagData(t.id, t.name, t.createTime, t.order, t.deleted));
      }
      groups.add(new TagGroupData(g.id, g.name, g.createTime, g.order, g.deleted, tags));
    }
    List<Chat> chats = new ArrayList<>(corp.chats.values());
    chats.sort(Comparator.comparingLong(c -> c.seq));
    List<ChatData> chatData = new ArrayList<>();
    for (Chat c : chats) {
      List<MemberData> members = new ArrayList<>();
      for (Member m : c.members.values()) {
        members.add(new MemberData(m.id, m.type, m.unionid, m.joinTime, m.joinScene, m.invitor, m.groupNickname,
            m.name, m.state));
      }
      chatData.add(new ChatData(c.chatId, c.name, c.owner, c.notice, c.createTime, c.status, c.dismissed, c.version,
          c.memberVersion, members, List.copyOf(c.admins)));
    }
    return new SimCorpSnapshot(FORMAT, corp.corpId(), System.currentTimeMillis(), corp.tokenTtl().toSeconds(),
        corp.maxCorpTags(), departments, staff, customers,
        follows.stream().map(f -> followData(f.view())).toList(), groups, chatData, acquisition, null, null, null);
  }

  private static FollowData followData(SimFollow f) {
    return new FollowData(f.userid(), f.externalUserId(), f.remark(), f.description(), f.createTime(), f.addWay(),
        f.state(), f.operUserid(), f.remarkCorpName(), f.remarkMobiles(), f.tagIds());
  }

  private static Map<String, List<Long>> copyHistory(Map<String, List<Long>> history) {
    Map<String, List<Long>> copy = new LinkedHashMap<>();
    history.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    return copy;
  }

  // ---------------------------------------------------------------- restore

  /**
   * Replaces the state of a corp created empty (only its root department) with this snapshot. No changes are
   * reported (nothing happened in the corp: it is the same world as before). IllegalArgumentException for another
   * corp id, IllegalStateException when the corp already has staff, customers, tags or groups.
   */
  public void restoreInto(SimCorp corp) {
    if (!Objects.equals(corpId, corp.corpId())) {
      throw new IllegalArgumentException("snapshot of corp " + corpId + " cannot restore corp " + corp.corpId());
    }
    SimAcquisition acq = corp.acquisition();
    synchronized (acq) {
      corp.write(() -> {
        restoreLocked(corp);
        return null;
      });
      acq.contactWays.clear();
      for (ContactWayData way : acquisition.contactWays()) {
        acq.contactWays.put(way.configId(), way.toContactWay());
      }
      acq.roundRobin.clear();
      acq.roundRobin.putAll(acquisition.roundRobin());
      acq.welcomes.clear();
      acq.welcomes.addAll(acquisition.welcomes());
      acq.transfers.clear();
      for (SimAcquisition.Transfer t : acquisition.transfers()) {
        acq.transfers.put(t.externalUserId(), t);
      }
      acq.history.clear();
      acquisition.history().forEach((k, v) -> acq.history.put(k, new ArrayList<>(v)));
      acq.unassigned.clear();
      for (UnassignedData u : acquisition.unassigned()) {
        FollowData f = u.follow();
        acq.unassigned.put(u.handover() + '|' + u.externalUserId(), new SimAcquisition.Unassigned(u.handover(),
            u.externalUserId(), u.dimissionTime(), new SimFollow(f.userid(), f.externalUserId(), f.remark(),
                f.description(), f.createTime(), f.addWay(), f.state(), f.operUserid(), f.remarkCorpName(),
                f.remarkMobiles(), f.tagIds())));
      }
      acq.resignedStaff.clear();
      acq.resignedStaff.addAll(acquisition.resignedStaff());
      acq.clockOffsetMillis = acquisition.clockOffsetMillis();
      acq.takeoverLimit = acquisition.takeoverLimit();
      acq.transferDelayMillis = acquisition.transferDelayMillis();
    }
    if (groupMsgs != null) {
      corp.groupMsgs().restore(groupMsgs);
    }
    if (moments != null) {
      corp.moments().restore(moments);
    } else {
      // a snapshot from before moments existed: the restored corp gets seeded moments (deterministic per corp)
      corp.moments().seedIfNeeded(SimSeeder.mix(corpId.hashCode()), java.time.LocalDate.now(SimGroupMsgs.CHINA)
          .atStartOfDay(SimGroupMsgs.CHINA).toEpochSecond());
    }
    if (community != null) {
      corp.community().restore(community);
    }
    if (tokenTtlSeconds >= 1) {
      corp.tokenTtl(java.time.Duration.ofSeconds(tokenTtlSeconds));
    }
    corp.maxCorpTags(Math.max(0, maxCorpTags));
  }

  private void restoreLocked(SimCorp corp) {
    if (!corp.staff.isEmpty() || !corp.customers.isEmpty() || !corp.tagGroups.isEmpty() || !corp.chats.isEmpty()
        || corp.departments.size() > 1) {
      throw new IllegalStateException("restore needs a corp created empty: " + corp.corpId());
    }
    corp.departments.clear();
    for (DeptData d : departments) {
      corp.insertDepartment(d.id(), d.name(), d.nameEn(), d.parentId(), d.order()).leaders.addAll(d.leaders());
    }
    for (StaffData s : staff) {
      Staff member = corp.insertStaff(s.userid(), s.name(), s.departments(), s.contactEnabled());
      member.position = s.position();
      member.mobile = s.mobile();
      member.gender = s.gender();
      member.email = s.email();
      member.alias = s.alias();
      member.status = s.status();
    }
    for (CustomerData c : customers) {
      Customer customer = corp.insertCustomer(c.externalUserId(), c.name());
      customer.type = c.type();
      customer.gender = c.gender();
      customer.unionid = c.unionid();
      customer.corpName = c.corpName();
      customer.corpFullName = c.corpFullName();
      customer.position = c.position();
      customer.avatar = c.avatar();
    }
    for (TagGroupData g : tagGroups) {
      TagGroup group = corp.insertTagGroup(g.id(), g.name(), g.createTime(), g.order());
      for (TagData t : g.tags()) {
        Tag tag = corp.insertTag(group, t.id(), t.name(), t.createTime(), t.order());
        if (t.deleted()) {
          tag.deleted = true;
          corp.liveTags--;
        }
      }
      if (g.deleted()) {
        group.deleted = true;
        corp.liveTagGroups--;
      }
    }
    for (FollowData f : follows) {
      Staff member = corp.staff.get(f.userid());
      Customer customer = corp.customers.get(f.externalUserId());
      if (member == null || customer == null) {
        throw new IllegalStateException("relation of unknown staff or customer: " + f.userid() + " / "
            + f.externalUserId());
      }
      Follow follow = corp.insertFollow(member, customer, f.createTime());
      follow.remark = f.remark();
      follow.description = f.description();
      follow.addWay = f.addWay();
      follow.state = f.state();
      follow.operUserid = f.operUserid();
      follow.remarkCorpName = f.remarkCorpName();
      follow.remarkMobiles = List.copyOf(f.remarkMobiles());
      for (String tagId : f.tagIds()) {
        Tag tag = corp.tags.get(tagId);
        if (tag != null && !tag.deleted) {
          corp.attachTag(follow, tag);
        }
      }
    }
    for (ChatData c : chats) {
      Chat chat = corp.insertChat(c.chatId(), c.name(), c.owner(), c.notice(), c.createTime());
      chat.status = c.status();
      chat.version = c.version();
      chat.memberVersion = c.memberVersion();
      for (MemberData m : c.members()) {
        Member member = new Member(m.id(), m.type());
        member.unionid = m.unionid();
        member.joinTime = m.joinTime();
        member.joinScene = m.joinScene();
        member.invitor = m.invitor();
        member.groupNickname = m.groupNickname();
        member.name = m.name();
        member.state = m.state();
        corp.insertMember(chat, member);
      }
      chat.admins.addAll(c.admins());
      if (c.dismissed()) {
        chat.dismissed = true;
        corp.liveChats.remove(chat.seq);
        java.util.TreeMap<Long, Chat> owned = corp.chatsByOwner.get(chat.owner);
        if (owned != null) {
          owned.remove(chat.seq);
        }
        corp.memberCount -= chat.members.size();
      }
    }
  }

  /**
   * Puts a contact way under its own config id (and state) into a corp: how a registry that outlived the corp's
   * state (a re-seeded demo) makes its 活码 scannable again. Replaces a way with the same config id.
   */
  public static void restoreContactWay(SimCorp corp, SimAcquisition.ContactWay way) {
    SimAcquisition acq = corp.acquisition();
    synchronized (acq) {
      acq.contactWays.put(way.configId(), way);
    }
  }

  /**
   * A cheap fingerprint of the acquisition state, which changes without {@link SimChange}s (contact ways, welcome
   * messages, transfers): a persister compares it to decide whether to write.
   */
  static long fingerprint(SimCorp corp) {
    return Objects.hash(acquisitionFingerprint(corp.acquisition()), corp.groupMsgs().modCount(),
        corp.moments().modCount(), corp.community().modCount());
  }

  static long acquisitionFingerprint(SimAcquisition acq) {
    synchronized (acq) {
      return Objects.hash(acq.contactWays, acq.roundRobin, acq.welcomes.size(), acq.transfers, acq.history,
          acq.unassigned.keySet(), acq.resignedStaff, acq.clockOffsetMillis, acq.takeoverLimit,
          acq.transferDelayMillis);
    }
  }

  // ---------------------------------------------------------------- JSON

  public byte[] toJson() {
    return JSON.writeValueAsBytes(this);
  }

  /** Parses a snapshot; IllegalArgumentException when the text is not one (or of an unknown format). */
  public static SimCorpSnapshot fromJson(byte[] json) {
    SimCorpSnapshot snapshot;
    try {
      snapshot = JSON.readValue(json, SimCorpSnapshot.class);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a simulator snapshot: " + e.getMessage(), e);
    }
    if (snapshot == null || snapshot.format() != FORMAT || snapshot.corpId() == null) {
      throw new IllegalArgumentException("not a simulator snapshot of format " + FORMAT);
    }
    return snapshot;
  }

  /** Reads a snapshot file; IOException or IllegalArgumentException when it cannot be read. */
  public static SimCorpSnapshot read(Path file) throws IOException {
    return fromJson(Files.readAllBytes(file));
  }

  /** Writes atomically: a temporary file in the same directory, then a move over the old snapshot. */
  public void write(Path file) throws IOException {
    writeAtomically(file, toJson());
  }

  static void writeAtomically(Path file, byte[] bytes) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
    try {
      Files.write(tmp, bytes);
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static <T> List<T> nn(List<T> list) {
    return list == null ? List.of() : list;
  }
}
