package io.wescrm.core.campaigns;

import io.wescrm.core.rules.Condition;
import io.wescrm.core.rules.InvalidRuleException;
import io.wescrm.core.rules.LiveTags;
import io.wescrm.core.rules.RuleCodec;
import io.wescrm.core.rules.RuleError;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads, validates and writes campaign JSON. The audience is the rules' condition language (same JSON, same
 * validation, same SQL compiler). Shape:
 * <pre>
 * {"name": "高意向月度关怀", "kind": "BROADCAST",
 *  "audience": {"include": {condition}, "exclude": {condition}, "stores": [2], "staff": ["zhangsan"], "chatIds": []},
 *  "content": {"text": "{{customer_name|亲爱的顾客}}，本月会员日…", "attachments": [{"type": "link", "title": "…", "url": "https://…"}]},
 *  "channel": "AUTO" | "SINGLE" | "GROUP" | "STAFF_TASK",
 *  "schedule": {"type": "once", "at": "2026-12-07T10:00:00+08:00"} | {"type": "recurring", "preset": "MONTHLY_FIRST_MONDAY", "time": "10:00"}
 *            | {"type": "recurring", "cron": "0 0 10 ? * MON#1"} | {"type": "manual"},
 *  "sop": {"trigger": {"type": "CHANNEL", "values": ["store_sh01_qr"]},
 *          "steps": [{"day": 0, "time": "10:00", "content": {...}}, {"day": 3, ...}],
 *          "stopWhen": {"leftAudience": true, "tags": ["et_replied"]}},
 *  "limits": {"perDay": 1, "perWeek": 0, "perMonth": 4, "confirmHours": 24, "remindAfterMinutes": 120, "maxReminders": 3},
 *  "controlGroupPercent": 10,
 *  "goal": {"tags": ["et_repurchased"], "stage": null, "days": 30}}
 * </pre>
 */
public final class CampaignCodec {

  /** Longest template text accepted before rendering (WeCom's cap is 4,000 bytes rendered). */
  public static final int MAX_STEPS = 30;
  /** 一客一话术 goes out as an app message (≤ 2,048 bytes) with a header line. */
  public static final int STAFF_TASK_MAX_BYTES = 1_800;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** What validation needs from the corp: live tags, tag groups, attributes, a cron engine and the time. */
  public record Context(LiveTags liveTag, Set<String> tagGroups, Set<String> attributes, CronCalendar cron,
      Instant now, ZoneId zone) {
  }

  private CampaignCodec() {
  }

  public static JsonNode parseJson(String text) {
    return JSON.readTree(text);
  }

