package io.wescrm.wecom.simulator;

import io.wescrm.wecom.simulator.CorpModel.Chat;
import io.wescrm.wecom.simulator.CorpModel.Customer;
import io.wescrm.wecom.simulator.CorpModel.Dept;
import io.wescrm.wecom.simulator.CorpModel.Follow;
import io.wescrm.wecom.simulator.CorpModel.Member;
import io.wescrm.wecom.simulator.CorpModel.Staff;
import io.wescrm.wecom.simulator.CorpModel.Tag;
import io.wescrm.wecom.simulator.CorpModel.TagGroup;
import io.wescrm.wecom.simulator.SimNames.Store;
import io.wescrm.wecom.simulator.SimNames.Word;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Generates a corp deterministically from a seed: a beauty-retail brand with stores (departments), staff, customers,
 * follow relations with tags, and customer groups. Runs with the corp's write lock held, before the corp is published.
 */
final class SimSeeder {

  private static final long DAY = 86_400L;
  private static final long TWO_YEARS = 730 * DAY;
  private static final int[] ADD_WAYS = {1, 2, 3, 4, 16, 5, 6, 201, 202, 0};
  private static final int[] ADD_WAY_WEIGHTS = {40, 14, 10, 6, 8, 5, 5, 4, 3, 5};
  private static final int[] TAG_COUNT_WEIGHTS = {15, 25, 30, 20, 10};
  private static final String[] HQ_ROLES = {"品牌总监", "区域经理", "市场专员", "客服专员", "客服专员", "市场专员",
      "区域经理", "会员运营", "客服专员", "数据分析师"};

  private final SimCorp corp;
  private final SeedSize size;
  private final SplittableRandom rng;
  private final SimIds ids;
  private final long anchor;

  private final List<Store> stores = new ArrayList<>();
  private final List<Staff> storeStaff = new ArrayList<>();
  private final Map<Staff, Integer> storeOf = new HashMap<>();
  private final List<List<Staff>> staffByStore = new ArrayList<>();
  private final List<Staff> followStaff = new ArrayList<>();
  private double[] followWeights;
  private final List<Customer> seededCustomers = new ArrayList<>();
  private final List<TagGroup> tagGroups = new ArrayList<>();
  private final Map<String, Integer> useridCounters = new HashMap<>();

  private SimSeeder(SimCorp corp, SeedSize size, long randomSeed, long anchor) {
    this.corp = corp;
    this.size = size;
    this.rng = new SplittableRandom(randomSeed);
    this.ids = new SimIds(mix(randomSeed ^ 0x632BE59BD9B4E019L));
    this.anchor = anchor;
  }

  /** Seeds {@code corp}; {@code anchorEpochSecond} is "now" for the generated timestamps. */
  static void seed(SimCorp corp, SeedSize size, long randomSeed, long anchorEpochSecond) {
    new SimSeeder(corp, size, randomSeed, anchorEpochSecond).run();
  }

  private void run() {
    corp.insertDepartment(1, corp.corpName(), null, 0, 100_000_000L);
    if (size.isEmpty()) {
      return;
    }
    seedDepartments();
    seedStaff();
    seedTags();
    seedCustomersAndFollows();
    seedGroups();
  }

  // ---------------------------------------------------------------- departments and staff

  private void seedDepartments() {
    corp.insertDepartment(2, "总部", "Headquarters", 1, 99_999_000L);
    corp.insertDepartment(3, "市场部", "Marketing", 2, 99_998_000L);
    corp.insertDepartment(4, "客服中心", "Customer Service", 2, 99_997_000L);
    for (int i = 0; i < size.stores(); i++) {
      Store store = SimNames.store(i);
      stores.add(store);
      staffByStore.add(new ArrayList<>());
      corp.insertDepartment(101 + i, store.name(), store.nameEn(), 1, 99_000_000L - i * 1_000L);
    }
  }

