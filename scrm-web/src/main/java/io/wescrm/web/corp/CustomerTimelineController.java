package io.wescrm.web.corp;

import io.wescrm.core.acquisition.Transfers;
import io.wescrm.core.acquisition.WelcomeLedger;
import io.wescrm.core.campaigns.jdbc.JdbcCampaignResults;
import io.wescrm.core.corp.Views.TimelineEvent;
import io.wescrm.core.corp.jdbc.CorpQueries;
import io.wescrm.core.jdbc.JdbcTime;
import io.wescrm.core.moments.jdbc.JdbcMomentQueries;
import io.wescrm.web.api.ApiException;
import io.wescrm.web.api.Paging;
import io.wescrm.web.security.AccessScope;
import io.wescrm.web.security.StoreScopes;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A customer's timeline (客户详情 → 动态): relations added and deleted, welcome messages, tags set by rules, channels
 * or operators, campaign pushes, moment likes and comments, group joins and leaves, transfers, newest first. Each
 * source is read through its slice's own query, each bounded by {@code limit}, and the merge is cut to
 * {@code limit}. A store manager gets 404 for another store's customer and only the events of their own staff.
 */
@RestController
@RequestMapping("/api/corps/{corpId}")
class CustomerTimelineController {

  private final CorpQueries queries;
  private final WelcomeLedger welcomes;
  private final Transfers transfers;
  private final JdbcCampaignResults campaigns;
  private final JdbcMomentQueries moments;
  private final StoreScopes scopes;

  CustomerTimelineController(CorpQueries queries, WelcomeLedger welcomes, Transfers transfers,
      JdbcCampaignResults campaigns, JdbcMomentQueries moments, StoreScopes scopes) {
    this.queries = queries;
    this.welcomes = welcomes;
    this.transfers = transfers;
    this.campaigns = campaigns;
    this.moments = moments;
    this.scopes = scopes;
  }

  @GetMapping("/customers/{externalUserId}/timeline")
  List<TimelineEvent> timeline(@PathVariable String corpId, @PathVariable String externalUserId,
      @RequestParam(defaultValue = "100") @Min(1) @Max(Paging.MAX_LIMIT) int limit, AccessScope scope) {
    Set<String> staff = scopes.staff(scope);
    if (queries.customer(corpId, externalUserId, staff).isEmpty()) {
      throw ApiException.notFound("CUSTOMER_NOT_FOUND", "客户不存在", "external_userid " + externalUserId);
    }
    int each = Math.max(1, Math.min(limit, 500));
    List<TimelineEvent> events = new ArrayList<>(queries.customerEvents(corpId, externalUserId, staff, each));
    for (WelcomeLedger.Entry w : welcomes.forCustomer(corpId, externalUserId, each, staff)) {
      Instant at = w.finishedAt() != null ? w.finishedAt() : w.receivedAt();
      events.add(new TimelineEvent(at, "WELCOME", "欢迎语：" + welcomeStatus(w.status()),
          w.status() == WelcomeLedger.Status.SENT ? w.content() : w.reason(), w.userid(), null, w.welcomeCode()));
    }
    for (Map<String, Object> p : campaigns.pushes(corpId, externalUserId, each, staff)) {
      Instant at = time(p.get("sentAt"), p.get("plannedFor"));
      if (at == null) {
        continue;
      }
      events.add(new TimelineEvent(at, "PUSH", "收到群发「" + p.get("campaignName") + "」",
          pushStatus(String.valueOf(p.get("status"))), str(p.get("sender")), null, str(p.get("campaignId"))));
    }
    for (Map<String, Object> i : moments.interactions(corpId, externalUserId, each, staff)) {
      Instant at = time(i.get("interactedAt"), null);
      if (at == null) {
        continue;
      }
      String text = str(i.get("text"));
      events.add(new TimelineEvent(at, "MOMENT", "COMMENT".equals(i.get("kind")) ? "评论了朋友圈" : "点赞了朋友圈",
          text == null || text.isBlank() ? null : abbreviate(text), str(i.get("userid")), null,
          str(i.get("momentId"))));
    }
    for (Transfers.Transfer t : transfers.list(corpId, null, externalUserId, each, staff)) {
      events.add(new TimelineEvent(t.takeoverTime() != null ? t.takeoverTime() : t.requestedAt(), "TRANSFER",
          (t.resigned() ? "离职继承" : "在职继承") + "：" + transferStatus(t.status()),
          t.reason(), t.takeover(), null, t.handover()));
    }
    Set<String> userids = new HashSet<>();
    events.forEach(e -> {
      if (e.userid() != null) {
        userids.add(e.userid());
      }
    });
    Map<String, String> names = queries.staffNames(corpId, userids);
    return events.stream().filter(e -> e.at() != null)
        .sorted(Comparator.comparing(TimelineEvent::at).reversed()).limit(limit)
        .map(e -> new TimelineEvent(e.at(), e.kind(), e.title(), e.detail(), e.userid(),
            e.userid() == null ? null : names.get(e.userid()), e.ref()))
        .toList();
  }

  static String welcomeStatus(WelcomeLedger.Status status) {
    return switch (status) {
      case PENDING -> "发送中";
      case SENT -> "已发送";
      case EXPIRED -> "未发送（code 已过期）";
      case USED -> "未发送（code 已被使用）";
      case NO_CODE -> "未发送（无欢迎语 code）";
      case NO_CHANNEL -> "未发送（未匹配到活码）";
      case NO_WELCOME -> "未发送（活码未配置欢迎语）";
      case FAILED -> "发送失败";
    };
  }

  private static String pushStatus(String status) {
    return switch (status) {
      case "PLANNED" -> "待发送";
      case "SENDING", "TASK_CREATED" -> "已下发给员工，待员工确认";
      case "SENT" -> "已送达";
      case "NOT_FRIEND" -> "未送达：已不是好友";
      case "OVER_LIMIT" -> "未送达：超过客户接收上限";
      case "NOT_CONFIRMED" -> "未送达：员工未确认发送";
      case "CANCELLED" -> "已取消";
      case "FAILED" -> "发送失败";
      case "HELD_BACK" -> "对照组（按设计不发送）";
      default -> status;
    };
  }

  private static String transferStatus(Transfers.Status status) {
    return switch (status) {
      case WAITING -> "等待接替";
      case DONE -> "已完成";
      case REFUSED -> "客户拒绝";
      case TAKEOVER_LIMIT -> "接替成员客户数已达上限";
      case NO_RECORD -> "无接替记录";
      case REJECTED -> "企业微信拒绝了请求";
    };
  }

  private static Instant time(Object first, Object second) {
    Object v = first != null ? first : second;
    if (v == null) {
      return null;
    }
    if (v instanceof Instant i) {
      return i;
    }
    if (v instanceof java.time.OffsetDateTime o) {
      return o.toInstant();
    }
    return JdbcTime.instant(JdbcTime.local(v));
  }

  private static String str(Object v) {
    return v == null ? null : Objects.toString(v);
  }

  private static String abbreviate(String text) {
    return text.length() <= 60 ? text : text.substring(0, 60) + "…";
  }
}