  /** Parses and validates; throws {@link InvalidCampaignException} listing every problem found. */
  public static CampaignDefinition read(JsonNode body, Context ctx) {
    List<CampaignError> errors = new ArrayList<>();
    if (body == null || !body.isObject()) {
      throw new InvalidCampaignException(List.of(new CampaignError("", "请求体必须是 JSON 对象")));
    }
    String name = text(body, "name");
    if (name == null || name.isBlank()) {
      errors.add(new CampaignError("name", "请填写活动名称 name"));
    } else if (name.length() > 128) {
      errors.add(new CampaignError("name", "活动名称不能超过 128 个字符"));
    }
    CampaignDefinition.Kind kind = enumValue(body, "kind", CampaignDefinition.Kind.class,
        CampaignDefinition.Kind.BROADCAST, "活动类型 kind 只能是 BROADCAST（群发）或 SOP", errors);
    CampaignDefinition.Channel channel = enumValue(body, "channel", CampaignDefinition.Channel.class,
        CampaignDefinition.Channel.AUTO, "发送渠道 channel 只能是 AUTO、SINGLE（客户群发）、GROUP（群发到客户群）或 "
            + "STAFF_TASK（一客一话术）", errors);
    boolean group = channel == CampaignDefinition.Channel.GROUP;
    CampaignDefinition.Audience audience = audience(body.get("audience"), ctx, group, errors);
    TemplateContext templates = group ? TemplateContext.groupChats()
        : TemplateContext.customers(ctx.tagGroups(), ctx.attributes());
    CampaignDefinition.Content content = null;
    CampaignDefinition.Sop sop = null;
    Schedule schedule = null;
    if (kind == CampaignDefinition.Kind.SOP) {
      if (group) {
        errors.add(new CampaignError("channel", "SOP 只能发给客户，不能选择群发到客户群"));
      }
      sop = sop(body.get("sop"), templates, channel, errors);
      content = new CampaignDefinition.Content("", List.of());
      if (body.hasNonNull("schedule") && !"manual".equals(text(body.get("schedule"), "type"))) {
        errors.add(new CampaignError("schedule", "SOP 按触发事件后的天数发送，不需要 schedule"));
      }
    } else {
      content = content(body.get("content"), "content", templates, channel, errors);
      schedule = schedule(body.get("schedule"), ctx.cron(), ctx.now(), ctx.zone(), errors);
    }
    CampaignDefinition.Limits limits = limits(body.get("limits"), errors);
    int control = 0;
    JsonNode cg = body.get("controlGroupPercent");
    if (cg != null && !cg.isNull()) {
      if (!cg.isNumber() || cg.asDouble() < 0 || cg.asDouble() > 50) {
        errors.add(new CampaignError("controlGroupPercent", "对照组比例 controlGroupPercent 须在 0 到 50 之间"));
      } else {
        control = (int) Math.round(cg.asDouble() * 10);
      }
    }
    CampaignDefinition.Goal goal = goal(body.get("goal"), ctx, errors);
    if (!errors.isEmpty()) {
      throw new InvalidCampaignException(errors);
    }
    return new CampaignDefinition(name.strip(), kind, audience, content, channel, schedule, sop, limits, control,
        goal);
  }

  /** A stored definition (validated when saved): read without the corp's context. */
  public static CampaignDefinition readStored(String json) {
    JsonNode body = parseJson(json);
    Condition include = condition(body.path("audience").get("include"));
    Condition exclude = condition(body.path("audience").get("exclude"));
    JsonNode a = body.path("audience");
    CampaignDefinition.Audience audience = new CampaignDefinition.Audience(include, exclude, longs(a.get("stores")),
        strings(a.get("staff")), strings(a.get("chatIds")));
    CampaignDefinition.Sop sop = null;
    if (body.hasNonNull("sop")) {
      JsonNode s = body.get("sop");
      List<CampaignDefinition.SopStep> steps = new ArrayList<>();
      for (JsonNode step : s.path("steps")) {
        steps.add(new CampaignDefinition.SopStep(step.path("day").asInt(), LocalTime.parse(step.path("time")
            .asString()), storedContent(step.get("content"))));
      }
      JsonNode stop = s.path("stopWhen");
      sop = new CampaignDefinition.Sop(new CampaignDefinition.Trigger(CampaignDefinition.TriggerType.valueOf(
          s.path("trigger").path("type").asString()), strings(s.path("trigger").get("values"))), steps,
          new CampaignDefinition.StopWhen(stop.path("leftAudience").asBoolean(false), strings(stop.get("tags"))));
    }
    Schedule schedule = storedSchedule(body.get("schedule"));
    JsonNode l = body.path("limits");
    CampaignDefinition.Limits limits = new CampaignDefinition.Limits(optInt(l, "perDay"), optInt(l, "perWeek"),
        optInt(l, "perMonth"), l.path("confirmHours").asInt(24), l.path("remindAfterMinutes").asInt(120),
        l.path("maxReminders").asInt(3));
    CampaignDefinition.Goal goal = null;
    if (body.hasNonNull("goal")) {
      JsonNode g = body.get("goal");
      goal = new CampaignDefinition.Goal(strings(g.get("tags")), text(g, "stage"), g.path("days").asInt(30));
    }
    return new CampaignDefinition(text(body, "name"), CampaignDefinition.Kind.valueOf(text(body, "kind")), audience,
        storedContent(body.get("content")), CampaignDefinition.Channel.valueOf(text(body, "channel")), schedule, sop,
        limits, body.path("controlPermille").asInt(0), goal);
  }