  private void seedStaff() {
    int total = size.staff();
    int hq = stores.isEmpty() ? total : Math.min(total, Math.max(1, (int) Math.round(total * 0.1)));
    for (int i = 0; i < hq; i++) {
      String role = HQ_ROLES[i % HQ_ROLES.length];
      List<Long> depts = new ArrayList<>();
      depts.add(switch (role) {
        case "市场专员", "会员运营", "数据分析师" -> 3L;
        case "客服专员" -> 4L;
        default -> 2L;
      });
      if (role.equals("区域经理") && !stores.isEmpty()) {
        int first = rng.nextInt(stores.size());
        depts.add(101L + first);
        if (stores.size() > 1) {
          depts.add(101L + (first + 1) % stores.size());
        }
      }
      boolean contact = role.equals("客服专员") || role.equals("区域经理") || rng.nextInt(2) == 0;
      Staff member = newStaff(depts, role, contact);
      if (contact) {
        followStaff.add(member);
      }
    }
    for (int i = hq; i < total; i++) {
      int storeIndex = (i - hq) % stores.size();
      boolean manager = i - hq < stores.size();
      String position = manager ? "店长" : SimNames.STORE_POSITIONS.get(rng.nextInt(SimNames.STORE_POSITIONS.size()));
      Staff member = newStaff(List.of(101L + storeIndex), position, true);
      if (manager) {
        Dept dept = corp.departments.get(101L + storeIndex);
        dept.leaders.add(member.userid);
      }
      storeStaff.add(member);
      storeOf.put(member, storeIndex);
      staffByStore.get(storeIndex).add(member);
      followStaff.add(member);
    }
    followWeights = new double[followStaff.size()];
    double sum = 0;
    for (int i = 0; i < followStaff.size(); i++) {
      Staff member = followStaff.get(i);
      double weight = storeOf.containsKey(member) ? 0.5 + rng.nextDouble() * 1.5 : 0.25;
      sum += weight;
      followWeights[i] = sum;
    }
  }

  private Staff newStaff(List<Long> depts, String position, boolean contactEnabled) {
    Word surname = pick(SimNames.SURNAMES);
    Word given1 = pick(SimNames.GIVEN);
    Word given2 = rng.nextInt(2) == 0 ? pick(SimNames.GIVEN) : null;
    String name = surname.hanzi() + given1.hanzi() + (given2 == null ? "" : given2.hanzi());
    String base = surname.pinyin() + given1.pinyin() + (given2 == null ? "" : given2.pinyin());
    int n = useridCounters.merge(base, 1, Integer::sum);
    String userid = base + String.format("%02d", n);
    Staff member = corp.insertStaff(userid, name, depts, contactEnabled);
    member.position = position;
    member.gender = rng.nextInt(100) < 75 ? 2 : 1;
    member.mobile = mobile();
    member.email = userid + "@yueyan.example.com";
    member.alias = given2 == null ? null : ("" + Character.toUpperCase(given1.pinyin().charAt(0))
        + given1.pinyin().substring(1));
    return member;
  }

  // ---------------------------------------------------------------- tags

  private void seedTags() {
    int groupCount = SimNames.TAG_LIBRARY.size();
    for (int g = 0; g < groupCount; g++) {
      List<String> entry = SimNames.TAG_LIBRARY.get(g);
      long created = anchor - 700 * DAY + rng.nextLong(30 * DAY);
      TagGroup group = corp.insertTagGroup(ids.tagId(), entry.get(0), created, (groupCount - g) * 10L);
      for (int t = 1; t < entry.size(); t++) {
        corp.insertTag(group, ids.tagId(), entry.get(t), created, entry.size() - t);
      }
      tagGroups.add(group);
    }
  }

  // ---------------------------------------------------------------- customers and relations

  private void seedCustomersAndFollows() {
    int withFollows = size.followRelations() > 0 ? Math.min(size.customers(), size.followRelations())
        : size.customers();
    Set<String> usedIds = new HashSet<>();
    for (int i = 0; i < withFollows; i++) {
      String id;
      do {
        id = ids.externalUserId();
      } while (!usedIds.add(id));
      seededCustomers.add(newCustomer(i, id));
    }
    if (size.followRelations() == 0 || followStaff.isEmpty()) {
      return;
    }
    for (Customer customer : seededCustomers) {
      long created = anchor - rng.nextLong(TWO_YEARS);
      newFollow(pickFollowStaff(), customer, created);
    }
    int extra = size.followRelations() - seededCustomers.size();
    int cap = Math.max(3, (int) Math.ceil((double) size.followRelations() / seededCustomers.size()) + 1);
    long attempts = 20L * extra + 100;
    while (extra > 0 && attempts-- > 0) {
      Customer customer = seededCustomers.get(rng.nextInt(seededCustomers.size()));
      if (customer.follows.size() >= cap) {
        continue;
      }
      Staff member = pickFollowStaff();
      if (member.followsByExternalUserId.containsKey(customer.externalUserId)) {
        continue;
      }
      long first = customer.follows.get(0).createTime;
      long created = first + rng.nextLong(Math.max(1, anchor - first));
      newFollow(member, customer, created);
      extra--;
    }
  }

