package io.wescrm.web.rules;

import io.wescrm.core.remote.RemoteCorps;
import io.wescrm.core.rules.Condition;
import io.wescrm.core.rules.CustomerEvaluation;
import io.wescrm.core.rules.DefaultRules;
import io.wescrm.core.rules.Field;
import io.wescrm.core.rules.InMemoryEvaluator;
import io.wescrm.core.rules.InvalidRuleException;
import io.wescrm.core.rules.LifecycleStage;
import io.wescrm.core.rules.Op;
import io.wescrm.core.rules.Rule;
import io.wescrm.core.rules.RuleCodec;
import io.wescrm.core.rules.RuleDefinition;
import io.wescrm.core.rules.RuleEngine;
import io.wescrm.core.rules.RuleError;
import io.wescrm.core.rules.RuleRun;
import io.wescrm.core.rules.jdbc.JdbcRules;
import io.wescrm.core.tags.jdbc.JdbcCorpTagAdmin;
import io.wescrm.web.api.ApiException;
import io.wescrm.web.api.Paging;
import io.wescrm.web.api.PreviewGate;
import io.wescrm.web.security.AccessScope;
import io.wescrm.web.security.StoreScopes;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Rules: CRUD with versions, enable/disable, preview, explain, run-now, lifecycle defaults. See docs/rules.md. */
@RestController
@RequestMapping("/api/corps/{corpId}")
class RuleApiController {

  private final RemoteCorps corps;
  private final JdbcRules rules;
  private final RuleEngine engine;
  private final JdbcCorpTagAdmin tags;
  private final RuleRuns runs;
  private final PreviewGate gate;
  private final StoreScopes scopes;

  RuleApiController(RemoteCorps corps, JdbcRules rules, RuleEngine engine, JdbcCorpTagAdmin tags,
      RuleRuns runs, PreviewGate gate, StoreScopes scopes) {
    this.gate = gate;
    this.scopes = scopes;
    this.corps = corps;
    this.rules = rules;
    this.engine = engine;
    this.tags = tags;
    this.runs = runs;
  }

  /**
   * A rule as created or updated: the header typed here, the condition and actions read by {@link RuleCodec} (which
   * reports every problem with its path). On update, an absent header field keeps the stored value.
   */
  record RuleRequest(
      @Size(max = 128, message = "规则名称不能超过 128 个字符") String name,
      @Size(max = 512, message = "规则说明不能超过 512 个字符") String description,
      Integer priority, Boolean enabled, JsonNode condition, JsonNode actions,
      @Size(max = 64, message = "操作人不能超过 64 个字符") String operator) {
  }

  /** An unsaved condition to preview or search by. */
  record ConditionRequest(JsonNode condition) {
  }

  /** The condition language: fields with their types and operators, stages, action types. */
  @GetMapping("/rule-fields")
  Map<String, Object> fields(@PathVariable String corpId) {
    require(corpId);
    return Map.of(
        "fields", Arrays.stream(Field.values()).map(f -> Map.of("field", f.key(), "label", f.label(),
            "type", f.type().name(), "ops", f.type().ops().stream().map(Op::key).toList(),
            "sameFollow", f.followScoped())).toList(),
        "nodes", List.of(Map.of("node", "all", "label", "全部满足"), Map.of("node", "any", "label", "任一满足"),
            Map.of("node", "not", "label", "不满足"), Map.of("node", "sameFollow",
                "label", "同一跟进关系同时满足（仅限 sameFollow 为 true 的字段）")),
        "stages", Arrays.stream(LifecycleStage.values()).map(s -> Map.of("stage", s.key(), "label", s.label()))
            .toList(),
        "actions", List.of("addTags", "removeTags", "setStage"));
  }

  @GetMapping("/rules")
  List<Map<String, Object>> list(@PathVariable String corpId) {
    require(corpId);
    return rules.list(corpId).stream().map(RuleApiController::view).toList();
  }

  @PostMapping("/rules")
  ResponseEntity<Map<String, Object>> create(@PathVariable String corpId,
      @Valid @RequestBody RuleRequest body) {
    require(corpId);
    RuleDefinition definition = codec(corpId).read(body.condition(), body.actions());
    Rule rule = rules.create(corpId, header(body, null), definition, body.operator());
    engine.rulesChanged(corpId);
    return ResponseEntity.status(HttpStatus.CREATED).body(view(rule));
  }

  @GetMapping("/rules/{id}")
  Map<String, Object> get(@PathVariable String corpId, @PathVariable long id) {
    return view(find(corpId, id));
  }

  /** Saves a new version when the condition or actions changed (the version number moves), and the header. */
  @PutMapping("/rules/{id}")
  Map<String, Object> update(@PathVariable String corpId, @PathVariable long id,
      @Valid @RequestBody RuleRequest body) {
    Rule current = find(corpId, id);
    RuleDefinition definition = codec(corpId).read(body.condition(), body.actions());
    Rule rule = rules.update(corpId, id, header(body, current), definition, body.operator()).orElseThrow();
    engine.rulesChanged(corpId);
    return view(rule);
  }

