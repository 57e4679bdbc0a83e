package io.wescrm.core.rules;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes rule JSON, and validates it with precise paths (one instance reads one definition at a time: it
 * collects the tags named, to check them in one question). Condition syntax:
 * <pre>
 * {"all": [ ... ]}   {"any": [ ... ]}   {"not": { ... }}
 * {"sameFollow": [ follow.* leaves ]}   (one and the same live relation satisfies them all)
 * {"field": "follow.state", "op": "in", "values": ["store_sh01_qr"]}
 * {"field": "follow.addedAt", "op": "withinDays", "value": 7}
 * {"field": "moment.likes", "op": "gte", "value": 3, "days": 30}
 * {"field": "campaign.received", "op": "in", "values": [12, 15], "days": 7}   (days optional: ever)
 * </pre>
 * Actions: {@code [{"type": "addTags", "tags": ["et..."], "syncToWeCom": true}, {"type": "removeTags", ...},
 * {"type": "setStage", "stage": "growing"}]}.
 */
public final class RuleCodec {

  /** Deepest nesting accepted (a guard against hostile input). */
  public static final int MAX_DEPTH = 12;
  /** Most leaves accepted in one condition. */
  public static final int MAX_LEAVES = 200;
  /** Most nodes (groups, negations and leaves, every one counted) accepted in one condition. */
  public static final int MAX_NODES = 500;
  /** Most values of one leaf ({@code "values": [...]}) and of one action's tag list. */
  public static final int MAX_VALUES = 1000;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final LiveTags liveTags;
  private int nodes;
  /** Tag ids named by the definition being read, in order (null: not a tag id): checked in one question. */
  private final List<NamedTag> namedTags = new ArrayList<>();

  private record NamedTag(String path, String tag, String raw) {
  }

  /** @param liveTags which corp tag ids exist (and are not deleted) in the rule's corp, asked once per read */
  public RuleCodec(LiveTags liveTags) {
    this.liveTags = liveTags;
  }

  public static JsonNode parseJson(String text) {
    return JSON.readTree(text);
  }

  /** Parses and validates a rule; throws {@link InvalidRuleException} listing every problem found. */
  public RuleDefinition read(JsonNode condition, JsonNode actions) {
    List<RuleError> errors = new ArrayList<>();
    startRead();
    int[] leaves = {0};
    Condition c = null;
    if (condition == null || condition.isNull() || condition.isMissingNode()) {
      errors.add(new RuleError("condition", "MISSING_CONDITION", "缺少条件 condition", "condition is required"));
    } else {
      c = condition(condition, "condition", 0, leaves, errors);
    }
    List<RuleAction> acts = actions(actions, errors);
    checkTags(errors);
    if (c != null) {
      Set<String> own = new LinkedHashSet<>();
      acts.forEach(a -> {
        if (a instanceof RuleAction.AddTags add) {
          own.addAll(add.tags());
        } else if (a instanceof RuleAction.RemoveTags remove) {
          own.addAll(remove.tags());
        }
      });
      tagsNamed(c).stream().filter(own::contains).findFirst().ifPresent(t -> errors.add(new RuleError("actions",
          "SELF_REFERENCE", "条件中引用了本规则自己要添加或移除的标签 " + t + "：这样的规则会反复翻转，请改用其他条件",
          "the condition names tag " + t + " that the rule's own actions change")));
    }
    if (!errors.isEmpty()) {
      throw new InvalidRuleException(errors);
    }
    return new RuleDefinition(c, acts);
  }

