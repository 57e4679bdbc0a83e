package io.wescrm.web.campaigns;

import io.wescrm.core.campaigns.Campaign;
import io.wescrm.core.campaigns.CampaignCodec;
import io.wescrm.core.campaigns.CampaignDefinition;
import io.wescrm.core.campaigns.CampaignError;
import io.wescrm.core.campaigns.CampaignRun;
import io.wescrm.core.campaigns.FollowingResults;
import io.wescrm.core.campaigns.InvalidCampaignException;
import io.wescrm.core.campaigns.MessageTemplate;
import io.wescrm.core.campaigns.RunningCampaigns;
import io.wescrm.core.campaigns.Schedule;
import io.wescrm.core.campaigns.TemplateContext;
import io.wescrm.core.campaigns.jdbc.JdbcCampaignCorpData;
import io.wescrm.core.campaigns.jdbc.JdbcCampaignPreview;
import io.wescrm.core.campaigns.jdbc.JdbcCampaignResults;
import io.wescrm.core.campaigns.jdbc.JdbcCampaigns;
import io.wescrm.core.campaigns.jdbc.JdbcSendLedger;
import io.wescrm.core.campaigns.jdbc.JdbcSopEnrollments;
import io.wescrm.core.corp.StoreStaff;
import io.wescrm.core.corp.Views;
import io.wescrm.web.api.ApiException;
import io.wescrm.web.api.KnownCorps;
import io.wescrm.web.api.Paging;
import io.wescrm.web.api.PreviewGate;
import io.wescrm.web.campaigns.scheduling.CampaignSchedules;
import io.wescrm.web.campaigns.scheduling.QuartzCronCalendar;
import io.wescrm.web.security.AccessScope;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
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
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Campaigns (群发, SOP): CRUD with versions, preview, run now, pause/resume/cancel, runs, results, uplift. */
@RestController
@RequestMapping("/api/corps/{corpId}")
class CampaignApiController {

  /**
   * A campaign definition as created, updated or previewed: the top level typed here (unknown keys refused), the
   * audience, content, schedule, SOP, limits and goal read by {@link CampaignCodec}, which reports every problem with
   * its path.
   */
  record CampaignRequest(
      @Size(max = 128, message = "活动名称不能超过 128 个字符") String name,
      String kind, String channel, JsonNode audience, JsonNode content, JsonNode schedule, JsonNode sop,
      JsonNode limits, JsonNode controlGroupPercent, JsonNode goal,
      @Size(max = 64, message = "操作人不能超过 64 个字符") String operator) {

    JsonNode definition() {
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      put(out, "name", name == null ? null : JsonNodeFactory.instance.stringNode(name));
      put(out, "kind", kind == null ? null : JsonNodeFactory.instance.stringNode(kind));
      put(out, "channel", channel == null ? null : JsonNodeFactory.instance.stringNode(channel));
      put(out, "audience", audience);
      put(out, "content", content);
      put(out, "schedule", schedule);
      put(out, "sop", sop);
      put(out, "limits", limits);
      put(out, "controlGroupPercent", controlGroupPercent);
      put(out, "goal", goal);
      return out;
    }

    private static void put(ObjectNode out, String key, JsonNode value) {
      if (value != null) {
        out.set(key, value);
      }
    }
  }

  private static final String DELIVERY_STATUSES = "PLANNED|SENDING|TASK_CREATED|SENT|NOT_FRIEND|OVER_LIMIT|"
      + "NOT_CONFIRMED|CANCELLED|FAILED|HELD_BACK";
  private static final long MAX_ASSET_BYTES = 20L * 1024 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final KnownCorps corps;
  private final JdbcCampaigns campaigns;
  private final JdbcSendLedger ledger;
  private final RunningCampaigns running;
  private final FollowingResults results;
  private final JdbcCampaignResults reports;
  private final JdbcCampaignCorpData corpData;
  private final JdbcSopEnrollments enrollments;
  private final JdbcCampaignPreview previews;
  private final PreviewGate gate;
  private final CampaignSchedules schedules;
  private final QuartzCronCalendar cron;
  private final CampaignWorker worker;
  private final CampaignsProperties properties;
  private final Clock clock;
  private final StoreStaff storeStaff;