  /**
   * Deletes the rule; the tags it added stay unless {@code takeBackTags=true}, which removes them (locally, and in
   * WeCom through the push queue) and answers what it removed. With {@code takeBackTags} a rule deleted earlier is
   * accepted too, so the take-back can be repeated (a node that still had the rule cached may add tags for up to 30 s).
   */
  @DeleteMapping("/rules/{id}")
  ResponseEntity<Map<String, Object>> delete(@PathVariable String corpId, @PathVariable long id,
      @RequestParam(defaultValue = "false") boolean takeBackTags) {
    if (!takeBackTags) {
      find(corpId, id);
    } else if (!rules.exists(corpId, id)) {
      require(corpId);
      throw ApiException.notFound("RULE_NOT_FOUND", "规则不存在", "rule " + id);
    }
    rules.delete(corpId, id);
    engine.rulesChanged(corpId);
    if (!takeBackTags) {
      return ResponseEntity.noContent().build();
    }
    RuleEngine.TakeBack back = engine.takeBack(corpId, id);
    return ResponseEntity.ok(Map.of("deleted", true, "tagsRemoved", back.tagsRemoved(), "pushesQueued",
        back.pushesQueued()));
  }

  @PostMapping("/rules/{id}/enable")
  Map<String, Object> enable(@PathVariable String corpId, @PathVariable long id) {
    find(corpId, id);
    rules.setEnabled(corpId, id, true);
    engine.rulesChanged(corpId);
    return view(find(corpId, id));
  }

  @PostMapping("/rules/{id}/disable")
  Map<String, Object> disable(@PathVariable String corpId, @PathVariable long id) {
    find(corpId, id);
    rules.setEnabled(corpId, id, false);
    engine.rulesChanged(corpId);
    return view(find(corpId, id));
  }

  @GetMapping("/rules/{id}/versions")
  List<Map<String, Object>> versions(@PathVariable String corpId, @PathVariable long id) {
    find(corpId, id);
    return rules.versions(corpId, id).stream().map(v -> Map.<String, Object>of("version", v.version(),
        "condition", RuleCodec.parseJson(v.condition()), "actions", RuleCodec.parseJson(v.actions()),
        "createdBy", v.createdBy() == null ? "" : v.createdBy(), "createdAt", v.createdAt())).toList();
  }

  /** How many customers a stored rule matches now, with a sample (works for disabled rules: preview first). */
  @GetMapping("/rules/{id}/preview")
  Map<String, Object> preview(@PathVariable String corpId, @PathVariable long id,
      @RequestParam(defaultValue = "20") @Min(0) @Max(200) int sample, AccessScope scope) {
    return audience(scope, find(corpId, id).condition(), 0, sample);
  }

  /** Preview of an unsaved condition: {@code {"condition": {...}}}. */
  @PostMapping("/rules/preview")
  Map<String, Object> previewCondition(@PathVariable String corpId, @RequestBody ConditionRequest body,
      @RequestParam(defaultValue = "20") @Min(0) @Max(200) int sample, AccessScope scope) {
    require(corpId);
    return audience(scope, codec(corpId).readCondition(body.condition()), 0, sample);
  }

  /** Which conditions held and which failed for one customer. */
  @GetMapping("/rules/{id}/explain")
  Map<String, Object> explain(@PathVariable String corpId, @PathVariable long id, @RequestParam String customer,
      AccessScope scope) {
    Rule rule = find(corpId, id);
    scopes.requireCustomer(scope, customer);
    InMemoryEvaluator.Explanation explanation = engine.explain(corpId, rule.condition(), customer)
        .orElseThrow(() -> ApiException.notFound("CUSTOMER_NOT_FOUND", "客户不存在", "external_userid " + customer));
    return Map.of("ruleId", rule.id(), "version", rule.version(), "customer", customer,
        "matches", explanation.held(), "explanation", explanation);
  }

  /** Re-evaluates every enabled rule of the corp now (the scheduled job does the same). */
  @PostMapping("/rules/run")
  RuleRun runNow(@PathVariable String corpId, @RequestParam(defaultValue = "false") boolean push) {
    require(corpId);
    RuleRun run = runs.runNow(corpId, "API").orElseThrow(() -> new ApiException(HttpStatus.CONFLICT,
        "RULE_RUN_IN_PROGRESS", "该企业的规则正在重算中，请稍后再试", "a rule run of " + corpId + " is in progress"));
    if (push) {
      runs.pushNow();
    }
    return run;
  }

  @GetMapping("/rule-runs")
  List<RuleRun> ruleRuns(@PathVariable String corpId,
      @RequestParam(defaultValue = "20") @Min(1) @Max(Paging.MAX_LIMIT) int limit) {
    require(corpId);
    return engine.runs(corpId, limit);
  }

