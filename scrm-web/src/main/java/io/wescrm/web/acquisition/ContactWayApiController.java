package io.wescrm.web.acquisition;

import io.wescrm.core.acquisition.ContactWay;
import io.wescrm.core.acquisition.ContactWayManagement;
import io.wescrm.core.acquisition.ContactWays;
import io.wescrm.core.acquisition.WelcomeTemplate;
import io.wescrm.web.security.AccessScope;
import io.wescrm.web.security.StoreScopes;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** 渠道活码: create, change, delete, list contact ways and their per-day stats. */
@RestController
@RequestMapping("/api/corps/{corpId}/contact-ways")
class ContactWayApiController {

  /**
   * The request body of create and update (null fields of an update keep the stored value); string lengths are the
   * columns' (checked before any WeCom call; name, state and remark by the use case, with WeCom's own rules).
   */
  record ContactWayRequest(
      String name,
      ContactWay.Kind kind,
      String state,
      @Size(max = 100, message = "最多 100 位成员") List<@NotBlank @Size(max = 64) String> userids,
      @Size(max = 100, message = "最多 100 个部门") List<Long> departmentIds,
      Long storeDeptId,
      @Size(max = 64, message = "不能超过 64 个字符") String channel,
      @Size(max = 64, message = "不能超过 64 个字符") String campaign,
      String remark,
      Boolean skipVerify, Integer scene, WelcomeTemplate welcome,
      @Size(max = 100, message = "最多 100 个标签") List<@NotBlank @Size(max = 64) String> tagIds) {

    @AssertTrue(message = "成员 userids 合计不能超过 2000 个字符")
    boolean isUseridsFitting() {
      return joined(userids) <= 2000;
    }

    @AssertTrue(message = "部门 departmentIds 合计不能超过 512 个字符")
    boolean isDepartmentIdsFitting() {
      return joined(departmentIds) <= 512;
    }

    @AssertTrue(message = "标签 tagIds 合计不能超过 1000 个字符")
    boolean isTagIdsFitting() {
      return joined(tagIds) <= 1000;
    }

    private static int joined(List<?> values) {
      return values == null ? 0 : values.stream().mapToInt(v -> String.valueOf(v).length() + 1).sum();
    }

    ContactWayManagement.Command command() {
      return new ContactWayManagement.Command(name, kind, state, userids, departmentIds, storeDeptId, channel,
          campaign, remark, skipVerify, scene, welcome, tagIds);
    }
  }

  /** Stats of one contact way. */
  record Stats(long contactWayId, String state, LocalDate from, LocalDate to, long adds, List<ContactWays.DayStats> days) {
  }

  private final AcquisitionCorps corps;
  private final ContactWayManagement ways;
  private final StoreScopes scopes;

  ContactWayApiController(AcquisitionCorps corps, ContactWayManagement ways, StoreScopes scopes) {
    this.corps = corps;
    this.ways = ways;
    this.scopes = scopes;
  }

  /** Every way, or a store manager's: attributed to or answered by their stores (docs/security.md). */
  private java.util.function.Predicate<ContactWay> visible(AccessScope scope) {
    if (scope.allStores()) {
      return way -> true;
    }
    java.util.Set<String> staff = scopes.staff(scope);
    return way -> way.ofStore(scope.stores(), staff);
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  ContactWay create(@PathVariable String corpId, @Valid @RequestBody ContactWayRequest request) {
    corps.require(corpId);
    return ways.create(corpId, request.command());
  }

  @GetMapping
  List<ContactWay> list(@PathVariable String corpId, @RequestParam(defaultValue = "false") boolean includeDeleted,
      AccessScope scope) {
    corps.require(corpId);
    // the list is the corp's configuration (not paged): the store check on each way is the whole answer
    return ways.list(corpId, includeDeleted).stream().filter(visible(scope)).toList();
  }

  @GetMapping("/{id}")
  ContactWay get(@PathVariable String corpId, @PathVariable long id, AccessScope scope) {
    corps.require(corpId);
    return ways.find(corpId, id, visible(scope));
  }

  @PatchMapping("/{id}")
  ContactWay update(@PathVariable String corpId, @PathVariable long id, @Valid @RequestBody ContactWayRequest request) {
    corps.require(corpId);
    return ways.update(corpId, id, request.command());
  }

  @DeleteMapping("/{id}")
  Map<String, Object> delete(@PathVariable String corpId, @PathVariable long id) {
    corps.require(corpId);
    ways.delete(corpId, id);
    return Map.of("id", id, "deleted", true, "message", "活码已删除（state 保留，已有客户的归因不变）");
  }

  /** WeCom's own record of the way (get_contact_way). */
  @GetMapping("/{id}/wecom")
  Map<String, Object> wecom(@PathVariable String corpId, @PathVariable long id, AccessScope scope) {
    corps.require(corpId);
    ways.find(corpId, id, visible(scope));
    return ways.remoteView(corpId, id);
  }

  @GetMapping("/{id}/stats")
  Stats stats(@PathVariable String corpId, @PathVariable long id,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
      AccessScope scope) {
    corps.require(corpId);
    ways.find(corpId, id, visible(scope));
    LocalDate end = to != null ? to : LocalDate.now(ZoneId.systemDefault());
    LocalDate start = from != null ? from : end.minusDays(29);
    List<ContactWays.DayStats> days = ways.stats(corpId, id, start, end);
    return new Stats(id, ways.find(corpId, id).state(), start, end,
        days.stream().mapToLong(ContactWays.DayStats::adds).sum(), days);
  }
}
