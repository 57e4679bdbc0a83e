package io.wescrm.core.acquisition;

import io.wescrm.core.acquisition.RemoteAcquisition;
import io.wescrm.core.acquisition.RemoteAcquisition.TransferStatus;
import io.wescrm.core.acquisition.Transfers.Status;
import io.wescrm.core.acquisition.Transfers.Transfer;
import io.wescrm.core.events.DomainEvent.CustomerTransferFailed;
import io.wescrm.core.inbox.RefetchQueue;
import io.wescrm.core.remote.RemoteCallException;
import io.wescrm.core.remote.WeComErrorCatalogue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * 在职继承 and 离职继承: asks WeCom to transfer customers (calls of ≤ 100), records one row per customer, follows
 * transfer_result until every row is final, and takes transfer_fail callbacks. WeCom's refusals (twice per
 * customer, 90-day protection, in progress, not a customer of the handover, …) come back per customer with a zh-CN
 * reason. Group chats are transferred at once (no result to follow).
 */
public class TransferringCustomers {

  public static final int MAX_PER_REQUEST = 1000;
  static final int PER_CALL = 100;

  /** The outcome of one customer in a transfer request. */
  public record CustomerResult(String externalUserId, Status status, int errcode, String reason) {
  }

  /** A chat WeCom did not transfer. */
  public record GroupResult(String chatId, boolean transferred, int errcode, String reason) {
  }

  private final Transfers transfers;
  private final Function<String, RemoteAcquisition> remote;
  private final RefetchQueue refetches;
  private final Clock clock;

  public TransferringCustomers(Transfers transfers, Function<String, RemoteAcquisition> remote,
      RefetchQueue refetches, Clock clock) {
    this.transfers = transfers;
    this.remote = remote;
    this.refetches = refetches;
    this.clock = clock;
  }