  /** Evaluates the enabled rules on one customer now and writes the changes. */
  @PostMapping("/customers/{externalUserId}/evaluate")
  CustomerEvaluation evaluate(@PathVariable String corpId, @PathVariable String externalUserId,
      AccessScope scope) {
    require(corpId);
    scopes.requireCustomer(scope, externalUserId);
    return engine.evaluateCustomer(corpId, externalUserId).orElseThrow(() -> ApiException.notFound(
        "CUSTOMER_NOT_FOUND", "客户不存在或该企业没有启用的规则", "external_userid " + externalUserId));
  }

  /** Customers by a tag expression (or any condition): {@code {"condition": {...}}}, paged. */
  @PostMapping("/customers/search")
  Map<String, Object> search(@PathVariable String corpId, @RequestBody ConditionRequest body,
      @RequestParam(defaultValue = "1") @Min(1) @Max(Paging.MAX_PAGE) long page,
      @RequestParam(defaultValue = "20") @Min(1) @Max(Paging.MAX_SIZE) int size, AccessScope scope) {
    require(corpId);
    return audience(scope, codec(corpId).readCondition(body.condition()), (page - 1) * size, size);
  }

  /** Installs the shipped lifecycle rules (those not installed yet); they are ordinary rules afterwards. */
  @PostMapping("/rules/lifecycle-defaults")
  List<Map<String, Object>> installDefaults(@PathVariable String corpId,
      @RequestParam(defaultValue = "true") boolean enabled) {
    require(corpId);
    List<Map<String, Object>> installed = new ArrayList<>();
    for (DefaultRules.Preset p : DefaultRules.LIFECYCLE) {
      if (!rules.hasPreset(corpId, p.key())) {
        RuleDefinition d = codec(corpId).read(RuleCodec.parseJson(p.condition()), RuleCodec.parseJson(p.actions()));
        installed.add(view(rules.create(corpId, new JdbcRules.Header(p.name(), p.description(), p.priority(),
            enabled, p.key()), d, "system")));
      }
    }
    engine.rulesChanged(corpId);
    return installed;
  }

  /**
   * Count and sample of a condition; for a store manager the condition gains "followed by one of my stores' staff"
   * ({@code follow.staff in …}: a live relation), so count and sample are both scoped (docs/security.md).
   */
  private Map<String, Object> audience(AccessScope scope, Condition condition, long offset, int limit) {
    String corpId = scope.corpId();
    Set<String> staff = scopes.staff(scope);
    if (staff != null && staff.isEmpty()) {
      return Map.of("count", 0L, "sample", List.of());
    }
    Condition scoped = staff == null ? condition : new Condition.All(List.of(condition,
        new Condition.Leaf(Field.FOLLOW_STAFF, Op.IN, staff.stream().sorted().toList(), null, null)));
    RuleEngine.Audience audience = gate.run(corpId, pace -> engine.audience(corpId, scoped, offset, limit, pace));
    return Map.of("count", audience.count(), "sample", audience.sample());
  }

  private RuleCodec codec(String corpId) {
    return new RuleCodec(ids -> tags.liveTags(corpId, ids));
  }

  private Rule find(String corpId, long id) {
    require(corpId);
    return rules.find(corpId, id).orElseThrow(() -> ApiException.notFound("RULE_NOT_FOUND", "规则不存在",
        "rule " + id));
  }

  private void require(String corpId) {
    if (!corps.corpIds().contains(corpId)) {
      throw ApiException.notFound("CORP_NOT_FOUND", "企业未配置", "unknown corp " + corpId);
    }
  }

  private static JdbcRules.Header header(RuleRequest body, Rule current) {
    String name = body.name();
    if (name == null && current != null) {
      name = current.name();
    }
    List<RuleError> errors = new ArrayList<>();
    if (name == null || name.isBlank()) {
      errors.add(new RuleError("name", "MISSING_NAME", "缺少规则名称 name", "name is required"));
    } else if (name.length() > 128) {
      errors.add(new RuleError("name", "VALUE_TOO_LONG", "规则名称不能超过 128 个字符", "name longer than 128"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidRuleException(errors);
    }
    String description = body.description() != null ? body.description()
        : current == null ? null : current.description();
    int prio = body.priority() != null ? body.priority() : current == null ? 100 : current.priority();
    boolean enabled = body.enabled() != null ? body.enabled() : current != null && current.enabled();
    return new JdbcRules.Header(name.strip(), description, prio, enabled, current == null ? null : current.preset());
  }

  static Map<String, Object> view(Rule rule) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("id", rule.id());
    v.put("name", rule.name());
    v.put("description", rule.description());
    v.put("priority", rule.priority());
    v.put("enabled", rule.enabled());
    v.put("version", rule.version());
    v.put("preset", rule.preset());
    v.put("sourceRef", rule.sourceRef());
    v.put("condition", RuleCodec.write(rule.condition()));
    v.put("actions", RuleCodec.write(rule.actions()));
    return v;
  }
}