  /** Parses a condition only (preview of an unsaved condition, customers by tag expression). */
  public Condition readCondition(JsonNode condition) {
    List<RuleError> errors = new ArrayList<>();
    startRead();
    Condition c = condition == null || condition.isNull() || condition.isMissingNode() ? null
        : condition(condition, "condition", 0, new int[] {0}, errors);
    checkTags(errors);
    if (c == null && errors.isEmpty()) {
      errors.add(new RuleError("condition", "MISSING_CONDITION", "缺少条件 condition", "condition is required"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidRuleException(errors);
    }
    return c;
  }

  private Condition condition(JsonNode node, String path, int depth, int[] leaves, List<RuleError> errors) {
    if (!node.isObject()) {
      errors.add(new RuleError(path, "NOT_AN_OBJECT", path + " 应为 JSON 对象", path + " must be an object"));
      return null;
    }
    if (depth > MAX_DEPTH) {
      errors.add(new RuleError(path, "TOO_DEEP", "条件嵌套不能超过 " + MAX_DEPTH + " 层",
          "nesting deeper than " + MAX_DEPTH));
      return null;
    }
    if (++nodes > MAX_NODES) {
      if (nodes == MAX_NODES + 1) {
        errors.add(new RuleError(path, "TOO_MANY_NODES", "条件节点数不能超过 " + MAX_NODES,
            "more than " + MAX_NODES + " nodes"));
      }
      return null;
    }
    for (String group : List.of("all", "any")) {
      if (node.has(group)) {
        if (node.size() != 1) {
          errors.add(new RuleError(path, "MIXED_NODE", path + " 中 " + group + " 不能与其他键并列",
              group + " must be the only key of its object"));
          return null;
        }
        JsonNode items = node.get(group);
        if (!items.isArray()) {
          errors.add(new RuleError(path + "." + group, "NOT_AN_ARRAY", path + "." + group + " 应为数组",
              group + " must be an array"));
          return null;
        }
        List<Condition> children = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
          children.add(condition(items.get(i), path + "." + group + "[" + i + "]", depth + 1, leaves, errors));
        }
        if (children.contains(null)) {
          return null;
        }
        return group.equals("all") ? new Condition.All(children) : new Condition.Any(children);
      }
    }
    if (node.has("not")) {
      if (node.size() != 1) {
        errors.add(new RuleError(path, "MIXED_NODE", path + " 中 not 不能与其他键并列",
            "not must be the only key of its object"));
        return null;
      }
      Condition inner = condition(node.get("not"), path + ".not", depth + 1, leaves, errors);
      return inner == null ? null : new Condition.Not(inner);
    }
    if (node.has("sameFollow")) {
      return sameFollow(node, path, leaves, errors);
    }
    if (++leaves[0] > MAX_LEAVES) {
      errors.add(new RuleError(path, "TOO_MANY_CONDITIONS", "条件数不能超过 " + MAX_LEAVES,
          "more than " + MAX_LEAVES + " leaves"));
      return null;
    }
    return leaf(node, path, errors);
  }

  private void startRead() {
    nodes = 0;
    namedTags.clear();
  }

  /** Every tag the definition names, asked in one question; a missing one is an error at its first path. */
  private void checkTags(List<RuleError> errors) {
    if (namedTags.isEmpty()) {
      return;
    }
    Set<String> asked = new LinkedHashSet<>();
    namedTags.stream().map(NamedTag::tag).filter(t -> t != null).forEach(asked::add);
    Set<String> live = asked.isEmpty() ? Set.of() : liveTags.live(asked);
    for (NamedTag named : namedTags) {
      if (named.tag() == null || !live.contains(named.tag())) {
        errors.add(new RuleError(named.path(), "UNKNOWN_TAG", "标签不存在或已删除：" + named.raw(),
            "unknown or deleted corp tag " + named.raw()));
      }
    }
  }

  private Condition sameFollow(JsonNode node, String path, int[] leaves, List<RuleError> errors) {
    if (node.size() != 1) {
      errors.add(new RuleError(path, "MIXED_NODE", path + " 中 sameFollow 不能与其他键并列",
          "sameFollow must be the only key of its object"));
      return null;
    }
    JsonNode items = node.get("sameFollow");
    String at = path + ".sameFollow";
    if (!items.isArray() || items.isEmpty()) {
      errors.add(new RuleError(at, "NOT_AN_ARRAY", at + " 应为非空数组（同一跟进关系需满足的条件）",
          "sameFollow must be a non-empty array"));
      return null;
    }
    String allowed = java.util.Arrays.stream(Field.values()).filter(Field::followScoped).map(Field::key)
        .collect(Collectors.joining("、"));
    List<Condition.Leaf> children = new ArrayList<>();
    boolean ok = true;
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      String p = at + "[" + i + "]";
      if (!item.isObject() || !item.has("field")) {
        errors.add(new RuleError(p, "NOT_A_FOLLOW_CONDITION", p + " 应为跟进关系字段的条件（" + allowed
            + "），sameFollow 中不能嵌套 all、any、not", "sameFollow items must be follow.* leaves"));
        ok = false;
        continue;
      }
      if (++leaves[0] > MAX_LEAVES) {
        errors.add(new RuleError(p, "TOO_MANY_CONDITIONS", "条件数不能超过 " + MAX_LEAVES,
            "more than " + MAX_LEAVES + " leaves"));
        return null;
      }
      // the scope first: a customer-level field here is the mistake, whatever its operator and values
      java.util.Optional<Field> named = item.get("field").isString() ? Field.byKey(item.get("field").asString())
          : java.util.Optional.empty();
      if (named.isPresent() && !named.get().followScoped()) {
        errors.add(new RuleError(p + ".field", "NOT_A_FOLLOW_FIELD", "字段 " + named.get().key()
            + " 不属于单个跟进关系，sameFollow 中可用：" + allowed, "field " + named.get().key()
            + " is not a field of one follow relation"));
        ok = false;
        continue;
      }
      Condition c = leaf(item, p, errors);
      if (c == null) {
        ok = false;
      } else {
        children.add((Condition.Leaf) c);
      }
    }
    return ok ? new Condition.SameFollow(children) : null;
  }

