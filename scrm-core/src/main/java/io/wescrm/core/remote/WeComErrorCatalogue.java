package io.wescrm.core.remote;

import io.wescrm.core.remote.RemoteCallException.Kind;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one WeCom error catalogue (reference/wecom-api.md §5): errcode → {@link Kind} (how a caller handles it) →
 * zh-CN message (what an operator reads). Plain data in core because use cases explain errors to operators; the
 * adapter classifies its calls' errors with it.
 */
public final class WeComErrorCatalogue {

  /** One errcode: its kind, and its zh-CN message (null: none written yet, {@link #message} says the code). */
  public record Entry(int errcode, Kind kind, String message) {
  }

  /** System busy. */
  public static final int BUSY = -1;
  /** Rate limit hit: WeCom blocks the caller for a window (60 s). */
  public static final int RATE_LIMITED = 45009;
  /**
   * A group send (群发) is still being dispatched: its list, task and result calls answer this for seconds to
   * minutes after add_msg_template. Transient, but on the caller's schedule, not a client's quick back-off.
   */
  public static final int STILL_DISPATCHING = 41063;

  private static final Map<Integer, Entry> ENTRIES = new HashMap<>();

  static {
    // transient: another attempt may succeed. Token errors count: WxJava refreshes once per request, and a second
    // expiry in a row (WeCom may revoke tokens early) deserves another refresh, bounded by the attempt limit.
    String busy = "企业微信繁忙或超出调用频率，请稍后重试";
    transientError(40014, null);
    transientError(42001, null);
    transientError(BUSY, busy + "（-1）");
    transientError(RATE_LIMITED, busy + "（45009）");
    transientError(45033, busy + "（45033）");
    transientError(6000, null);
    transientError(STILL_DISPATCHING, "群发消息正在派发中，请稍后再查询（41063）");
    transientError(45035, null);
    // configuration: a person must fix secret, corp id, IP allow-list or permissions; never loop on it
    for (int code : new int[] {40001, 40013, 41001, 48002, 48009, 60011, 60020, 92000, 301002}) {
      add(code, Kind.CONFIGURATION, null);
    }
    add(84074, Kind.CONFIGURATION, "成员没有开通客户联系功能（84074）");
    // gone: the object no longer exists
    add(84061, Kind.GONE, "成员与客户不是好友关系（84061）");
    add(60111, Kind.GONE, "成员不存在（60111）");
    add(40096, Kind.GONE, "客户 external_userid 无效（40096）");
    add(90501, Kind.GONE, null);
    add(90500, Kind.GONE, "群主未离职，不能做离职继承（90500）");
    add(49004, Kind.GONE, null);
    add(49008, Kind.GONE, "客户群已解散（49008）");
    add(40050, Kind.GONE, "客户群不存在（40050）");
    add(41050, Kind.GONE, "欢迎语 code 无效或已过期（20 秒内有效）（41050）");
    add(41051, Kind.GONE, "客户已开始聊天或已发送过欢迎语（41051）");
    add(41047, Kind.GONE, "企业群发消息 msgid 无效（41047）");
    add(41093, Kind.GONE, "该群发已被取消（41093）");
    add(40007, Kind.GONE, "媒体文件 media_id 无效或已过期（临时素材有效期 3 天）（40007）");
    add(81013, Kind.GONE, "接收人全部无效或不在应用的可见范围内（81013）");
    // refused: a business rule said no
    refused(40058, "企业微信拒绝了参数（40058）");
    refused(40068, "企业微信中不存在该标签或标签组（错误码 40068），可能已被管理员删除，请稍后同步");
    refused(40071, "该标签组中已有同名标签（企业微信错误码 40071）");
    refused(40097, "原跟进成员尚未离职，不能做离职继承（40097）");
    refused(40098, "接替成员尚未实名认证（40098）");
    refused(40099, "接替成员的客户数已达上限（40099）");
    refused(40126, "企业标签数量已达上限（企业微信错误码 40126），请先删除不再使用的标签");
    refused(40128, "该客户转接过于频繁：每位客户最多被转接两次，且成功转接后 90 天内不能再次转接（40128）");
    refused(40129, "该客户正在转接中，请等待结果（40129）");
    refused(40130, "原跟进成员与接替成员不能是同一人（40130）");
    refused(40131, "该客户不是原跟进成员的客户（40131）");
    refused(41041, "活码成员超过 100 人（41041）");
    refused(41096, "其他应用正在发送欢迎语（41096）");
    refused(90502, "群主已离职，请使用离职继承（90502）");
    refused(90504, "新群主与原群主相同（90504）");
    refused(60003, "部门不存在（60003）");
    // group sends (群发), media and app messages
    refused(41046, "缺少企业群发消息 msgid（41046）");
    refused(41048, "没有可发送的客户（41048）");
    refused(41064, "群发附件数量或大小超过限制（41064）");
    refused(41065, "群发附件类型无效（41065）");
    refused(41094, "提醒次数已达上限：每条群发 24 小时内最多提醒 3 次（41094）");
    refused(50100, "分页游标 cursor 无效（50100）");
    // 朋友圈 (moments): reads and publishing
    refused(41059, "缺少朋友圈 moment_id（41059）");
    add(41060, Kind.GONE, "朋友圈 moment_id 无效或该朋友圈已被删除（41060）");
    refused(41061, "该成员没有发表这条朋友圈（41061）");
    refused(41062, "该成员尚未发表这条企业朋友圈（41062）");
    refused(41067, "朋友圈类型不符：该接口只支持企业发表的朋友圈（41067）");
    transientError(41078, "朋友圈发表任务创建过于频繁（每分钟最多 10 个），请稍后再试（41078）");
    transientError(41079, "上一个朋友圈发表任务仍在派发中，请稍后再试（41079）");
    refused(41088, "朋友圈内容为空：文字和附件不能同时为空（41088）");
    refused(41089, "朋友圈附件内容为空或缺少素材（41089）");
    refused(41090, "朋友圈视频无效：只能有 1 个视频，时长不超过 30 秒、大小不超过 10 MB（41090）");
    // community: 群活码, group welcome templates
    refused(41091, "一个群活码最多关联 5 个客户群（41091）");
    refused(41055, "入群欢迎语素材数量已达上限，请先删除不再使用的欢迎语（41055）");
    refused(41058, "没有权限修改这条入群欢迎语：只能编辑或删除本应用创建的欢迎语（41058）");
    refused(90200, "小程序 appid 无效或未关联到企业（90200）");
    refused(90206, "小程序未关联到企业（90206）");
    refused(90207, "不合法的小程序（90207）");
    refused(90208, "小程序 appid 不匹配（90208）");
  }

