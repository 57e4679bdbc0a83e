package io.wescrm.web.moments;

import io.wescrm.core.campaigns.CampaignAssets;
import io.wescrm.core.campaigns.CronCalendar;
import io.wescrm.core.campaigns.jdbc.JdbcCampaignCorpData;
import io.wescrm.core.moments.InvalidMomentTaskException;
import io.wescrm.core.moments.MomentTaskCodec;
import io.wescrm.core.moments.MomentTaskSpec;
import io.wescrm.core.moments.MomentTasks.MomentTask;
import io.wescrm.core.moments.PublishingMoments;
import io.wescrm.core.moments.jdbc.JdbcMomentTasks;
import io.wescrm.core.remote.RemoteCallException;
import io.wescrm.web.api.ApiError;
import io.wescrm.web.api.ApiException;
import io.wescrm.web.api.KnownCorps;
import io.wescrm.web.moments.scheduling.MomentTaskSchedules;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

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

  MomentTaskApiController(JdbcMomentTasks tasks, PublishingMoments publishing, MomentPublishWorker worker,
      MomentTaskSchedules schedules, JdbcCampaignCorpData corpData, CronCalendar cron, KnownCorps corps, Clock clock,
      MomentPublishProperties properties) {
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

  @ExceptionHandler(InvalidMomentTaskException.class)
  ResponseEntity<Map<String, Object>> invalid(InvalidMomentTaskException e) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("code", "INVALID_MOMENT_TASK");
    body.put("message", "朋友圈任务不合法：" + e.errors().get(0).message()
        + (e.errors().size() > 1 ? "（共 " + e.errors().size() + " 处问题）" : ""));
    body.put("errors", e.errors());
    return ResponseEntity.badRequest().body(body);
  }

  @ExceptionHandler(RemoteCallException.class)
  ResponseEntity<ApiError> wecom(RemoteCallException e) {
    return ApiError.wecom(e);
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
    return ApiError.unreadable(e);
  }

  @PostMapping("/moment-tasks")
  ResponseEntity<Map<String, Object>> create(@PathVariable String corpId, @RequestBody JsonNode body) {
    corps.require(corpId);
    Instant now = clock.instant();
    MomentTaskSpec spec = MomentTaskCodec.read(body, new MomentTaskSpec.Context(
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
  List<Map<String, Object>> list(@PathVariable String corpId, @RequestParam(defaultValue = "50") int limit) {
    corps.require(corpId);
    return tasks.list(corpId, Math.max(1, Math.min(500, limit)));
  }

  @GetMapping("/moment-tasks/{id}")
  Map<String, Object> get(@PathVariable String corpId, @PathVariable long id) {
    corps.require(corpId);
    return view(task(corpId, id));
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
    return task.orElseThrow(() -> ApiException.notFound("MOMENT_TASK_NOT_FOUND", "朋友圈任务不存在",
        "no moment task " + id + " in corp " + corpId));
  }

  private Map<String, Object> view(MomentTask task) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", task.id());
    out.put("status", task.status());
    out.put("createdAt", task.createdAt().toString());
    out.put("definition", MomentTaskCodec.write(task.spec()));
    out.put("nextFireAt", schedules.nextFire(task.id()).map(Instant::toString).orElse(null));
    out.put("publishes", tasks.publishViews(task.id()));
    return out;
  }
}
