package io.wescrm.core.moments;

import io.wescrm.core.campaigns.CampaignCodec;
import io.wescrm.core.campaigns.CampaignError;
import io.wescrm.core.campaigns.CronCalendar;
import io.wescrm.core.campaigns.Schedule;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON of a 朋友圈 task (API and storage):
 * <pre>
 * {"name": "双十二预热", "text": "…",
 *  "attachments": [{"type": "image", "assetId": 12} | {"type": "video", "assetId": 13}
 *                  | {"type": "link", "title": "…", "url": "https://…"}],
 *  "visibleRange": {"userids": ["zhangsan"], "departmentIds": [2], "tags": ["et…"], "allStaff": false},
 *  "schedule": absent (now) | {"type": "once", "at": "…+08:00"} | {"type": "recurring", "preset": "DAILY", "time": "10:00"},
 *  "publishWithin": "PT24H", "remind": true, "remindBefore": "PT2H"}
 * </pre>
 */
public final class MomentTaskCodec {

  /** Defaults for what the request leaves out. */
  public record Defaults(Duration publishWithin, Duration remindBefore, ZoneId zone) {
  }

  private MomentTaskCodec() {
  }

  /**
   * Reads and validates a request body.
   *
   * @throws InvalidMomentTaskException with every problem found
   */
  public static MomentTaskSpec read(JsonNode body, MomentTaskSpec.Context ctx, Defaults defaults) {
    List<CampaignError> errors = new ArrayList<>();
    if (body == null || !body.isObject()) {
      throw new InvalidMomentTaskException(List.of(new CampaignError("", "请求体须是 JSON 对象")));
    }
    List<MomentTaskSpec.Attachment> attachments = new ArrayList<>();
    JsonNode items = body.get("attachments");
    if (items != null && !items.isNull()) {
      if (!items.isArray()) {
        errors.add(new CampaignError("attachments", "attachments 须是数组"));
      } else {
        for (int i = 0; i < items.size(); i++) {
          JsonNode a = items.get(i);
          Long assetId = null;
          if (a.hasNonNull("assetId")) {
            if (a.get("assetId").canConvertToLong() && a.get("assetId").isIntegralNumber()) {
              assetId = a.get("assetId").asLong();
            } else {
              errors.add(new CampaignError("attachments[" + i + "].assetId", "素材 assetId 须是数字"));
            }
          }
          attachments.add(new MomentTaskSpec.Attachment(text(a, "type"), assetId, text(a, "mediaId"),
              text(a, "title"), text(a, "url")));
        }
      }
    }
    JsonNode range = body.path("visibleRange");
    List<Long> departments = new ArrayList<>();
    for (JsonNode d : range.path("departmentIds")) {
      if (d.isIntegralNumber()) {
        departments.add(d.asLong());
      } else {
        errors.add(new CampaignError("visibleRange.departmentIds", "部门 ID 须是数字：" + d));
      }
    }
    Schedule schedule = null;
    JsonNode sc = body.get("schedule");
    if (sc != null && !sc.isNull()) {
      if ("manual".equals(text(sc, "type"))) {
        errors.add(new CampaignError("schedule.type", "朋友圈任务的 schedule.type 只能是 once 或 recurring（不填表示立即发表）"));
      } else {
        schedule = CampaignCodec.schedule(sc, ctx.cron(), ctx.now(), defaults.zone(), errors);
      }
    }
    Duration within = duration(body, "publishWithin", defaults.publishWithin(), errors);
    Duration before = duration(body, "remindBefore", defaults.remindBefore(), errors);
    boolean remind = !body.has("remind") || body.get("remind").asBoolean(true);
    if (remind && !body.has("remindBefore") && within != null && before != null && before.compareTo(within) >= 0) {
      before = within.dividedBy(2);   // a short deadline with the default reminder: remind half-way
    }
    MomentTaskSpec spec = new MomentTaskSpec(text(body, "name"), text(body, "text"), attachments,
        range.path("allStaff").asBoolean(false), strings(range.path("userids")), departments,
        strings(range.path("tags")), schedule, within, remind, before);
    errors.addAll(spec.validate(ctx));
    if (!errors.isEmpty()) {
      // the schedule is validated when read and again with the task: each problem once
      throw new InvalidMomentTaskException(errors.stream().distinct().toList());
    }
    return spec;
  }

  /** The task as stored ({@link #stored} reads it back). */
  public static ObjectNode write(MomentTaskSpec s) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("name", s.name());
    o.put("text", s.text());
    ArrayNode items = o.putArray("attachments");
    for (MomentTaskSpec.Attachment a : s.attachments()) {
      ObjectNode item = items.addObject().put("type", a.type());
      if (a.assetId() != null) {
        item.put("assetId", a.assetId());
      }
      item.put("mediaId", a.mediaId()).put("title", a.title()).put("url", a.url());
    }
    ObjectNode range = o.putObject("visibleRange");
    range.put("allStaff", s.allStaff());
    s.userids().forEach(range.putArray("userids")::add);
    ArrayNode departments = range.putArray("departmentIds");
    s.departmentIds().forEach(departments::add);
    s.tags().forEach(range.putArray("tags")::add);
    if (s.schedule() != null) {
      o.set("schedule", CampaignCodec.write(s.schedule()));
    }
    o.put("publishWithin", s.publishWithin().toString());
    o.put("remind", s.remind());
    o.put("remindBefore", s.remindBefore() == null ? null : s.remindBefore().toString());
    return o;
  }

  /** A task written by {@link #write}, unvalidated. */
  public static MomentTaskSpec stored(JsonNode o) {
    List<MomentTaskSpec.Attachment> attachments = new ArrayList<>();
    for (JsonNode a : o.path("attachments")) {
      attachments.add(new MomentTaskSpec.Attachment(text(a, "type"), a.hasNonNull("assetId")
          ? a.get("assetId").asLong() : null, text(a, "mediaId"), text(a, "title"), text(a, "url")));
    }
    JsonNode range = o.path("visibleRange");
    List<Long> departments = new ArrayList<>();
    range.path("departmentIds").forEach(d -> departments.add(d.asLong()));
    return new MomentTaskSpec(text(o, "name"), text(o, "text"), attachments, range.path("allStaff").asBoolean(false),
        strings(range.path("userids")), departments, strings(range.path("tags")),
        CampaignCodec.storedSchedule(o.get("schedule")), Duration.parse(text(o, "publishWithin")),
        o.path("remind").asBoolean(true), text(o, "remindBefore") == null ? null
            : Duration.parse(text(o, "remindBefore")));
  }

  private static Duration duration(JsonNode body, String name, Duration fallback, List<CampaignError> errors) {
    String value = text(body, name);
    if (value == null) {
      return fallback;
    }
    try {
      return Duration.parse(value);
    } catch (DateTimeParseException e) {
      errors.add(new CampaignError(name, name + " 须是 ISO-8601 时长，例如 PT24H（24 小时）、PT30M（30 分钟）"));
      return null;
    }
  }

  private static String text(JsonNode node, String name) {
    JsonNode v = node == null ? null : node.get(name);
    return v == null || v.isNull() ? null : v.asString();
  }

  private static List<String> strings(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node != null && node.isArray()) {
      node.forEach(v -> out.add(v.asString()));
    }
    return out;
  }

}