  private static Condition condition(JsonNode node) {
    return node == null || node.isNull() ? null : new RuleCodec(LiveTags.each(t -> true)).readCondition(node);
  }

  private static CampaignDefinition.Content storedContent(JsonNode node) {
    if (node == null || node.isNull()) {
      return new CampaignDefinition.Content("", List.of());
    }
    List<AttachmentSpec> attachments = new ArrayList<>();
    for (JsonNode a : node.path("attachments")) {
      attachments.add(attachment(a));
    }
    return new CampaignDefinition.Content(text(node, "text"), attachments);
  }

  private static AttachmentSpec attachment(JsonNode a) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : a.properties()) {
      if (!e.getKey().equals("type") && e.getValue().isValueNode() && !e.getValue().isNull()) {
        fields.put(e.getKey(), e.getValue().asString());
      }
    }
    return new AttachmentSpec(text(a, "type"), fields);
  }

  /** The canonical JSON of a definition (what is stored; two equal definitions give equal text). */
  public static String text(CampaignDefinition d) {
    return write(d).toString();
  }

  public static ObjectNode write(CampaignDefinition d) {
    ObjectNode o = NODES.objectNode();
    o.put("name", d.name());
    o.put("kind", d.kind().name());
    ObjectNode a = o.putObject("audience");
    a.set("include", d.audience().include() == null ? NODES.nullNode() : RuleCodec.write(d.audience().include()));
    a.set("exclude", d.audience().exclude() == null ? NODES.nullNode() : RuleCodec.write(d.audience().exclude()));
    ArrayNode stores = a.putArray("stores");
    d.audience().stores().forEach(stores::add);
    ArrayNode staff = a.putArray("staff");
    d.audience().staff().forEach(staff::add);
    ArrayNode chats = a.putArray("chatIds");
    d.audience().chatIds().forEach(chats::add);
    o.set("content", write(d.content()));
    o.put("channel", d.channel().name());
    o.set("schedule", write(d.schedule()));
    if (d.sop() != null) {
      ObjectNode s = o.putObject("sop");
      s.putObject("trigger").put("type", d.sop().trigger().type().name()).set("values",
          strings(d.sop().trigger().values()));
      ArrayNode steps = s.putArray("steps");
      for (CampaignDefinition.SopStep step : d.sop().steps()) {
        ObjectNode st = steps.addObject();
        st.put("day", step.day());
        st.put("time", step.at().toString());
        st.set("content", write(step.content()));
      }
      s.putObject("stopWhen").put("leftAudience", d.sop().stopWhen().leftAudience()).set("tags",
          strings(d.sop().stopWhen().tags()));
    }
    CampaignDefinition.Limits l = d.limits();
    ObjectNode lim = o.putObject("limits");
    lim.put("perDay", l.perDay());
    lim.put("perWeek", l.perWeek());
    lim.put("perMonth", l.perMonth());
    lim.put("confirmHours", l.confirmHours());
    lim.put("remindAfterMinutes", l.remindAfterMinutes());
    lim.put("maxReminders", l.maxReminders());
    o.put("controlPermille", d.controlPermille());
    o.put("controlGroupPercent", d.controlPermille() / 10.0);
    if (d.goal() != null) {
      o.putObject("goal").put("stage", d.goal().stage()).put("days", d.goal().days()).set("tags",
          strings(d.goal().tags()));
    }
    return o;
  }

  private static ObjectNode write(CampaignDefinition.Content c) {
    ObjectNode o = NODES.objectNode();
    o.put("text", c.text());
    ArrayNode atts = o.putArray("attachments");
    for (AttachmentSpec a : c.attachments()) {
      ObjectNode n = atts.addObject();
      n.put("type", a.type());
      a.fields().forEach(n::put);
    }
    return o;
  }

  private static ArrayNode strings(List<String> values) {
    ArrayNode array = NODES.arrayNode();
    values.forEach(array::add);
    return array;
  }

  private static CampaignDefinition.Audience audience(JsonNode node, Context ctx, boolean group,
      List<CampaignError> errors) {
    if (node == null || node.isNull()) {
      node = NODES.objectNode();
    }
    if (!node.isObject()) {
      errors.add(new CampaignError("audience", "受众 audience 必须是对象"));
      return new CampaignDefinition.Audience(null, null, List.of(), List.of(), List.of());
    }
    RuleCodec rules = new RuleCodec(ctx.liveTag());
    Condition include = ruleCondition(rules, node.get("include"), "audience.include", errors);
    Condition exclude = ruleCondition(rules, node.get("exclude"), "audience.exclude", errors);
    List<Long> stores = new ArrayList<>();
    JsonNode s = node.get("stores");
    if (s != null && !s.isNull()) {
      if (!s.isArray()) {
        errors.add(new CampaignError("audience.stores", "门店 stores 必须是部门 id 的数组"));
      } else {
        for (int i = 0; i < s.size(); i++) {
          if (!s.get(i).canConvertToLong()) {
            errors.add(new CampaignError("audience.stores[" + i + "]", "门店须是部门 id（数字）"));
          } else {
            stores.add(s.get(i).asLong());
          }
        }
      }
    }
    List<String> staff = stringList(node.get("staff"), "audience.staff", "员工 staff 必须是 userid 的数组", errors);
    List<String> chats = stringList(node.get("chatIds"), "audience.chatIds", "群聊 chatIds 必须是 chat_id 的数组",
        errors);
    if (group && (include != null || exclude != null)) {
      errors.add(new CampaignError("audience", "群发到客户群按群主（员工/门店）和 chatIds 选择客户群，不能使用客户条件"));
    }
    if (!group && !chats.isEmpty()) {
      errors.add(new CampaignError("audience.chatIds", "只有群发到客户群（channel=GROUP）可以指定 chatIds"));
    }
    if (chats.size() > 2000) {
      errors.add(new CampaignError("audience.chatIds", "一次最多选择 2000 个客户群"));
    }
    return new CampaignDefinition.Audience(include, exclude, stores, staff, chats);
  }

  private static Condition ruleCondition(RuleCodec rules, JsonNode node, String path, List<CampaignError> errors) {
    if (node == null || node.isNull()) {
      return null;
    }
    try {
      return rules.readCondition(node);
    } catch (InvalidRuleException e) {
      for (RuleError error : e.errors()) {
        errors.add(new CampaignError(path + error.path().replaceFirst("^condition", ""), error.message()));
      }
      return null;
    }
  }

  private static CampaignDefinition.Content content(JsonNode node, String path, TemplateContext templates,
      CampaignDefinition.Channel channel, List<CampaignError> errors) {
    if (node == null || !node.isObject()) {
      errors.add(new CampaignError(path, "请填写发送内容 content（text 和/或 attachments）"));
      return new CampaignDefinition.Content("", List.of());
    }
    String text = text(node, "text");
    List<AttachmentSpec> attachments = new ArrayList<>();
    JsonNode atts = node.get("attachments");
    if (atts != null && !atts.isNull()) {
      if (!atts.isArray()) {
        errors.add(new CampaignError(path + ".attachments", "附件 attachments 必须是数组"));
      } else {
        for (JsonNode a : atts) {
          if (!a.isObject()) {
            errors.add(new CampaignError(path + ".attachments", "每个附件必须是对象"));
          } else {
            attachments.add(attachment(a));
          }
        }
      }
    }
    if ((text == null || text.isBlank()) && attachments.isEmpty()) {
      errors.add(new CampaignError(path, "文本和附件不能同时为空"));
    }
    if (text != null && !text.isBlank()) {
      try {
        MessageTemplate template = MessageTemplate.parse(text, templates);
        if (channel == CampaignDefinition.Channel.STAFF_TASK
            && template.maxRenderedBytes() > STAFF_TASK_MAX_BYTES) {
          errors.add(new CampaignError(path + ".text", "一客一话术以应用消息发给员工，渲染后最长可达 "
              + template.maxRenderedBytes() + " 字节，超过 " + STAFF_TASK_MAX_BYTES + " 字节上限"));
        }
      } catch (InvalidCampaignException e) {
        e.errors().forEach(err -> errors.add(new CampaignError(err.path().replaceFirst("^content", path),
            err.message())));
      }
    }
    AttachmentSpec.validate(attachments).forEach(err -> errors.add(new CampaignError(
        err.path().replaceFirst("^content", path), err.message())));
    return new CampaignDefinition.Content(text == null ? "" : text, attachments);
  }

  /**
   * Reads a schedule ({@code {"type": "once", "at": …}}, {@code {"type": "recurring", "preset": …, "time": …}} or
   * {@code {"type": "recurring", "cron": …}}; absent, null or {@code manual}: none) and validates it, adding every
   * problem to {@code errors} (paths {@code schedule…}). Shared by every slice that schedules like a campaign.
   *
   * @param zone the zone of a recurring schedule that names none
   * @return the schedule, or null when there is none or it is invalid
   */
  public static Schedule schedule(JsonNode node, CronCalendar cron, Instant now, ZoneId zone,
      List<CampaignError> errors) {
    if (node == null || node.isNull() || "manual".equals(text(node, "type"))) {
      return null;
    }
    String type = text(node, "type");
    Schedule schedule;
    if ("once".equals(type)) {
      String at = text(node, "at");
      try {
        schedule = new Schedule.Once(at == null ? null : OffsetDateTime.parse(at).toInstant());
      } catch (DateTimeParseException e) {
        errors.add(new CampaignError("schedule.at", "发送时间 at 须是带时区的 ISO 时间，例如 2026-12-07T10:00:00+08:00"));
        return null;
      }
      if (at == null) {
        errors.add(new CampaignError("schedule.at", "请填写发送时间 at"));
        return null;
      }
    } else if ("recurring".equals(type)) {
      String zoneId = text(node, "zone") == null ? zone.getId() : text(node, "zone");
      try {
        ZoneId.of(zoneId);
      } catch (RuntimeException e) {
        errors.add(new CampaignError("schedule.zone", "时区无效：" + zoneId));
        return null;
      }
      String preset = text(node, "preset");
      String expression = text(node, "cron");
      if (preset != null) {
        LocalTime time;
        try {
          time = LocalTime.parse(text(node, "time") == null ? "10:00" : text(node, "time"));
        } catch (DateTimeParseException e) {
          errors.add(new CampaignError("schedule.time", "时间 time 须是 HH:mm，例如 10:00"));
          return null;
        }
        try {
          expression = Schedule.presetCron(preset, time);
        } catch (IllegalArgumentException e) {
          errors.add(new CampaignError("schedule.preset", "未知的周期 preset：" + preset + "（可用：DAILY 每天、"
              + "WEEKLY_MONDAY 每周一…、MONTHLY_FIRST_DAY 每月1号、MONTHLY_FIRST_MONDAY 每月第一周的周一…）"));
          return null;
        }
      } else if (expression == null || expression.isBlank()) {
        errors.add(new CampaignError("schedule", "周期发送须给出 preset 或 cron"));
        return null;
      }
      schedule = new Schedule.Recurring(expression.strip(), preset, zoneId);
    } else {
      errors.add(new CampaignError("schedule.type", "schedule.type 只能是 once、recurring 或 manual"));
      return null;
    }
    errors.addAll(Schedule.validate(schedule, cron, now));
    return schedule;
  }

  private static CampaignDefinition.Sop sop(JsonNode node, TemplateContext templates,
      CampaignDefinition.Channel channel, List<CampaignError> errors) {
    if (node == null || !node.isObject()) {
      errors.add(new CampaignError("sop", "SOP 须给出 sop（trigger、steps）"));
      return null;
    }
    JsonNode t = node.path("trigger");
    CampaignDefinition.TriggerType type = null;
    try {
      type = CampaignDefinition.TriggerType.valueOf(String.valueOf(text(t, "type")).toUpperCase());
    } catch (IllegalArgumentException e) {
      errors.add(new CampaignError("sop.trigger.type", "触发事件 type 只能是 CHANNEL（通过渠道活码添加）或 GROUP（加入客户群）"));
    }
    List<String> values = stringList(t.get("values"), "sop.trigger.values", "values 必须是字符串数组", errors);
    JsonNode steps = node.get("steps");
    List<CampaignDefinition.SopStep> out = new ArrayList<>();
    if (steps == null || !steps.isArray() || steps.isEmpty()) {
      errors.add(new CampaignError("sop.steps", "SOP 至少需要一个步骤"));
    } else if (steps.size() > MAX_STEPS) {
      errors.add(new CampaignError("sop.steps", "SOP 最多 " + MAX_STEPS + " 个步骤"));
    } else {
      int lastDay = -1;
      for (int i = 0; i < steps.size(); i++) {
        JsonNode step = steps.get(i);
        String p = "sop.steps[" + i + "]";
        int day = step.path("day").asInt(-1);
        if (!step.path("day").isIntegralNumber() || day < 0 || day > 365) {
          errors.add(new CampaignError(p + ".day", "第几天 day 须是 0 到 365 的整数"));
        } else if (day < lastDay) {
          errors.add(new CampaignError(p + ".day", "步骤须按天数从小到大排列"));
        }
        lastDay = Math.max(lastDay, day);
        LocalTime at = LocalTime.of(10, 0);
        try {
          if (text(step, "time") != null) {
            at = LocalTime.parse(text(step, "time"));
          }
        } catch (DateTimeParseException e) {
          errors.add(new CampaignError(p + ".time", "时间 time 须是 HH:mm，例如 10:00"));
        }
        CampaignDefinition.Content content = content(step.get("content"), p + ".content", templates, channel, errors);
        out.add(new CampaignDefinition.SopStep(Math.max(0, day), at, content));
      }
    }
    JsonNode stop = node.path("stopWhen");
    List<String> tags = stringList(stop.get("tags"), "sop.stopWhen.tags", "tags 必须是标签 id 的数组", errors);
    return new CampaignDefinition.Sop(new CampaignDefinition.Trigger(type == null
        ? CampaignDefinition.TriggerType.CHANNEL : type, values), out,
        new CampaignDefinition.StopWhen(stop.path("leftAudience").asBoolean(false), tags));
  }

  private static CampaignDefinition.Limits limits(JsonNode node, List<CampaignError> errors) {
    JsonNode l = node == null || node.isNull() ? NODES.objectNode() : node;
    Integer perDay = cap(l, "perDay", errors);
    Integer perWeek = cap(l, "perWeek", errors);
    Integer perMonth = cap(l, "perMonth", errors);
    int confirmHours = l.path("confirmHours").asInt(24);
    if (confirmHours < 1 || confirmHours > 24 * 7) {
      errors.add(new CampaignError("limits.confirmHours", "员工确认期限 confirmHours 须在 1 到 168 小时之间"));
    }
    int remind = l.path("remindAfterMinutes").asInt(120);
    if (remind < 1 || remind > 24 * 60) {
      errors.add(new CampaignError("limits.remindAfterMinutes", "提醒间隔 remindAfterMinutes 须在 1 到 1440 分钟之间"));
    }
    int reminders = l.path("maxReminders").asInt(3);
    if (reminders < 0 || reminders > 3) {
      errors.add(new CampaignError("limits.maxReminders", "提醒次数 maxReminders 须在 0 到 3 之间（企业微信 24 小时内最多 3 次）"));
    }
    return new CampaignDefinition.Limits(perDay, perWeek, perMonth, confirmHours, remind, reminders);
  }

  private static Integer cap(JsonNode l, String field, List<CampaignError> errors) {
    JsonNode v = l.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isIntegralNumber() || v.asInt() < 0 || v.asInt() > 1000) {
      errors.add(new CampaignError("limits." + field, "频次上限 " + field + " 须是 0 到 1000 的整数（0 = 不限）"));
      return null;
    }
    return v.asInt();
  }

  private static CampaignDefinition.Goal goal(JsonNode node, Context ctx, List<CampaignError> errors) {
    if (node == null || node.isNull()) {
      return null;
    }
    List<String> tags = stringList(node.get("tags"), "goal.tags", "tags 必须是标签 id 的数组", errors);
    for (int i = 0; i < tags.size(); i++) {
      if (!ctx.liveTag().live(Set.of(tags.get(i))).contains(tags.get(i))) {
        errors.add(new CampaignError("goal.tags[" + i + "]", "标签不存在：" + tags.get(i)));
      }
    }
    String stage = text(node, "stage");
    int days = node.path("days").asInt(30);
    if (days < 1 || days > 365) {
      errors.add(new CampaignError("goal.days", "观察天数 days 须在 1 到 365 之间"));
    }
    if (tags.isEmpty() && stage == null) {
      errors.add(new CampaignError("goal", "目标须给出 tags 或 stage"));
    }
    return new CampaignDefinition.Goal(tags, stage, days);
  }

  private static <E extends Enum<E>> E enumValue(JsonNode body, String field, Class<E> type, E fallback,
      String message, List<CampaignError> errors) {
    String v = text(body, field);
    if (v == null) {
      return fallback;
    }
    try {
      return Enum.valueOf(type, v.toUpperCase());
    } catch (IllegalArgumentException e) {
      errors.add(new CampaignError(field, message));
      return fallback;
    }
  }

  private static List<String> stringList(JsonNode node, String path, String message, List<CampaignError> errors) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      errors.add(new CampaignError(path, message));
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (JsonNode n : node) {
      if (!n.isString() || n.asString().isBlank()) {
        errors.add(new CampaignError(path, message));
        return List.of();
      }
      out.add(n.asString());
    }
    return out;
  }

  private static List<String> strings(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node != null) {
      node.forEach(n -> out.add(n.asString()));
    }
    return out;
  }

  private static List<Long> longs(JsonNode node) {
    List<Long> out = new ArrayList<>();
    if (node != null) {
      node.forEach(n -> out.add(n.asLong()));
    }
    return out;
  }

  private static Integer optInt(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asInt();
  }

  static String text(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v == null || v.isNull() ? null : v.asString();
  }

  /** A schedule as stored ({@code manual} for none); {@link #storedSchedule} reads it back. */
  public static ObjectNode write(Schedule schedule) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    if (schedule instanceof Schedule.Once once) {
      o.put("type", "once").put("at", once.at().toString());
    } else if (schedule instanceof Schedule.Recurring r) {
      o.put("type", "recurring").put("cron", r.cron()).put("preset", r.preset()).put("zone", r.zone());
    } else {
      o.put("type", "manual");
    }
    return o;
  }

  /** A schedule written by {@link #write(Schedule)}, unvalidated (it was validated when saved). */
  public static Schedule storedSchedule(JsonNode sc) {
    if (sc == null || sc.isNull()) {
      return null;
    }
    String type = text(sc, "type");
    if ("once".equals(type)) {
      return new Schedule.Once(Instant.parse(text(sc, "at")));
    }
    if ("recurring".equals(type)) {
      return new Schedule.Recurring(text(sc, "cron"), text(sc, "preset"), text(sc, "zone"));
    }
    return null;
  }
}