  private Condition leaf(JsonNode node, String path, List<RuleError> errors) {
    int before = errors.size();
    for (String key : node.propertyNames()) {
      if (!Set.of("field", "op", "value", "values", "days").contains(key)) {
        errors.add(new RuleError(path + "." + key, "UNKNOWN_KEY", "不认识的键 " + key
            + "（条件只能包含 all、any、not、sameFollow，或 field、op、value、values、days）", "unknown key " + key));
      }
    }
    JsonNode fieldNode = node.get("field");
    if (fieldNode == null || !fieldNode.isString() || fieldNode.asString().isBlank()) {
      errors.add(new RuleError(path + ".field", "MISSING_FIELD", path + " 缺少字段 field",
          "field is required"));
      return null;
    }
    String fieldKey = fieldNode.asString();
    Field field = Field.byKey(fieldKey).orElse(null);
    if (field == null) {
      errors.add(new RuleError(path + ".field", "UNKNOWN_FIELD", "未知字段 " + fieldKey + "，可用字段："
          + java.util.Arrays.stream(Field.values()).map(Field::key).collect(Collectors.joining("、")),
          "unknown field " + fieldKey));
      return null;
    }
    JsonNode opNode = node.get("op");
    if (opNode == null || !opNode.isString()) {
      errors.add(new RuleError(path + ".op", "MISSING_OPERATOR", "字段 " + fieldKey + " 缺少运算符 op，可用："
          + opList(field), "op is required"));
      return null;
    }
    Op op = Op.byKey(opNode.asString()).orElse(null);
    if (op == null || !field.type().ops().contains(op)) {
      errors.add(new RuleError(path + ".op", "OPERATOR_NOT_ALLOWED", "字段 " + fieldKey + "（" + field.label()
          + "）不支持运算符 " + opNode.asString() + "，可用：" + opList(field),
          "operator " + opNode.asString() + " does not fit field " + fieldKey + " of type " + field.type()));
      return null;
    }
    List<String> values = List.of();
    Long number = null;
    switch (op.operand(field)) {
      case VALUE -> {
        String v = scalar(node.get("value"), field, path + ".value", errors);
        if (v != null) {
          values = List.of(v);
        }
      }
      case VALUES -> {
        JsonNode vs = node.get("values");
        if (vs == null || !vs.isArray() || vs.isEmpty()) {
          errors.add(new RuleError(path + ".values", "MISSING_VALUE", "运算符 " + op.key() + " 需要非空数组 values",
              "op " + op.key() + " needs a non-empty values array"));
        } else if (vs.size() > MAX_VALUES) {
          errors.add(new RuleError(path + ".values", "TOO_MANY_VALUES", "一个条件的取值不能超过 " + MAX_VALUES + " 个",
              "more than " + MAX_VALUES + " values"));
        } else {
          List<String> list = new ArrayList<>();
          for (int i = 0; i < vs.size(); i++) {
            String v = scalar(vs.get(i), field, path + ".values[" + i + "]", errors);
            if (v != null) {
              list.add(v);
            }
          }
          values = List.copyOf(new LinkedHashSet<>(list));
        }
      }
      case NUMBER -> {
        JsonNode n = node.get("value");
        if (n == null || !n.isIntegralNumber() || !n.canConvertToLong() || n.asLong() < 0) {
          errors.add(new RuleError(path + ".value", "MISSING_VALUE", "运算符 " + op.key() + " 需要非负整数 value"
              + (op.key().contains("Days") ? "（天数）" : ""), "op " + op.key() + " needs a non-negative integer value"));
        } else if (op.key().contains("Days") && (n.asLong() < 1 || n.asLong() > 3650)) {
          errors.add(new RuleError(path + ".value", "VALUE_OUT_OF_RANGE", "天数应在 1 到 3650 之间",
              "days must be within [1, 3650]"));
        } else {
          number = n.asLong();
        }
      }
      case NONE -> {
        if (node.has("value") || node.has("values")) {
          errors.add(new RuleError(path + ".value", "UNEXPECTED_VALUE", "运算符 " + op.key() + " 不需要 value",
              "op " + op.key() + " takes no value"));
        }
      }
    }
    Integer days = null;
    JsonNode daysNode = node.get("days");
    if (field.needsDays()) {
      if (daysNode == null || !daysNode.isIntegralNumber() || daysNode.asLong() < 1 || daysNode.asLong() > 3650) {
        errors.add(new RuleError(path + ".days", "MISSING_VALUE", "字段 " + fieldKey + " 需要统计窗口 days（1 到 3650 天）",
            "field " + fieldKey + " needs days within [1, 3650]"));
      } else {
        days = (int) daysNode.asLong();
      }
    } else if (field.takesDays() && daysNode != null && !daysNode.isNull()) {
      // optional window: absent means "ever"
      if (!daysNode.isIntegralNumber() || daysNode.asLong() < 1 || daysNode.asLong() > 3650) {
        errors.add(new RuleError(path + ".days", "VALUE_OUT_OF_RANGE", "字段 " + fieldKey
            + " 的 days 应为 1 到 3650 之间的整数（不填表示不限时间）", "days of " + fieldKey + " must be within [1, 3650]"));
      } else {
        days = (int) daysNode.asLong();
      }
    } else if (daysNode != null && !field.takesDays()) {
      errors.add(new RuleError(path + ".days", "UNEXPECTED_VALUE", "字段 " + fieldKey + " 不需要 days",
          "field " + fieldKey + " takes no days"));
    }
    if (errors.size() > before) {
      return null;
    }
    return new Condition.Leaf(field, op, values, number, days);
  }