  private WeComErrorCatalogue() {
  }

  private static void transientError(int errcode, String message) {
    add(errcode, Kind.TRANSIENT, message);
  }

  private static void refused(int errcode, String message) {
    add(errcode, Kind.REFUSED, message);
  }

  private static void add(int errcode, Kind kind, String message) {
    if (ENTRIES.put(errcode, new Entry(errcode, kind, message)) != null) {
      throw new IllegalStateException("errcode listed twice: " + errcode);
    }
  }

  /** The catalogue's entry of an errcode, if it has one. */
  public static Optional<Entry> find(int errcode) {
    return Optional.ofNullable(ENTRIES.get(errcode));
  }

  /** How to handle an errcode; codes the catalogue does not know are business refusals. */
  public static Kind kind(int errcode) {
    Entry e = ENTRIES.get(errcode);
    return e == null ? Kind.REFUSED : e.kind();
  }

  /** Whether another attempt may succeed. */
  public static boolean retryable(int errcode) {
    return kind(errcode) == Kind.TRANSIENT;
  }

  /** The zh-CN message of an errcode (a generic one naming the code when the catalogue has none). */
  public static String message(int errcode) {
    if (errcode == 0) {
      return "成功";
    }
    return knownMessage(errcode).orElse("企业微信返回错误 " + errcode);
  }

  /** The catalogue's own zh-CN message of an errcode, if it has one. */
  public static Optional<String> knownMessage(int errcode) {
    return find(errcode).map(Entry::message);
  }
}