  public List<CustomerResult> transfer(String corpId, boolean resigned, String handover, String takeover,
      List<String> externalUserIds, String message) {
    if (handover == null || handover.isBlank() || takeover == null || takeover.isBlank()) {
      throw AcquisitionException.invalid("原跟进成员 handoverUserid 和接替成员 takeoverUserid 都必须填写",
          "handover/takeover missing");
    }
    if (handover.equals(takeover)) {
      throw AcquisitionException.invalid(WeComErrorCatalogue.message(40130), "handover = takeover");
    }
    List<String> ids = externalUserIds == null ? List.of() : List.copyOf(new LinkedHashSet<>(externalUserIds));
    if (ids.isEmpty() || ids.size() > MAX_PER_REQUEST) {
      throw AcquisitionException.invalid("externalUserIds 需要 1 到 1000 位客户（每 100 位一次企业微信调用）",
          ids.size() + " customers");
    }
    if (ids.stream().anyMatch(id -> id == null || id.isBlank())) {
      throw AcquisitionException.invalid("客户 external_userid 不能为空", "blank external_userid");
    }
    if (message != null && message.codePointCount(0, message.length()) > 200) {
      throw AcquisitionException.invalid("转接提示语最长 200 个字符（企业微信限制）", "message too long");
    }
    if (resigned && message != null && !message.isEmpty()) {
      throw AcquisitionException.invalid("离职继承不支持转接提示语", "message on a resigned transfer");
    }
    List<CustomerResult> results = new ArrayList<>();
    for (int from = 0; from < ids.size(); from += PER_CALL) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + PER_CALL));
      Map<String, Integer> answer;
      try {
        answer = remote.apply(corpId).transferCustomers(resigned, handover, takeover, chunk, message);
      } catch (RemoteCallException e) {
        if (results.isEmpty()) {
          throw ContactWayManagement.wecomError(e);
        }
        for (String id : chunk) {
          results.add(record(corpId, resigned, handover, takeover, id, e.errcode()));
        }
        continue;
      }
      for (String id : chunk) {
        results.add(record(corpId, resigned, handover, takeover, id, answer.getOrDefault(id, -1)));
      }
    }
    return results;
  }

  private CustomerResult record(String corpId, boolean resigned, String handover, String takeover, String ext,
      int errcode) {
    Instant now = clock.instant();
    Status status = errcode == 0 ? Status.WAITING : Status.REJECTED;
    String reason = errcode == 0 ? "已发起转接，等待客户接受（24 小时后自动接替）" : WeComErrorCatalogue.message(errcode);
    transfers.insert(new Transfer(0, corpId, resigned, handover, takeover, ext, status, errcode == 0 ? null : errcode,
        reason, null, now, now));
    return new CustomerResult(ext, status, errcode, reason);
  }

  /** Follows transfer_result for every pair with waiting rows; returns how many rows became final. */
  public int refresh(String corpId) {
    int changed = 0;
    for (Transfer pair : transfers.waitingPairs(corpId)) {
      List<TransferStatus> statuses = remote.apply(corpId).transferResults(pair.resigned(), pair.handover(),
          pair.takeover());
      Map<String, TransferStatus> byCustomer = new java.util.HashMap<>();
      statuses.forEach(s -> byCustomer.put(s.externalUserId(), s));
      Instant now = clock.instant();
      for (Transfer t : transfers.waiting(corpId, pair.resigned(), pair.handover(), pair.takeover())) {
        TransferStatus s = byCustomer.get(t.externalUserId());
        if (s == null || s.status() == 2) {
          continue;
        }
        Status next = switch (s.status()) {
          case 1 -> Status.DONE;
          case 3 -> Status.REFUSED;
          case 4 -> Status.TAKEOVER_LIMIT;
          default -> Status.NO_RECORD;
        };
        String reason = switch (next) {
          case DONE -> "转接成功";
          case REFUSED -> "客户拒绝了转接";
          case TAKEOVER_LIMIT -> "接替成员的客户数已达上限";
          default -> "企业微信没有这条转接记录";
        };
        if (transfers.update(t.id(), next, null, reason, s.takeoverTime(), now)) {
          changed++;
          // WeCom sends no callback for the takeover's new relation: fetch the customer
          refetches.request(corpId, RefetchQueue.Kind.CUSTOMER, t.externalUserId(), now, Duration.ZERO);
        }
      }
    }
    return changed;
  }

  /** transfer_fail callback: the waiting transfer of that customer to that member failed. */
  public void onFailed(CustomerTransferFailed failed) {
    transfers.waitingFor(failed.corpId(), failed.takeoverUserid(), failed.externalUserId()).ifPresent(t -> {
      boolean limit = "customer_limit_exceed".equals(failed.reason());
      transfers.update(t.id(), limit ? Status.TAKEOVER_LIMIT : Status.REFUSED, null,
          limit ? "接替成员的客户数已达上限（transfer_fail）" : "客户拒绝了转接（transfer_fail）", null, clock.instant());
    });
  }

  public List<Transfer> list(String corpId, Status status, String externalUserId, int limit) {
    return transfers.list(corpId, status, externalUserId, limit);
  }

  /** {@link #list(String, Status, String, int)} of the transfers involving {@code staffScope} (null: all). */
  public List<Transfer> list(String corpId, Status status, String externalUserId, int limit,
      java.util.Collection<String> staffScope) {
    return transfers.list(corpId, status, externalUserId, limit, staffScope);
  }

  public RemoteAcquisition.UnassignedPage unassigned(String corpId, String cursor, int pageSize) {
    if (pageSize < 1 || pageSize > 1000) {
      throw AcquisitionException.invalid("pageSize 取值 1 到 1000", "pageSize " + pageSize);
    }
    try {
      return remote.apply(corpId).unassigned(cursor, pageSize);
    } catch (RemoteCallException e) {
      throw ContactWayManagement.wecomError(e);
    }
  }

  public List<GroupResult> transferGroups(String corpId, boolean onJob, List<String> chatIds, String newOwner) {
    List<String> ids = chatIds == null ? List.of() : List.copyOf(new LinkedHashSet<>(chatIds));
    if (ids.isEmpty() || ids.size() > 100) {
      throw AcquisitionException.invalid("chatIds 需要 1 到 100 个客户群（企业微信限制）", ids.size() + " chats");
    }
    if (newOwner == null || newOwner.isBlank()) {
      throw AcquisitionException.invalid("新群主 newOwner 必须填写", "newOwner missing");
    }
    Map<String, Integer> failed;
    try {
      failed = remote.apply(corpId).transferGroupChats(onJob, ids, newOwner);
    } catch (RemoteCallException e) {
      throw ContactWayManagement.wecomError(e);
    }
    Instant now = clock.instant();
    List<GroupResult> results = new ArrayList<>();
    for (String id : ids) {
      Integer code = failed.get(id);
      if (code == null) {
        refetches.request(corpId, RefetchQueue.Kind.GROUP, id, now, Duration.ZERO);
        results.add(new GroupResult(id, true, 0, "已转交给 " + newOwner));
      } else {
        results.add(new GroupResult(id, false, code, WeComErrorCatalogue.message(code)));
      }
    }
    return results;
  }
}