  private String scalar(JsonNode v, Field field, String path, List<RuleError> errors) {
    if (v == null || v.isNull() || v.isMissingNode()) {
      errors.add(new RuleError(path, "MISSING_VALUE", "字段 " + field.key() + " 缺少取值 " + path,
          "value is required"));
      return null;
    }
    if (field.type() == Field.Type.CAMPAIGN_SET) {
      String id = v.isIntegralNumber() && v.canConvertToLong() ? String.valueOf(v.asLong())
          : v.isString() && v.asString().strip().matches("\\d{1,18}") ? v.asString().strip() : null;
      if (id == null || Long.parseLong(id) < 1) {
        errors.add(new RuleError(path, "NOT_A_NUMBER", "字段 " + field.key() + " 的取值应为群发活动 id（正整数）：" + v,
            "value of " + field.key() + " must be a campaign id (a positive integer)"));
        return null;
      }
      return String.valueOf(Long.parseLong(id));
    }
    if (field.type().numeric()) {
      if (v.isIntegralNumber() && v.canConvertToLong()) {
        return String.valueOf(v.asLong());
      }
      if (v.isString() && v.asString().strip().matches("-?\\d{1,18}")) {
        // canonical form ("007" is 7): the in-memory evaluator compares decimal strings
        return String.valueOf(Long.parseLong(v.asString().strip()));
      }
      errors.add(new RuleError(path, "NOT_A_NUMBER", "字段 " + field.key() + " 的取值应为整数：" + v,
          "value of " + field.key() + " must be an integer"));
      return null;
    }
    if (!v.isString() && !v.isNumber()) {
      errors.add(new RuleError(path, "NOT_A_STRING", "字段 " + field.key() + " 的取值应为字符串：" + v,
          "value of " + field.key() + " must be a string"));
      return null;
    }
    String s = v.asString().strip();
    if (s.isEmpty()) {
      errors.add(new RuleError(path, "MISSING_VALUE", "字段 " + field.key() + " 的取值不能为空（判断为空请用 isEmpty）",
          "empty value"));
      return null;
    }
    if (s.length() > 128) {
      errors.add(new RuleError(path, "VALUE_TOO_LONG", "取值不能超过 128 个字符", "value longer than 128"));
      return null;
    }
    if (field.type() == Field.Type.TAGS) {
      namedTags.add(new NamedTag(path, s, s));
    }
    if (field.type() == Field.Type.STAGE && LifecycleStage.byKey(s).isEmpty()) {
      errors.add(new RuleError(path, "UNKNOWN_STAGE", "未知生命周期阶段 " + s + "，可用：" + stageList(),
          "unknown stage " + s));
      return null;
    }
    return s;
  }

