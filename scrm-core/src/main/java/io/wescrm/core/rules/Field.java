package io.wescrm.core.rules;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The fields a rule condition can name, each with its value type (which decides the operators it accepts) and
 * its scope. Follow fields ({@code follow.*}) hold when <em>some</em> live follow relation of the customer satisfies
 * the predicate (inside {@link Condition.SameFollow} one relation must satisfy all of them); tags are the
 * customer-level union of the tags on its live relations. Campaign fields ({@code campaign.*}) read the send ledger:
 * a push counts once its delivery to the customer is {@code SENT} (pushes to group chats are not the customer's).
 */
public enum Field {
  GENDER("gender", Type.INT, "性别（0 未知 1 男 2 女）"),
  CUSTOMER_TYPE("customerType", Type.INT, "客户类型（1 微信 2 企业微信）"),
  CORP_NAME("corpName", Type.TEXT, "客户企业名称"),
  LIFECYCLE_STAGE("lifecycleStage", Type.STAGE, "生命周期阶段"),
  FOLLOW_STAFF("follow.staff", Type.ID, "跟进员工 userid"),
  FOLLOW_DEPARTMENT("follow.department", Type.INT, "跟进员工的主部门（门店）"),
  FOLLOW_ADD_WAY("follow.addWay", Type.INT, "添加方式 add_way"),
  FOLLOW_STATE("follow.state", Type.TEXT, "渠道 state"),
  FOLLOW_ADDED_AT("follow.addedAt", Type.TIME, "添加时间"),
  FOLLOW_REMARK("follow.remark", Type.TEXT, "员工对客户的备注"),
  FOLLOW_COUNT("follow.count", Type.COUNT, "在跟进的员工数"),
  TAGS("tags", Type.TAGS, "企业标签"),
  GROUP_CHAT("group.chat", Type.ID_SET, "所在客户群"),
  GROUP_OWNER("group.owner", Type.ID_SET, "所在客户群的群主"),
  GROUP_STORE("group.store", Type.INT_SET, "所在客户群群主的主部门（门店）"),
  GROUP_COUNT("group.count", Type.COUNT, "所在客户群数"),
  MOMENT_LIKES("moment.likes", Type.WINDOW_COUNT, "近 N 天朋友圈点赞数"),
  MOMENT_COMMENTS("moment.comments", Type.WINDOW_COUNT, "近 N 天朋友圈评论数"),
  MOMENT_INTERACTIONS("moment.interactions", Type.WINDOW_COUNT, "近 N 天点赞或评论过的朋友圈条数（不同朋友圈）"),
  CAMPAIGN_RECEIVED("campaign.received", Type.CAMPAIGN_SET, "收到过的群发活动"),
  CAMPAIGN_PUSHES("campaign.pushes", Type.WINDOW_COUNT, "近 N 天收到的群发次数"),
  INTERACTION("interaction", Type.EVENT, "互动（添加好友、入群、朋友圈点赞或评论）"),
  DELETED_BY_CUSTOMER("deletedByCustomer", Type.EVENT, "客户删除员工"),
  DELETED_BY_STAFF("deletedByStaff", Type.EVENT, "员工删除客户");

  /** Value types; each accepts a fixed set of operators. */
  public enum Type {
    TEXT(Op.EQ, Op.NE, Op.IN, Op.NOT_IN, Op.CONTAINS, Op.NOT_CONTAINS, Op.IS_EMPTY, Op.IS_NOT_EMPTY),
    ID(Op.EQ, Op.NE, Op.IN, Op.NOT_IN),
    STAGE(Op.EQ, Op.NE, Op.IN, Op.NOT_IN, Op.IS_EMPTY, Op.IS_NOT_EMPTY),
    INT(Op.EQ, Op.NE, Op.IN, Op.NOT_IN),
    TIME(Op.WITHIN_DAYS, Op.OLDER_THAN_DAYS),
    COUNT(Op.EQ, Op.NE, Op.GT, Op.GTE, Op.LT, Op.LTE),
    WINDOW_COUNT(Op.EQ, Op.NE, Op.GT, Op.GTE, Op.LT, Op.LTE),
    TAGS(Op.HAS_ANY, Op.HAS_ALL, Op.HAS_NONE),
    ID_SET(Op.IN, Op.NOT_IN),
    INT_SET(Op.IN, Op.NOT_IN),
    /** Campaign ids (positive integers); {@code days} optional: received within the last {@code days} days. */
    CAMPAIGN_SET(Op.IN, Op.NOT_IN),
    EVENT(Op.WITHIN_DAYS, Op.NOT_WITHIN_DAYS);

    private final java.util.List<Op> ops;

    Type(Op... ops) {
      this.ops = java.util.List.of(ops);
    }

    public java.util.List<Op> ops() {
      return ops;
    }

    /** Values are integers (parsed and compared as numbers). */
    public boolean numeric() {
      return this == INT || this == INT_SET || this == CAMPAIGN_SET;
    }
  }

  private static final Map<String, Field> BY_KEY = Arrays.stream(values())
      .collect(Collectors.toMap(Field::key, Function.identity()));

  private final String key;
  private final Type type;
  private final String label;

  Field(String key, Type type, String label) {
    this.key = key;
    this.type = type;
    this.label = label;
  }

  public String key() {
    return key;
  }

  public Type type() {
    return type;
  }

  public String label() {
    return label;
  }

  public static Optional<Field> byKey(String key) {
    return Optional.ofNullable(BY_KEY.get(key));
  }

  /** Field is a predicate over one follow relation (exists a live relation such that ...). */
  public boolean followScoped() {
    return key.startsWith("follow.") && this != FOLLOW_COUNT;
  }

  /** The leaf takes a {@code days} window: required for windowed counts, optional for {@code campaign.received}. */
  public boolean takesDays() {
    return type == Type.WINDOW_COUNT || this == CAMPAIGN_RECEIVED;
  }

  /** The {@code days} window is required (windowed counts). */
  public boolean needsDays() {
    return type == Type.WINDOW_COUNT;
  }
}
