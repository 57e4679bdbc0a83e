package io.wescrm.core.campaigns;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;

/**
 * Turns fires into runs and runs into deliveries. A fire (Quartz, "run now", an SOP step) creates one run per
 * campaign × occurrence — a second fire of the same occurrence (another node, a misfire re-run) finds it and does
 * nothing. The run's due time is moved out of the corp's quiet hours, never dropped. Planning is claimed under a
 * lease, so a node that dies while planning is taken over.
 */
public final class RunningCampaigns {

  /** The corp-wide defaults a campaign's own limits refine. */
  public record Settings(QuietHours quietHours, FrequencyCaps defaultCaps, int singleChunk, int groupChunk,
      int staffTaskChunk, Duration planLease, ZoneId zone) {
  }

  private static final System.Logger LOG = System.getLogger(RunningCampaigns.class.getName());

  private final SendLedger ledger;
  private final CampaignStore campaigns;
  private final RunPlanner planner;
  private final CampaignCorpData corpData;
  private final Clock clock;
  private final Settings settings;
  private final String owner;

  public RunningCampaigns(SendLedger ledger, CampaignStore campaigns, RunPlanner planner, CampaignCorpData corpData,
      Clock clock, Settings settings, String owner) {
    this.ledger = ledger;
    this.campaigns = campaigns;
    this.planner = planner;
    this.corpData = corpData;
    this.clock = clock;
    this.settings = settings;
    this.owner = owner;
  }

  public Settings settings() {
    return settings;
  }

  /**
   * A fire of a campaign: the run of this occurrence, created now unless it exists (empty then).
   *
   * @param occurrence what identifies the fire: the scheduled fire time, {@code api:<uuid>}, {@code sop:<step>:<tick millis>}
   */
  public Optional<CampaignRun> fire(Campaign campaign, String occurrence, String triggerSource, Instant scheduledAt,
      Integer sopStep) {
    CampaignDefinition definition = campaign.definition();
    Instant due = settings.quietHours().shift(scheduledAt);
    Instant deadline = due.plus(Duration.ofHours(definition.limits().confirmHours()));
    Optional<CampaignRun> run = ledger.createRun(campaign.corpId(), campaign.id(), campaign.version(), occurrence,
        triggerSource, channel(definition, sopStep), sopStep, due, deadline);
    run.ifPresent(r -> LOG.log(System.Logger.Level.INFO, "campaign {0} ({1}): run {2} for {3}, due {4}",
        campaign.id(), campaign.name(), r.id(), occurrence, due));
    return run;
  }

  /**
   * The channel a run takes. AUTO: 客户群发 (SINGLE) when recipients can be grouped by identical content — the
   * template names no per-customer variable ({{customer_name}}, {{remark}}, {{attr:…}}) — else 一客一话术
   * (STAFF_TASK): WeCom's group send has no per-recipient variables, so fully personal scripts go to staff.
   */
  public CampaignDefinition.Channel channel(CampaignDefinition definition, Integer sopStep) {
    if (definition.channel() != CampaignDefinition.Channel.AUTO) {
      return definition.channel();
    }
    CampaignDefinition.Content content = content(definition, sopStep);
    for (String v : MessageTemplate.parse(content.text().isBlank() ? " " : content.text(),
        lenient(definition)).variables()) {
      if (v.equals("customer_name") || v.equals("remark") || v.startsWith(MessageTemplate.ATTR_PREFIX)) {
        return CampaignDefinition.Channel.STAFF_TASK;
      }
    }
    return CampaignDefinition.Channel.SINGLE;
  }

  /** A context that knows every tag group and attribute the template names (it was validated when saved). */
  private static TemplateContext lenient(CampaignDefinition definition) {
    java.util.Set<String> groups = new java.util.HashSet<>();
    java.util.Set<String> attrs = new java.util.HashSet<>();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{\\{\\s*(tag|attr)\\s*:\\s*([^|}]+?)\\s*[|}]")
        .matcher(allText(definition));
    while (m.find()) {
      (m.group(1).equals("tag") ? groups : attrs).add(m.group(2));
    }
    return definition.channel() == CampaignDefinition.Channel.GROUP ? TemplateContext.groupChats()
        : TemplateContext.customers(groups, attrs);
  }

  private static String allText(CampaignDefinition d) {
    StringBuilder b = new StringBuilder(d.content().text());
    if (d.sop() != null) {
      d.sop().steps().forEach(s -> b.append('\n').append(s.content().text()));
    }
    return b.toString();
  }

  static CampaignDefinition.Content content(CampaignDefinition definition, Integer sopStep) {
    if (sopStep != null && definition.sop() != null && sopStep < definition.sop().steps().size()) {
      return definition.sop().steps().get(sopStep).content();
    }
    return definition.content();
  }

  /** Plans one due run, if any; returns whether one was planned. */
  public boolean planNext() {
    Instant now = clock.instant();
    Optional<CampaignRun> claimed = ledger.claimRunToPlan(owner, now, now.plus(settings.planLease()));
    if (claimed.isEmpty()) {
      return false;
    }
    plan(claimed.get());
    return true;
  }

  /** Plans a claimed run (PLANNING): its deliveries and tasks, then DISPATCHING. */
  public RunPlanner.Plan plan(CampaignRun run) {
    Instant now = clock.instant();
    Optional<CampaignDefinition> definition = campaigns.definition(run.campaignId(), run.version());
    if (definition.isEmpty()) {
      ledger.runFailed(run.id(), "活动版本不存在", now);
      return null;
    }
    CampaignDefinition d = definition.get();
    CampaignDefinition.Content content = content(d, run.sopStep());
    MessageTemplate template;
    try {
      Set<String> groups = corpData.tagGroupNames(run.corpId());
      Set<String> attrs = corpData.attributeNames(run.corpId());
      TemplateContext ctx = run.channel() == CampaignDefinition.Channel.GROUP ? TemplateContext.groupChats()
          : TemplateContext.customers(groups, attrs);
      template = MessageTemplate.parse(content.text().isBlank() ? "" : content.text(), ctx);
    } catch (InvalidCampaignException e) {
      ledger.runFailed(run.id(), "内容模板已失效：" + e.errors().get(0).message(), now);
      return null;
    }
    FrequencyCaps caps = caps(d.limits());
    int chunk = switch (run.channel()) {
      case GROUP -> settings.groupChunk();
      case STAFF_TASK -> settings.staffTaskChunk();
      default -> settings.singleChunk();
    };
    long started = System.nanoTime();
    RunPlanner.Plan plan = planner.plan(run, new RunPlanner.Policy(d, content, template::render,
        template.variables(), caps, d.controlPermille(), chunk, now));
    LOG.log(System.Logger.Level.INFO, "campaign run {0} planned in {1} ms: audience {2}, planned {3}, held back {4}, "
        + "over limit {5}, {6} tasks, {7} distinct texts", run.id(), (System.nanoTime() - started) / 1_000_000,
        plan.audience(), plan.planned(), plan.heldBack(), plan.overLimit(), plan.tasks(), plan.distinctRenders());
    return plan;
  }

  /** The campaign's caps, each falling back to the corp's default. */
  public FrequencyCaps caps(CampaignDefinition.Limits limits) {
    FrequencyCaps base = settings.defaultCaps();
    return new FrequencyCaps(limits.perDay() != null ? limits.perDay() : base.perDay(),
        limits.perWeek() != null ? limits.perWeek() : base.perWeek(),
        limits.perMonth() != null ? limits.perMonth() : base.perMonth(), base.zone());
  }
}