  private Customer newCustomer(int index, String id) {
    boolean business = index > 1 && rng.nextInt(100) < 5;
    String name = business ? fullName() : customerName(index);
    Customer customer = corp.insertCustomer(id, name);
    int g = rng.nextInt(100);
    customer.gender = g < 70 ? 2 : g < 92 ? 1 : 0;
    if (business) {
      String[] corpNames = pick(SimNames.CUSTOMER_CORPS).split("\\|");
      customer.type = 2;
      customer.corpName = corpNames[0];
      customer.corpFullName = corpNames[1];
      customer.position = pick(SimNames.CUSTOMER_POSITIONS);
      customer.unionid = rng.nextInt(2) == 0 ? ids.unionid() : null;
    } else {
      customer.type = 1;
      customer.unionid = rng.nextInt(100) < 88 ? ids.unionid() : null;
    }
    customer.avatar = "https://wx.qlogo.cn/mmhead/" + ids.base62(40) + "/0";
    return customer;
  }

  private String customerName(int index) {
    if (index == 0) {
      return "小美🌸";
    }
    if (index == 1) {
      return "Tony王😀";
    }
    int r = rng.nextInt(100);
    if (r < 62) {
      return fullName();
    }
    if (r < 72) {
      return nickname();
    }
    if (r < 82) {
      return nickname() + pick(SimNames.EMOJI);
    }
    if (r < 92) {
      String name = pick(SimNames.ENGLISH) + (rng.nextInt(2) == 0 ? pick(SimNames.SURNAMES).hanzi() : "");
      return rng.nextInt(100) < 40 ? name + pick(SimNames.EMOJI) : name;
    }
    String poetic = pick(SimNames.POETIC);
    return rng.nextInt(2) == 0 ? poetic + pick(SimNames.EMOJI) : poetic;
  }

  private String fullName() {
    String name = pick(SimNames.SURNAMES).hanzi() + pick(SimNames.GIVEN).hanzi();
    return rng.nextInt(2) == 0 ? name + pick(SimNames.GIVEN).hanzi() : name;
  }

  private String nickname() {
    String c = pick(SimNames.NICK_CHARS);
    return switch (rng.nextInt(3)) {
      case 0 -> "小" + c;
      case 1 -> "阿" + c;
      default -> c + c;
    };
  }

  private Staff pickFollowStaff() {
    double x = rng.nextDouble() * followWeights[followWeights.length - 1];
    int i = Arrays.binarySearch(followWeights, x);
    if (i < 0) {
      i = -i - 1;
    }
    return followStaff.get(Math.min(i, followStaff.size() - 1));
  }

  private void newFollow(Staff member, Customer customer, long createTime) {
    Follow follow = corp.insertFollow(member, customer, createTime);
    int addWay = weighted(ADD_WAYS, ADD_WAY_WEIGHTS);
    follow.addWay = addWay;
    Integer store = storeOf.get(member);
    if (addWay == 1 && rng.nextInt(100) < 75) {
      follow.state = store == null ? "hq_live_qr" : "store_" + stores.get(store).code() + "_qr";
    } else if (addWay == 16) {
      follow.state = "ad_" + (new String[] {"douyin", "xhs", "wxad"})[rng.nextInt(3)] + "_0" + (1 + rng.nextInt(5));
    }
    follow.operUserid = SimCorp.isCustomerInitiated(addWay) ? customer.externalUserId : member.userid;
    follow.remark = remarkFor(customer);
    follow.description = rng.nextInt(100) < 45 ? pick(SimNames.DESCRIPTIONS) : "";
    int m = rng.nextInt(100);
    if (m < 30) {
      follow.remarkMobiles = List.of(mobile());
    } else if (m < 35) {
      follow.remarkMobiles = List.of(mobile(), mobile());
    }
    if (customer.type == 2) {
      follow.remarkCorpName = customer.corpName;
    }
    int tagCount = weighted(new int[] {0, 1, 2, 3, 4}, TAG_COUNT_WEIGHTS);
    int[] order = {0, 1, 2, 3, 4};
    for (int i = 0; i < tagCount && i < tagGroups.size(); i++) {
      int j = i + rng.nextInt(order.length - i);
      int tmp = order[i];
      order[i] = order[j];
      order[j] = tmp;
      TagGroup group = tagGroups.get(order[i]);
      List<Tag> groupTags = new ArrayList<>(group.tags.values());
      corp.attachTag(follow, groupTags.get(rng.nextInt(groupTags.size())));
    }
  }