  CampaignApiController(KnownCorps corps, JdbcCampaigns campaigns, JdbcSendLedger ledger, RunningCampaigns running,
      FollowingResults results, JdbcCampaignResults reports, JdbcCampaignCorpData corpData,
      JdbcSopEnrollments enrollments, JdbcCampaignPreview previews, PreviewGate gate, CampaignSchedules schedules,
      QuartzCronCalendar cron, CampaignWorker worker, CampaignsProperties properties, Clock clock,
      StoreStaff storeStaff) {
    this.storeStaff = storeStaff;
    this.corps = corps;
    this.campaigns = campaigns;
    this.ledger = ledger;
    this.running = running;
    this.results = results;
    this.reports = reports;
    this.corpData = corpData;
    this.enrollments = enrollments;
    this.previews = previews;
    this.gate = gate;
    this.schedules = schedules;
    this.cron = cron;
    this.worker = worker;
    this.properties = properties;
    this.clock = clock;
  }

  /** Schedule presets and template variables, for forms. */
  @GetMapping("/campaign-options")
  Map<String, Object> options(@PathVariable String corpId) {
    corps.require(corpId);
    List<Map<String, String>> presets = new ArrayList<>();
    for (String preset : Schedule.presets()) {
      presets.add(Map.of("preset", preset, "label", Schedule.presetLabel(preset),
          "cron", Schedule.presetCron(preset, java.time.LocalTime.of(10, 0))));
    }
    return Map.of("presets", presets,
        "variables", MessageTemplate.CUSTOMER_VARIABLES,
        "groupVariables", MessageTemplate.GROUP_VARIABLES,
        "tagGroups", corpData.tagGroupNames(corpId),
        "attributes", corpData.attributeNames(corpId),
        "channels", List.of(Map.of("channel", "AUTO", "label", "自动选择"),
            Map.of("channel", "SINGLE", "label", "客户群发"), Map.of("channel", "GROUP", "label", "群发到客户群"),
            Map.of("channel", "STAFF_TASK", "label", "一客一话术（发给员工）")),
        "quietHours", properties.quietHours(), "zone", properties.zone());
  }

  @GetMapping("/campaigns")
  List<Map<String, Object>> list(@PathVariable String corpId, AccessScope scope) {
    corps.require(corpId);
    Set<String> staff = staffScope(scope);
    return campaigns.list(corpId).stream().map(c -> view(c, staff)).toList();
  }

  @PostMapping("/campaigns")
  ResponseEntity<Map<String, Object>> create(@PathVariable String corpId,
      @Valid @RequestBody CampaignRequest body) {
    corps.require(corpId);
    CampaignDefinition definition = read(corpId, body);
    requireAudience(corpId, definition);
    Campaign campaign = campaigns.create(corpId, definition, null, body.operator());
    schedules.sync(campaign);
    return ResponseEntity.status(HttpStatus.CREATED).body(view(campaign));
  }

  @GetMapping("/campaigns/{id}")
  Map<String, Object> get(@PathVariable String corpId, @PathVariable long id, AccessScope scope) {
    return view(find(corpId, id), staffScope(scope));
  }

  /** Saves a new version when the definition changed; runs already planned keep theirs. */
  @PutMapping("/campaigns/{id}")
  Map<String, Object> update(@PathVariable String corpId, @PathVariable long id,
      @Valid @RequestBody CampaignRequest body) {
    find(corpId, id);
    CampaignDefinition definition = read(corpId, body);
    requireAudience(corpId, definition);
    Campaign campaign = campaigns.update(corpId, id, definition, body.operator()).orElseThrow();
    schedules.sync(campaign);
    return view(campaign);
  }

