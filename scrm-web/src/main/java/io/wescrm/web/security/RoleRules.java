package io.wescrm.web.security;

import io.wescrm.core.accounts.Role;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpMethod;

/**
 * Who may call what: the role table, by method and path, first match wins (docs/security.md prints it). Corp
 * binding is checked apart, for every {@code /api/corps/{corpId}/…} path ({@link CorpScopeInterceptor}). A store
 * manager has no mutation yet: an action is granted to it only together with the store check on that endpoint
 * (otherwise it could act on another store's customers).
 */
public final class RoleRules {

  private static final Set<Role> ALL = Set.of(Role.values());
  private static final Set<Role> ADMIN = Set.of(Role.ADMIN);
  private static final Set<Role> OPERATORS = Set.of(Role.ADMIN, Role.OPERATOR);
  private static final Set<Role> NOT_STORE = Set.of(Role.ADMIN, Role.OPERATOR, Role.VIEWER);

  /**
   * Reads a store manager has no business with (corp-wide operations, nothing of a store's): refused to them, every
   * other role reads them.
   */
  public static final List<Rule> CORP_WIDE_READS = List.of(
      new Rule(HttpMethod.GET, "/api/corps/*/inbox/**", NOT_STORE, "回调收件箱（全企业运维，店长无权查看）"),
      new Rule(HttpMethod.GET, "/api/corps/*/sync-runs/**", NOT_STORE, "同步记录（全企业运维，店长无权查看）"),
      new Rule(HttpMethod.GET, "/api/corps/*/reconciliation", NOT_STORE, "对账（全企业运维，店长无权查看）"),
      new Rule(HttpMethod.GET, "/api/corps/*/tag-pushes", NOT_STORE, "标签推送队列（全企业运维，店长无权查看）"),
      new Rule(HttpMethod.GET, "/api/corps/*/unassigned", NOT_STORE, "离职成员待分配客户（企业微信全量，店长无权查看）"));

  /** One line of the table: {@code method} null means every method. */
  public record Rule(HttpMethod method, String pattern, Set<Role> roles, String why) {
  }

  /** POSTs that only read (searches and previews): every role. */
  public static final List<Rule> READING_POSTS = List.of(
      new Rule(HttpMethod.POST, "/api/corps/*/customers/search", ALL, "搜索客户（只读）"),
      new Rule(HttpMethod.POST, "/api/corps/*/rules/preview", ALL, "预览规则命中（只读）"),
      new Rule(HttpMethod.POST, "/api/corps/*/campaigns/preview", ALL, "预览群发受众（只读）"),
      new Rule(HttpMethod.POST, "/api/corps/*/campaigns/*/preview", ALL, "预览群发受众（只读）"));

  /** The table, first match wins; what no line names is refused. */
  public static final List<Rule> TABLE = concat(List.of(
      new Rule(null, "/api/accounts/**", ADMIN, "账号管理"),
      new Rule(null, "/api/auth/**", ALL, "本人会话、本人令牌"),
      new Rule(null, "/api/audit-log/**", ADMIN, "审计日志")),
      CORP_WIDE_READS, List.of(
      new Rule(HttpMethod.GET, "/api/**", ALL, "读取（店长的门店范围见 AccessScope）"),
      new Rule(HttpMethod.DELETE, "/api/corps/*/tag-groups/**", ADMIN, "删除企业微信标签组（不可撤销）"),
      new Rule(HttpMethod.DELETE, "/api/corps/*/tags/**", ADMIN, "删除企业微信标签（不可撤销）"),
      new Rule(HttpMethod.POST, "/api/corps/*/inbox/**", ADMIN, "丢弃、重放、清理回调事件")),
      READING_POSTS, List.of(
      new Rule(null, "/api/corps/**", OPERATORS,
          "其余变更：转接、欢迎语与活码、规则（含回收）、同步、群发执行与取消、朋友圈任务、社群"),
      new Rule(null, "/actuator/**", ALL, "指标（Prometheus 用一个只读账号的令牌抓取）"),
      new Rule(HttpMethod.GET, "/v3/api-docs/**", ALL, "OpenAPI 文档"),
      new Rule(HttpMethod.GET, "/swagger-ui/**", ALL, "Swagger UI"),
      new Rule(HttpMethod.GET, "/swagger-ui.html", ALL, "Swagger UI")));

  private RoleRules() {
  }

  @SafeVarargs
  private static List<Rule> concat(List<Rule>... parts) {
    return java.util.Arrays.stream(parts).flatMap(List::stream).toList();
  }
}