  private String remarkFor(Customer customer) {
    int r = rng.nextInt(100);
    if (r < 45) {
      return "";
    }
    if (r < 75) {
      return customer.name;
    }
    String[] suffixes = {"VIP", "老客", "敏感肌", "团购", "闺蜜推荐"};
    return customer.name + "-" + suffixes[rng.nextInt(suffixes.length)];
  }

  // ---------------------------------------------------------------- groups

  private void seedGroups() {
    List<Staff> owners = storeStaff.isEmpty() ? followStaff : storeStaff;
    if (size.groups() == 0 || owners.isEmpty()) {
      return;
    }
    Set<String> usedIds = new HashSet<>();
    for (int g = 0; g < size.groups(); g++) {
      Staff owner = owners.get(rng.nextInt(owners.size()));
      Integer storeIndex = storeOf.get(owner);
      String prefix = storeIndex == null ? corp.corpName() : stores.get(storeIndex).name();
      String name = prefix + pick(SimNames.GROUP_SUFFIXES) + (g + 1);
      String notice = rng.nextInt(100) < 70 ? pick(SimNames.NOTICES) : "";
      long created = anchor - rng.nextLong(TWO_YEARS);
      String chatId;
      do {
        chatId = ids.chatId();
      } while (!usedIds.add(chatId));
      Chat chat = corp.insertChat(chatId, name, owner.userid, notice, created);
      Member ownerMember = new Member(owner.userid, 1);
      ownerMember.joinTime = created;
      ownerMember.joinScene = 1;
      corp.insertMember(chat, ownerMember);

      int target = size.avgGroupMembers() <= 1 ? 1
          : Math.min(500, Math.max(2, (int) Math.round(size.avgGroupMembers() * (0.5 + rng.nextDouble()))));
      List<Staff> colleagues = storeIndex == null ? List.of() : staffByStore.get(storeIndex);
      int staffSlots = Math.min(colleagues.size() - 1, Math.min(target - 1, 1 + rng.nextInt(3)));
      for (int s = 0, tries = 0; s < staffSlots && tries < 10; tries++) {
        Staff colleague = colleagues.get(rng.nextInt(colleagues.size()));
        if (chat.members.containsKey(colleague.userid)) {
          continue;
        }
        Member member = new Member(colleague.userid, 1);
        member.joinTime = created + rng.nextLong(Math.max(1, anchor - created));
        member.joinScene = 1;
        member.invitor = owner.userid;
        corp.insertMember(chat, member);
        if (chat.admins.isEmpty() && rng.nextInt(100) < 30) {
          chat.admins.add(colleague.userid);
        }
        s++;
      }
      List<Follow> ownerFollows = new ArrayList<>(owner.followsBySeq.values());
      int tries = 0;
      while (chat.members.size() < target && tries++ < target * 4 && !seededCustomers.isEmpty()) {
        Customer customer = !ownerFollows.isEmpty() && rng.nextInt(100) < 70
            ? ownerFollows.get(rng.nextInt(ownerFollows.size())).customer
            : seededCustomers.get(rng.nextInt(seededCustomers.size()));
        if (chat.members.containsKey(customer.externalUserId)) {
          continue;
        }
        Member member = new Member(customer.externalUserId, 2);
        member.unionid = customer.unionid;
        member.joinTime = created + rng.nextLong(Math.max(1, anchor - created));
        int scene = rng.nextInt(100);
        member.joinScene = scene < 40 ? 1 : scene < 60 ? 2 : 3;
        member.invitor = member.joinScene == 3 ? null : owner.userid;
        if (rng.nextInt(100) < 8) {
          member.groupNickname = nickname();
        }
        corp.insertMember(chat, member);
      }
      SimCorp.bumpMemberVersion(chat);
    }
  }

  // ---------------------------------------------------------------- helpers

  /** MurmurHash3's 64-bit finalizer: neighbouring seeds give unrelated id streams. */
  static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }

  private <T> T pick(List<T> list) {
    return list.get(rng.nextInt(list.size()));
  }

  private int weighted(int[] values, int[] weights) {
    int total = 0;
    for (int w : weights) {
      total += w;
    }
    int x = rng.nextInt(total);
    for (int i = 0; i < values.length; i++) {
      x -= weights[i];
      if (x < 0) {
        return values[i];
      }
    }
    return values[values.length - 1];
  }

  private String mobile() {
    int[] second = {3, 5, 7, 8, 9};
    StringBuilder sb = new StringBuilder("1").append(second[rng.nextInt(second.length)]);
    for (int i = 0; i < 9; i++) {
      sb.append(rng.nextInt(10));
    }
    return sb.toString();
  }
}