  /** Deletes the campaign: no further fires; runs in progress are cancelled (their unconfirmed tasks too). */
  @DeleteMapping("/campaigns/{id}")
  ResponseEntity<Void> delete(@PathVariable String corpId, @PathVariable long id) {
    find(corpId, id);
    cancelRuns(corpId, id);
    campaigns.delete(corpId, id);
    schedules.remove(id);
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/campaigns/{id}/versions")
  List<JdbcCampaigns.Version> versions(@PathVariable String corpId, @PathVariable long id, AccessScope scope) {
    find(corpId, id);
    Set<String> staff = staffScope(scope);
    return campaigns.versions(corpId, id).stream().map(v -> staff == null ? v : new JdbcCampaigns.Version(
        v.version(), redacted(corpId, JSON.readTree(v.definition()), staff).toString(), v.createdBy(),
        v.createdAt())).toList();
  }

  /**
   * The audience now (count, per store and staff member) and sample renders; with a body, previews that definition
   * instead of the stored one (the form before saving).
   */
  @PostMapping("/campaigns/{id}/preview")
  Map<String, Object> preview(@PathVariable String corpId, @PathVariable long id,
      @Valid @RequestBody(required = false) CampaignRequest body,
      @RequestParam(defaultValue = "5") @Min(1) @Max(50) int sample, AccessScope scope) {
    Campaign campaign = find(corpId, id);
    CampaignDefinition definition = body != null && body.name() != null ? read(corpId, body) : campaign.definition();
    return preview(corpId, definition, sample, staffScope(scope));
  }

  /** Previews a definition that is not saved yet. */
  @PostMapping("/campaigns/preview")
  Map<String, Object> previewNew(@PathVariable String corpId, @Valid @RequestBody CampaignRequest body,
      @RequestParam(defaultValue = "5") @Min(1) @Max(50) int sample, AccessScope scope) {
    corps.require(corpId);
    return preview(corpId, read(corpId, body), sample, staffScope(scope));
  }

  /** The preview of {@code definition}; with a {@code staff} scope (a store manager's) the store's share only. */
  private Map<String, Object> preview(String corpId, CampaignDefinition definition, int size, Set<String> staff) {
    CampaignDefinition.Channel channel = running.channel(definition, definition.sop() == null ? null : 0);
    CampaignDefinition.Content content = definition.sop() == null ? definition.content()
        : definition.sop().steps().get(0).content();
    MessageTemplate template = MessageTemplate.parse(content.text(), channel == CampaignDefinition.Channel.GROUP
        ? TemplateContext.groupChats() : TemplateContext.customers(corpData.tagGroupNames(corpId),
        corpData.attributeNames(corpId)));
    JdbcCampaignPreview.Preview p = gate.run(corpId, pace -> previews.preview(corpId, definition, channel,
        clock.instant(), size * 3, new ArrayList<>(template.variables()), staff, pace));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("channel", channel);
    out.put("channelReason", channelReason(definition, channel));
    out.put("count", p.count());
    out.put("byStore", p.byStore());
    out.put("byStaff", p.byStaff());
    out.put("sample", JdbcCampaignPreview.rendered(p.sample().subList(0, Math.min(size, p.sample().size())),
        template::render));
    out.put("maxRenderedBytes", template.maxRenderedBytes());
    out.put("nextFires", nextFires(definition, 5));
    return out;
  }

  private static String channelReason(CampaignDefinition d, CampaignDefinition.Channel channel) {
    if (d.channel() != CampaignDefinition.Channel.AUTO) {
      return "按活动设置";
    }
    return channel == CampaignDefinition.Channel.STAFF_TASK
        ? "内容含每位客户不同的变量（客户名称、备注或自定义属性），企业微信群发无法逐人替换，改为一客一话术发给员工"
        : "内容可按员工、门店等分组后相同，使用客户群发（每位员工每种内容一个群发任务）";
  }

  private List<String> nextFires(CampaignDefinition d, int n) {
    List<String> out = new ArrayList<>();
    if (d.schedule() instanceof Schedule.Once once) {
      out.add(running.settings().quietHours().shift(once.at()).toString());
    } else if (d.schedule() instanceof Schedule.Recurring r) {
      Instant t = clock.instant();
      for (int i = 0; i < n; i++) {
        Optional<Instant> next = cron.next(r.cron(), ZoneId.of(r.zone()), t);
        if (next.isEmpty()) {
          break;
        }
        t = next.get();
        out.add(running.settings().quietHours().shift(t).atZone(ZoneId.of(r.zone())).toOffsetDateTime().toString());
      }
    }
    return out;
  }

  /** Runs the campaign now (a new run; quiet hours still apply). */
  @PostMapping("/campaigns/{id}/run")
  ResponseEntity<Map<String, Object>> runNow(@PathVariable String corpId, @PathVariable long id) {
    Campaign campaign = find(corpId, id);
    if (campaign.kind() == CampaignDefinition.Kind.SOP) {
      throw ApiException.badRequest("SOP 按触发事件自动发送，不能手动运行", "campaign " + id + " is an SOP");
    }
    Instant now = clock.instant();
    CampaignRun run = running.fire(campaign, "api:" + UUID.randomUUID(), "API", now, null).orElseThrow();
    worker.wake();
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(runView(run));
  }

  /** Pauses the campaign (no fires, no SOP enrolment) and its runs in progress (no new WeCom task). */
  @PostMapping("/campaigns/{id}/pause")
  Map<String, Object> pause(@PathVariable String corpId, @PathVariable long id) {
    find(corpId, id);
    campaigns.setStatus(corpId, id, Campaign.Status.PAUSED);
    int paused = 0;
    for (CampaignRun run : ledger.runs(corpId, id, 1000)) {
      paused += ledger.pause(run.id()) ? 1 : 0;
    }
    Campaign campaign = find(corpId, id);
    schedules.sync(campaign);
    Map<String, Object> out = view(campaign);
    out.put("runsPaused", paused);
    return out;
  }

  @PostMapping("/campaigns/{id}/resume")
  Map<String, Object> resume(@PathVariable String corpId, @PathVariable long id) {
    find(corpId, id);
    campaigns.setStatus(corpId, id, Campaign.Status.ACTIVE);
    int resumed = 0;
    for (CampaignRun run : ledger.runs(corpId, id, 1000)) {
      resumed += ledger.resume(run.id()) ? 1 : 0;
    }
    Campaign campaign = find(corpId, id);
    schedules.sync(campaign);
    worker.wake();
    Map<String, Object> out = view(campaign);
    out.put("runsResumed", resumed);
    return out;
  }

  /** Cancels the campaign's runs in progress: nothing more is sent; unconfirmed WeCom tasks are cancelled. */
  @PostMapping("/campaigns/{id}/cancel")
  Map<String, Object> cancel(@PathVariable String corpId, @PathVariable long id) {
    find(corpId, id);
    int cancelled = cancelRuns(corpId, id);
    Map<String, Object> out = view(find(corpId, id));
    out.put("runsCancelled", cancelled);
    return out;
  }

  private int cancelRuns(String corpId, long id) {
    int cancelled = 0;
    for (CampaignRun run : ledger.runs(corpId, id, 1000)) {
      if (!run.status().finished()) {
        results.cancelCreated(ledger.cancel(run.id(), clock.instant()));
        cancelled++;
      }
    }
    return cancelled;
  }

  /**
   * Pauses, resumes or cancels one run; {@code remind} reminds now the staff who have not confirmed its WeCom tasks
   * ({@code userid}: only those; at most 3 reminders a task, WeCom's limit), answering how many were reminded.
   */
  @PostMapping("/campaigns/{id}/runs/{runId}/{action:pause|resume|cancel|remind}")
  Map<String, Object> runAction(@PathVariable String corpId, @PathVariable long id, @PathVariable long runId,
      @PathVariable String action, @RequestParam(required = false) List<String> userid) {
    find(corpId, id);
    CampaignRun run = ledger.run(runId).filter(r -> r.campaignId() == id)
        .orElseThrow(() -> ApiException.notFound("RUN_NOT_FOUND", "活动运行不存在", "run " + runId));
    if (action.equals("remind")) {
      if (run.status().finished()) {
        throw new ApiException(HttpStatus.CONFLICT, "RUN_STATE", "这次发送已结束，无需提醒",
            "run " + runId + " is " + run.status());
      }
      FollowingResults.Reminded reminded = results.remindNow(ledger.tasks(run.id()), userid);
      Map<String, Object> out = runView(run);
      out.put("reminded", reminded.reminded());
      out.put("refused", reminded.refused());
      return out;
    }
    boolean done = switch (action) {
      case "pause" -> ledger.pause(run.id());
      case "resume" -> ledger.resume(run.id());
      default -> {
        if (run.status().finished()) {
          yield false;
        }
        results.cancelCreated(ledger.cancel(run.id(), clock.instant()));
        yield true;
      }
    };
    if (!done) {
      throw new ApiException(HttpStatus.CONFLICT, "RUN_STATE", "当前状态（" + run.status() + "）不能执行该操作",
          "run " + runId + " is " + run.status());
    }
    worker.wake();
    return runView(ledger.run(runId).orElseThrow());
  }

  @GetMapping("/campaigns/{id}/runs")
  List<Map<String, Object>> runs(@PathVariable String corpId, @PathVariable long id,
      @RequestParam(defaultValue = "50") @Min(1) @Max(Paging.MAX_LIMIT) int limit, AccessScope scope) {
    find(corpId, id);
    List<Map<String, Object>> runs = ledger.runs(corpId, id, Math.max(1, Math.min(limit, 500))).stream()
        .map(this::runView).toList();
    Set<String> staff = staffScope(scope);
    if (staff != null) {
      // a store manager sees the store's share of each run: the ledger rows its staff send
      Map<Long, long[]> counts = reports.runCounts(corpId, id, staff);
      for (Map<String, Object> run : runs) {
        long[] c = counts.getOrDefault((Long) run.get("id"), new long[3]);
        run.put("audience", c[0]);
        run.put("planned", c[1]);
        run.put("heldBack", c[2]);
      }
    }
    return runs;
  }

  /** The funnel: audience → planned → task created → confirmed → delivered → failures; by store and staff. */
  @GetMapping("/campaigns/{id}/results")
  Map<String, Object> results(@PathVariable String corpId, @PathVariable long id,
      @RequestParam(required = false) Long runId, AccessScope scope) {
    find(corpId, id);
    return reports.results(corpId, id, runId, staffScope(scope));
  }

  /** Each recipient's status, newest first, one page (all runs or {@code runId}; one {@code status} or all). */
  @GetMapping("/campaigns/{id}/deliveries")
  Views.Page<Map<String, Object>> deliveries(@PathVariable String corpId, @PathVariable long id,
      @RequestParam(required = false) Long runId,
      @RequestParam(required = false)
      @Pattern(regexp = DELIVERY_STATUSES, message = "须是投递状态之一（PLANNED、SENT、NOT_CONFIRMED…）") String status,
      @RequestParam(defaultValue = "1") @Min(1) @Max(Paging.MAX_PAGE) long page,
      @RequestParam(defaultValue = "20") @Min(1) @Max(Paging.MAX_SIZE) int size, AccessScope scope) {
    find(corpId, id);
    return reports.deliveries(corpId, id, runId, status, staffScope(scope), page, size);
  }

  /** Sent vs held-back customers: retention after 7 / 30 days and the goal, with 95 % confidence intervals. */
  @GetMapping("/campaigns/{id}/uplift")
  Map<String, Object> uplift(@PathVariable String corpId, @PathVariable long id, AccessScope scope) {
    Campaign campaign = find(corpId, id);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("controlGroupPercent", campaign.definition().controlPermille() / 10.0);
    out.putAll(reports.uplift(corpId, id, campaign.definition().goal(), clock.instant(), staffScope(scope)));
    return out;
  }

  @GetMapping("/campaigns/{id}/enrollments")
  List<Map<String, Object>> enrollments(@PathVariable String corpId, @PathVariable long id,
      @RequestParam(defaultValue = "200") @Min(1) @Max(Paging.MAX_LIMIT) int limit, AccessScope scope) {
    find(corpId, id);
    return enrollments.list(id, Math.max(1, Math.min(limit, 5000)), staffScope(scope));
  }

  /** What one customer was sent (every campaign), newest first. */
  @GetMapping("/customers/{externalUserId}/pushes")
  List<Map<String, Object>> pushes(@PathVariable String corpId, @PathVariable String externalUserId,
      @RequestParam(defaultValue = "100") @Min(1) @Max(Paging.MAX_LIMIT) int limit, AccessScope scope) {
    corps.require(corpId);
    Set<String> staff = requireCustomer(corpId, externalUserId, scope);
    return reports.pushes(corpId, externalUserId, Math.max(1, Math.min(limit, 1000)), staff);
  }

  @GetMapping("/customers/{externalUserId}/attributes")
  Map<String, String> attributes(@PathVariable String corpId, @PathVariable String externalUserId,
      AccessScope scope) {
    corps.require(corpId);
    requireCustomer(corpId, externalUserId, scope);
    return corpData.attributes(corpId, externalUserId);
  }

  /** Sets operator-defined attributes ({@code {"生日月": "12月"}}; null removes one), read as {{attr:name}}. */
  @PutMapping("/customers/{externalUserId}/attributes")
  Map<String, String> setAttributes(@PathVariable String corpId, @PathVariable String externalUserId,
      @RequestBody @Size(max = 100, message = "一次最多设置 100 个属性") Map<String, String> body) {
    corps.require(corpId);
    for (Map.Entry<String, String> e : body.entrySet()) {
      String name = e.getKey().strip();
      if (name.isEmpty() || name.length() > 64 || name.contains("}") || name.contains("|")) {
        throw ApiException.badRequest("属性名须为 1–64 个字符，且不含 } 或 |：" + name, "bad attribute name");
      }
      if (e.getValue() != null && e.getValue().length() > 256) {
        throw ApiException.badRequest("属性值不能超过 256 个字符：" + name, "attribute value too long");
      }
    }
    for (Map.Entry<String, String> e : body.entrySet()) {
      corpData.setAttribute(corpId, externalUserId, e.getKey().strip(), e.getValue(), clock.instant());
    }
    return corpData.attributes(corpId, externalUserId);
  }

  /** Uploads an image, video or file for attachments ({@code assetId}); sent to WeCom by media/upload at dispatch. */
  @PostMapping("/campaign-assets")
  ResponseEntity<Map<String, Object>> upload(@PathVariable String corpId, @RequestParam("file") MultipartFile file,
      @RequestParam(defaultValue = "image") String kind) throws IOException {
    corps.require(corpId);
    if (!List.of("image", "video", "file").contains(kind)) {
      throw ApiException.badRequest("素材类型 kind 只能是 image、video 或 file", "kind " + kind);
    }
    long limit = kind.equals("file") ? MAX_ASSET_BYTES : 10L * 1024 * 1024;
    if (file.isEmpty() || file.getSize() > limit) {
      throw ApiException.badRequest("素材为空或超过 " + (limit / 1024 / 1024) + " MB", "size " + file.getSize());
    }
    long id = corpData.addAsset(corpId, kind, file.getOriginalFilename() == null ? "file" : file.getOriginalFilename(),
        file.getContentType(), file.getBytes(), clock.instant());
    return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("assetId", id, "kind", kind, "size",
        file.getSize()));
  }