  private List<RuleAction> actions(JsonNode node, List<RuleError> errors) {
    if (node == null || node.isNull() || node.isMissingNode() || !node.isArray() || node.isEmpty()) {
      errors.add(new RuleError("actions", "MISSING_ACTIONS", "至少需要一个动作 actions（addTags、removeTags 或 setStage）",
          "actions must be a non-empty array"));
      return List.of();
    }
    List<RuleAction> actions = new ArrayList<>();
    boolean stage = false;
    for (int i = 0; i < node.size(); i++) {
      String path = "actions[" + i + "]";
      JsonNode a = node.get(i);
      String type = a.isObject() && a.has("type") ? a.get("type").asString() : null;
      if (type == null) {
        errors.add(new RuleError(path + ".type", "MISSING_ACTION_TYPE", path + " 缺少 type（addTags、removeTags 或 setStage）",
            "action type is required"));
        continue;
      }
      switch (type) {
        case "addTags", "removeTags" -> {
          JsonNode tags = a.get("tags");
          if (tags == null || !tags.isArray() || tags.isEmpty()) {
            errors.add(new RuleError(path + ".tags", "MISSING_VALUE", type + " 需要非空数组 tags（企业标签 id）",
                "tags must be a non-empty array"));
            continue;
          }
          if (tags.size() > MAX_VALUES) {
            errors.add(new RuleError(path + ".tags", "TOO_MANY_VALUES", type + " 的标签不能超过 " + MAX_VALUES + " 个",
                "more than " + MAX_VALUES + " tags"));
            continue;
          }
          Set<String> ids = new LinkedHashSet<>();
          for (int j = 0; j < tags.size(); j++) {
            String id = tags.get(j).isString() ? tags.get(j).asString().strip() : "";
            namedTags.add(new NamedTag(path + ".tags[" + j + "]", id.isEmpty() ? null : id, tags.get(j).toString()));
            if (!id.isEmpty()) {
              ids.add(id);
            }
          }
          boolean sync = !a.has("syncToWeCom") || a.get("syncToWeCom").asBoolean();
          actions.add(type.equals("addTags") ? new RuleAction.AddTags(ids, sync)
              : new RuleAction.RemoveTags(ids, sync));
        }
        case "setStage" -> {
          String key = a.has("stage") ? a.get("stage").asString() : null;
          LifecycleStage s = key == null ? null : LifecycleStage.byKey(key).orElse(null);
          if (s == null) {
            errors.add(new RuleError(path + ".stage", key == null ? "MISSING_VALUE" : "UNKNOWN_STAGE",
                "setStage 需要 stage，可用：" + stageList(), "unknown stage " + key));
          } else if (stage) {
            errors.add(new RuleError(path, "DUPLICATE_ACTION", "一条规则只能有一个 setStage", "two setStage actions"));
          } else {
            stage = true;
            actions.add(new RuleAction.SetStage(s));
          }
        }
        default -> errors.add(new RuleError(path + ".type", "UNKNOWN_ACTION", "未知动作 " + type
            + "，可用：addTags、removeTags、setStage", "unknown action " + type));
      }
    }
    Set<String> added = actions.stream().filter(x -> x instanceof RuleAction.AddTags)
        .flatMap(x -> ((RuleAction.AddTags) x).tags().stream()).collect(Collectors.toSet());
    actions.stream().filter(x -> x instanceof RuleAction.RemoveTags)
        .flatMap(x -> ((RuleAction.RemoveTags) x).tags().stream()).filter(added::contains).findFirst()
        .ifPresent(t -> errors.add(new RuleError("actions", "CONFLICTING_ACTIONS", "同一标签不能既添加又移除：" + t,
            "tag both added and removed: " + t)));
    return actions;
  }

