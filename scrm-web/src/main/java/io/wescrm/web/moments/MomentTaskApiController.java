package io.wescrm.web.moments;

import io.wescrm.core.campaigns.CampaignAssets;
import io.wescrm.core.campaigns.CronCalendar;
import io.wescrm.core.campaigns.jdbc.JdbcCampaignCorpData;
import io.wescrm.core.corp.StoreStaff;
import io.wescrm.core.moments.MomentTaskCodec;
import io.wescrm.core.moments.MomentTaskSpec;
import io.wescrm.core.moments.MomentTasks.MomentTask;
import io.wescrm.core.moments.PublishingMoments;
import io.wescrm.core.moments.jdbc.JdbcMomentTasks;
import io.wescrm.web.api.ApiException;
import io.wescrm.web.api.KnownCorps;
import io.wescrm.web.api.Paging;
import io.wescrm.web.security.AccessScope;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.LinkedHashMap;
import io.wescrm.web.moments.scheduling.MomentTaskSchedules;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * 朋友圈 publishing tasks: create (validated before any WeCom call; published now or on a schedule), list, one task
 * with its publishes (status, moment_id, invalid parts of the range, each staff member's publish status, reminders),
 * cancel. Documented in docs/moments.md.
 */
@RestController
@RequestMapping("/api/corps/{corpId}")
class MomentTaskApiController {

  private final JdbcMomentTasks tasks;
  private final PublishingMoments publishing;
  private final MomentPublishWorker worker;
  private final MomentTaskSchedules schedules;
  private final JdbcCampaignCorpData corpData;
  private final CronCalendar cron;
  private final KnownCorps corps;
  private final Clock clock;
  private final MomentPublishProperties properties;
  private final StoreStaff storeStaff;

  MomentTaskApiController(JdbcMomentTasks tasks, PublishingMoments publishing, MomentPublishWorker worker,
      MomentTaskSchedules schedules, JdbcCampaignCorpData corpData, CronCalendar cron, KnownCorps corps, Clock clock,
      MomentPublishProperties properties, StoreStaff storeStaff) {
    this.storeStaff = storeStaff;
    this.tasks = tasks;
    this.publishing = publishing;
    this.worker = worker;
    this.schedules = schedules;
    this.corpData = corpData;
    this.cron = cron;
    this.corps = corps;
    this.clock = clock;
    this.properties = properties;
  }

  /** An attachment: an uploaded asset ({@code assetId}) or a WeCom media id, or a link (title + url). */
  record AttachmentRequest(@Size(max = 16, message = "附件类型不能超过 16 个字符") String type, JsonNode assetId,
      @Size(max = 256, message = "mediaId 不能超过 256 个字符") String mediaId,
      @Size(max = 128, message = "链接标题不能超过 128 个字符") String title,
      @Size(max = 2048, message = "链接地址不能超过 2048 个字符") String url) {
  }

  /** Who may see the moment: all staff, or staff / departments, narrowed to customers with one of the tags. */
  record VisibleRange(Boolean allStaff, @Size(max = 10_000, message = "员工不能超过 10,000 个") List<String> userids,
      JsonNode departmentIds, @Size(max = 1_000, message = "标签不能超过 1,000 个") List<String> tags) {
  }

  /**
   * A 朋友圈 task as created: the top level and the range typed here (unknown keys refused), the schedule, durations
   * and limits read by {@link MomentTaskCodec}, which reports every problem with its path.
   */
  record MomentTaskRequest(@Size(max = 128, message = "任务名称不能超过 128 个字符") String name,
      @Size(max = 10_000, message = "正文过长") String text,
      @Size(max = 20, message = "附件不能超过 20 个") List<@Valid AttachmentRequest> attachments,
      @Valid VisibleRange visibleRange, JsonNode schedule, JsonNode publishWithin, JsonNode remindBefore,
      Boolean remind) {

    JsonNode body() {
      JsonNodeFactory f = JsonNodeFactory.instance;
      ObjectNode out = f.objectNode();
      if (name != null) {
        out.put("name", name);
      }
      if (text != null) {
        out.put("text", text);
      }
      if (attachments != null) {
        ArrayNode items = out.putArray("attachments");
        for (AttachmentRequest a : attachments) {
          ObjectNode item = items.addObject();
          put(item, "type", a.type());
          if (a.assetId() != null) {
            item.set("assetId", a.assetId());
          }
          put(item, "mediaId", a.mediaId());
          put(item, "title", a.title());
          put(item, "url", a.url());
        }
      }
      if (visibleRange != null) {
        ObjectNode range = out.putObject("visibleRange");
        if (visibleRange.allStaff() != null) {
          range.put("allStaff", visibleRange.allStaff());
        }
        if (visibleRange.userids() != null) {
          visibleRange.userids().forEach(range.putArray("userids")::add);
        }
        if (visibleRange.departmentIds() != null) {
          range.set("departmentIds", visibleRange.departmentIds());
        }
        if (visibleRange.tags() != null) {
          visibleRange.tags().forEach(range.putArray("tags")::add);
        }
      }
      if (schedule != null) {
        out.set("schedule", schedule);
      }
      if (publishWithin != null) {
        out.set("publishWithin", publishWithin);
      }
      if (remindBefore != null) {
        out.set("remindBefore", remindBefore);
      }
      if (remind != null) {
        out.put("remind", remind);
      }
      return out;
    }

    private static void put(ObjectNode o, String key, String value) {
      if (value != null) {
        o.put(key, value);
      }
    }
  }

  @PostMapping("/moment-tasks")
  ResponseEntity<Map<String, Object>> create(@PathVariable String corpId,
      @Valid @RequestBody MomentTaskRequest request) {
    corps.require(corpId);
    Instant now = clock.instant();
    MomentTaskSpec spec = MomentTaskCodec.read(request.body(), new MomentTaskSpec.Context(
        userid -> tasks.knownStaff(corpId, userid), dept -> tasks.knownDepartment(corpId, dept),
        tag -> corpData.liveTag(corpId, tag), id -> corpData.asset(corpId, id).map(CampaignAssets.Asset::kind), cron, now),
        new MomentTaskCodec.Defaults(properties.publishWithin(), properties.remindBefore(),
            ZoneId.of(properties.zone())));
    long id = publishing.create(corpId, spec);
    MomentTask task = tasks.task(corpId, id).orElseThrow();
    schedules.sync(task);
    worker.wake();
    return ResponseEntity.status(HttpStatus.CREATED).body(view(task));
  }

  @GetMapping("/moment-tasks")
  List<Map<String, Object>> list(@PathVariable String corpId,
      @RequestParam(defaultValue = "50") @Min(1) @Max(Paging.MAX_LIMIT) int limit, AccessScope scope) {
    corps.require(corpId);
    return tasks.list(corpId, limit, staffScope(scope));
  }

  /** One task; a store manager sees only a task one of their staff was asked to publish, and only their rows. */
  @GetMapping("/moment-tasks/{id}")
  Map<String, Object> get(@PathVariable String corpId, @PathVariable long id, AccessScope scope) {
    corps.require(corpId);
    Set<String> staff = staffScope(scope);
    MomentTask task = task(corpId, id);
    if (!tasks.inScope(task.id(), staff)) {
      throw notFound(corpId, id);
    }
    return view(task, staff);
  }

  /** Null (every task) unless the account is a store manager: then its stores' staff. */
  private Set<String> staffScope(AccessScope scope) {
    return scope.allStores() ? null : storeStaff.staffOf(scope.corpId(), scope.stores());
  }

  @PostMapping("/moment-tasks/{id}/cancel")
  Map<String, Object> cancel(@PathVariable String corpId, @PathVariable long id) {
    corps.require(corpId);
    MomentTask task = task(corpId, id);
    if (!"CANCELLED".equals(task.status())) {
      publishing.cancel(task);
      task = task(corpId, id);
      schedules.sync(task);
      worker.wake();
    }
    return view(task);
  }

  private MomentTask task(String corpId, long id) {
    Optional<MomentTask> task = tasks.task(corpId, id);
    return task.orElseThrow(() -> notFound(corpId, id));
  }

  private static ApiException notFound(String corpId, long id) {
    return ApiException.notFound("MOMENT_TASK_NOT_FOUND", "朋友圈任务不存在", "no moment task " + id + " in corp "
        + corpId);
  }

  private Map<String, Object> view(MomentTask task) {
    return view(task, null);
  }

  /** The task; with a {@code staff} scope its range's userids and its publishes' staff narrowed to them. */
  private Map<String, Object> view(MomentTask task, Set<String> staff) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", task.id());
    out.put("status", task.status());
    out.put("createdAt", task.createdAt().toString());
    ObjectNode definition = MomentTaskCodec.write(task.spec());
    if (staff != null && definition.get("visibleRange") instanceof ObjectNode range
        && range.get("userids") instanceof ArrayNode userids) {
      ArrayNode kept = range.putArray("userids");
      userids.forEach(u -> {
        if (staff.contains(u.asText())) {
          kept.add(u);
        }
      });
    }
    out.put("definition", definition);
    out.put("nextFireAt", schedules.nextFire(task.id()).map(Instant::toString).orElse(null));
    out.put("publishes", tasks.publishViews(task.id(), staff));
    return out;
  }
}