  @GetMapping("/campaign-assets")
  List<Map<String, Object>> assets(@PathVariable String corpId) {
    corps.require(corpId);
    return corpData.assets(corpId);
  }

  private CampaignDefinition read(String corpId, CampaignRequest body) {
    ZoneId zone = ZoneId.of(properties.zone());
    CampaignDefinition definition = CampaignCodec.read(body.definition(), new CampaignCodec.Context(
        ids -> corpData.liveTags(corpId, ids), corpData.tagGroupNames(corpId), corpData.attributeNames(corpId), cron,
        clock.instant(), zone));
    List<CampaignError> errors = new ArrayList<>();
    for (String asset : assetIds(definition)) {
      try {
        if (corpData.asset(corpId, Long.parseLong(asset)).isEmpty()) {
          errors.add(new CampaignError("content.attachments", "素材不存在：assetId " + asset));
        }
      } catch (NumberFormatException e) {
        errors.add(new CampaignError("content.attachments", "assetId 须是数字：" + asset));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidCampaignException(errors);
    }
    return definition;
  }

  private static List<String> assetIds(CampaignDefinition d) {
    List<String> ids = new ArrayList<>();
    List<CampaignDefinition.Content> contents = new ArrayList<>(List.of(d.content()));
    if (d.sop() != null) {
      d.sop().steps().forEach(s -> contents.add(s.content()));
    }
    for (CampaignDefinition.Content c : contents) {
      c.attachments().forEach(a -> {
        if (a.fields().get("assetId") != null) {
          ids.add(a.fields().get("assetId"));
        }
        if (a.fields().get("picAssetId") != null) {
          ids.add(a.fields().get("picAssetId"));
        }
      });
    }
    return ids;
  }

  /** A broadcast that would reach nobody now is refused (an SOP's audience fills as customers arrive). */
  private void requireAudience(String corpId, CampaignDefinition definition) {
    if (definition.kind() != CampaignDefinition.Kind.BROADCAST) {
      return;
    }
    CampaignDefinition.Channel channel = running.channel(definition, null);
    if (!gate.run(corpId, pace -> previews.reachesAnyone(corpId, definition, channel, clock.instant(), pace))) {
      throw new InvalidCampaignException(List.of(new CampaignError("audience", channel
          == CampaignDefinition.Channel.GROUP ? "受众为空：没有符合条件的客户群" : "受众为空：当前没有符合条件的客户")));
    }
  }

  private Campaign find(String corpId, long id) {
    corps.require(corpId);
    return campaigns.find(corpId, id)
        .orElseThrow(() -> ApiException.notFound("CAMPAIGN_NOT_FOUND", "活动不存在", "campaign " + id));
  }

  /** Null (every sender) unless the account is a store manager: then its stores' staff. */
  private Set<String> staffScope(AccessScope scope) {
    return scope.allStores() ? null : storeStaff.staffOf(scope.corpId(), scope.stores());
  }

  /**
   * A store manager's customer must have a live relation with the store's staff: another store's customer answers
   * 404 as one that does not exist. Returns the staff scope (null: every sender).
   */
  private Set<String> requireCustomer(String corpId, String externalUserId, AccessScope scope) {
    Set<String> staff = staffScope(scope);
    if (staff != null && !corpData.customerInScope(corpId, externalUserId, staff)) {
      throw ApiException.notFound("CUSTOMER_NOT_FOUND", "客户不存在", "no customer " + externalUserId + " in scope");
    }
    return staff;
  }

  /**
   * A definition as a store manager sees it: the audience's staff and chats narrowed to their store's (a campaign
   * definition is corp-level, but another store's staff and chats are not theirs to list).
   */
  private JsonNode redacted(String corpId, JsonNode definition, Set<String> staff) {
    if (staff == null || !(definition.get("audience") instanceof ObjectNode audience)) {
      return definition;
    }
    if (audience.get("staff") instanceof ArrayNode named) {
      ArrayNode kept = audience.putArray("staff");
      named.forEach(u -> {
        if (staff.contains(u.asText())) {
          kept.add(u);
        }
      });
    }
    if (audience.get("chatIds") instanceof ArrayNode chats && !chats.isEmpty()) {
      List<String> ids = new ArrayList<>();
      chats.forEach(c -> ids.add(c.asText()));
      Set<String> own = corpData.chatsOwnedBy(corpId, ids, staff);
      ArrayNode kept = audience.putArray("chatIds");
      ids.stream().filter(own::contains).forEach(kept::add);
    }
    return definition;
  }

  private Map<String, Object> view(Campaign c) {
    return view(c, null);
  }

  private Map<String, Object> view(Campaign c, Set<String> staff) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", c.id());
    out.put("name", c.name());
    out.put("kind", c.kind());
    out.put("status", c.status());
    out.put("version", c.version());
    out.put("preset", c.preset());
    out.put("definition", redacted(c.corpId(), CampaignCodec.write(c.definition()), staff));
    if (c.definition().schedule() instanceof Schedule.Recurring r && r.preset() != null) {
      out.put("scheduleLabel", Schedule.presetLabel(r.preset()));
    }
    out.put("nextFireAt", schedules.nextFire(c.id()).map(Instant::toString).orElse(null));
    out.put("createdAt", c.createdAt());
    out.put("updatedAt", c.updatedAt());
    return out;
  }

  private Map<String, Object> runView(CampaignRun r) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", r.id());
    out.put("campaignId", r.campaignId());
    out.put("version", r.version());
    out.put("occurrence", r.occurrence());
    out.put("trigger", r.triggerSource());
    out.put("channel", r.channel());
    out.put("status", r.status());
    out.put("sopStep", r.sopStep());
    out.put("dueAt", r.dueAt());
    out.put("deadlineAt", r.deadlineAt());
    out.put("audience", r.audience());
    out.put("planned", r.planned());
    out.put("heldBack", r.heldBack());
    out.put("error", r.error());
    out.put("createdAt", r.createdAt());
    out.put("plannedAt", r.plannedAt());
    out.put("finishedAt", r.finishedAt());
    return out;
  }
}