  private static Set<String> tagsNamed(Condition c) {
    Set<String> tags = new LinkedHashSet<>();
    if (c instanceof Condition.All all) {
      all.items().forEach(i -> tags.addAll(tagsNamed(i)));
    } else if (c instanceof Condition.Any any) {
      any.items().forEach(i -> tags.addAll(tagsNamed(i)));
    } else if (c instanceof Condition.Not not) {
      tags.addAll(tagsNamed(not.item()));
    } else if (c instanceof Condition.Leaf leaf && leaf.field() == Field.TAGS) {
      tags.addAll(leaf.values());
    }
    return tags;
  }

  private static String opList(Field field) {
    return field.type().ops().stream().map(Op::key).collect(Collectors.joining("、"));
  }

  private static String stageList() {
    return java.util.Arrays.stream(LifecycleStage.values()).map(s -> s.key() + "（" + s.label() + "）")
        .collect(Collectors.joining("、"));
  }

  // ------------------------------------------------------------------------------------------------ writing

  public static JsonNode write(Condition condition) {
    if (condition instanceof Condition.All all) {
      ObjectNode o = NODES.objectNode();
      ArrayNode items = o.putArray("all");
      all.items().forEach(i -> items.add(write(i)));
      return o;
    }
    if (condition instanceof Condition.Any any) {
      ObjectNode o = NODES.objectNode();
      ArrayNode items = o.putArray("any");
      any.items().forEach(i -> items.add(write(i)));
      return o;
    }
    if (condition instanceof Condition.Not not) {
      ObjectNode o = NODES.objectNode();
      o.set("not", write(not.item()));
      return o;
    }
    if (condition instanceof Condition.SameFollow same) {
      ObjectNode o = NODES.objectNode();
      ArrayNode items = o.putArray("sameFollow");
      same.items().forEach(i -> items.add(write(i)));
      return o;
    }
    Condition.Leaf leaf = (Condition.Leaf) condition;
    ObjectNode o = NODES.objectNode();
    o.put("field", leaf.field().key());
    o.put("op", leaf.op().key());
    switch (leaf.op().operand(leaf.field())) {
      case VALUE -> putScalar(o, "value", leaf.field(), leaf.value());
      case VALUES -> {
        ArrayNode vs = o.putArray("values");
        leaf.values().forEach(v -> {
          if (leaf.field().type().numeric()) {
            vs.add(Long.parseLong(v));
          } else {
            vs.add(v);
          }
        });
      }
      case NUMBER -> o.put("value", leaf.number());
      case NONE -> {
      }
    }
    if (leaf.days() != null) {
      o.put("days", leaf.days());
    }
    return o;
  }

  private static void putScalar(ObjectNode o, String key, Field field, String value) {
    if (field.type().numeric()) {
      o.put(key, Long.parseLong(value));
    } else {
      o.put(key, value);
    }
  }

  public static JsonNode write(List<RuleAction> actions) {
    ArrayNode out = NODES.arrayNode();
    for (RuleAction a : actions) {
      ObjectNode o = out.addObject();
      if (a instanceof RuleAction.AddTags add) {
        o.put("type", "addTags");
        add.tags().stream().sorted().forEach(o.putArray("tags")::add);
        o.put("syncToWeCom", add.syncToWeCom());
      } else if (a instanceof RuleAction.RemoveTags remove) {
        o.put("type", "removeTags");
        remove.tags().stream().sorted().forEach(o.putArray("tags")::add);
        o.put("syncToWeCom", remove.syncToWeCom());
      } else {
        o.put("type", "setStage");
        o.put("stage", ((RuleAction.SetStage) a).stage().key());
      }
    }
    return out;
  }

  /** Reads stored (already validated) JSON without checking tags: a stored rule keeps its meaning. */
  public static RuleDefinition readStored(String condition, String actions) {
    return new RuleCodec(LiveTags.each(t -> true)).read(parseJson(condition), parseJson(actions));
  }

  public static String text(JsonNode node) {
    return JSON.writeValueAsString(node);
  }

}
