package io.wescrm.web.acquisition;

import com.fasterxml.jackson.annotation.JsonAlias;
import io.wescrm.core.acquisition.RemoteAcquisition;
import io.wescrm.core.acquisition.TransferringCustomers;
import io.wescrm.core.acquisition.Transfers;
import io.wescrm.web.api.ApiException;
import io.wescrm.web.api.Paging;
import io.wescrm.web.security.AccessScope;
import io.wescrm.web.security.StoreScopes;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** 在职继承 / 离职继承 of customers and groups; unassigned customers of resigned staff. */
@RestController
@RequestMapping("/api/corps/{corpId}")
class TransferApiController {

  /** ONJOB (在职继承) or RESIGNED (离职继承). */
  enum Kind { ONJOB, RESIGNED }

  /** {@code externalUserIds}; the first spelling {@code externalUserids} is still accepted. */
  record TransferRequest(Kind kind,
      @Size(max = 64, message = "不能超过 64 个字符") String handoverUserid,
      @Size(max = 64, message = "不能超过 64 个字符") String takeoverUserid,
      @JsonAlias("externalUserids") List<@Size(max = 64, message = "不能超过 64 个字符") String> externalUserIds,
      @Size(max = 200, message = "不能超过 200 个字符") String message) {
  }

  record GroupTransferRequest(Kind kind,
      List<@Size(max = 64, message = "不能超过 64 个字符") String> chatIds,
      @Size(max = 64, message = "不能超过 64 个字符") String newOwner) {
  }

  /** What a transfer request started: WeCom accepted {@code started}, refused the others (each with its reason). */
  record Transferred(long started, long rejected, List<TransferringCustomers.CustomerResult> customers) {
  }

  record GroupsTransferred(long transferred, List<TransferringCustomers.GroupResult> chats) {
  }

  record Finalised(int finalised) {
  }

  private final AcquisitionCorps corps;
  private final TransferringCustomers transfers;
  private final StoreScopes scopes;

  TransferApiController(AcquisitionCorps corps, TransferringCustomers transfers, StoreScopes scopes) {
    this.corps = corps;
    this.scopes = scopes;
    this.transfers = transfers;
  }

  @PostMapping("/transfers")
  Transferred transfer(@PathVariable String corpId, @Valid @RequestBody TransferRequest request) {
    corps.require(corpId);
    if (request.kind() == null) {
      throw ApiException.badRequest("kind 必须是 ONJOB（在职继承）或 RESIGNED（离职继承）", "kind missing");
    }
    List<TransferringCustomers.CustomerResult> results = transfers.transfer(corpId, request.kind() == Kind.RESIGNED,
        request.handoverUserid(), request.takeoverUserid(), request.externalUserIds(), request.message());
    long started = results.stream().filter(r -> r.status() == Transfers.Status.WAITING).count();
    return new Transferred(started, results.size() - started, results);
  }

  @GetMapping("/transfers")
  List<Transfers.Transfer> list(@PathVariable String corpId, @RequestParam(required = false) Transfers.Status status,
      @RequestParam(required = false) String externalUserId,
      @RequestParam(name = "externalUserid", required = false) String firstSpelling,
      @RequestParam(defaultValue = "100") @Min(1) @Max(Paging.MAX_LIMIT) int limit, AccessScope scope) {
    corps.require(corpId);
    if (limit < 1 || limit > 1000) {
      throw ApiException.badRequest("limit 取值 1 到 1000", "limit " + limit);
    }
    return transfers.list(corpId, status, externalUserId != null ? externalUserId : firstSpelling, limit,
        scopes.staff(scope));
  }

  /** Follow transfer_result now (a timer does it too). */
  @PostMapping("/transfers/refresh")
  Finalised refresh(@PathVariable String corpId) {
    corps.require(corpId);
    return new Finalised(transfers.refresh(corpId));
  }

  @GetMapping("/unassigned")
  RemoteAcquisition.UnassignedPage unassigned(@PathVariable String corpId,
      @RequestParam(required = false) @Size(max = 512) String cursor,
      @RequestParam(defaultValue = "1000") @Min(1) @Max(1000) int pageSize) {
    corps.require(corpId);
    return transfers.unassigned(corpId, cursor, pageSize);
  }

  @PostMapping("/group-transfers")
  GroupsTransferred groups(@PathVariable String corpId, @Valid @RequestBody GroupTransferRequest request) {
    corps.require(corpId);
    if (request.kind() == null) {
      throw ApiException.badRequest("kind 必须是 ONJOB（在职继承）或 RESIGNED（离职继承）", "kind missing");
    }
    List<TransferringCustomers.GroupResult> results = transfers.transferGroups(corpId, request.kind() == Kind.ONJOB,
        request.chatIds(), request.newOwner());
    return new GroupsTransferred(results.stream().filter(TransferringCustomers.GroupResult::transferred).count(),
        results);
  }
}
