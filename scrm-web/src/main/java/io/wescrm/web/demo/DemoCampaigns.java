package io.wescrm.web.demo;

import io.wescrm.core.campaigns.Campaign;
import io.wescrm.core.campaigns.CampaignCodec;
import io.wescrm.core.campaigns.CampaignDefinition;
import io.wescrm.core.campaigns.CronCalendar;
import io.wescrm.core.campaigns.jdbc.JdbcCampaignCorpData;
import io.wescrm.core.campaigns.jdbc.JdbcCampaigns;
import io.wescrm.core.remote.RemoteCorps;
import io.wescrm.web.campaigns.CampaignsProperties;
import io.wescrm.web.campaigns.scheduling.CampaignSchedules;
import java.time.Clock;
import java.time.ZoneId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Demo mode: ships two campaigns, visible at start (created once per corp, kept across restarts): a monthly 会员日
 * invitation to store A's customers on 每月第一周的周一 at 10:00 (客户群发 grouped by staff, 10 % control group,
 * at most 4 pushes a month), and a 3-step SOP for customers added through store A's 活码 ({@code store_sh01_qr}):
 * day 0, day 3 and day 7 at 10:00, ending early for a customer who deleted their 导购.
 */
@Component
@ConditionalOnProperty(name = "scrm.simulator.enabled", havingValue = "true")
class DemoCampaigns {

  private static final Logger log = LoggerFactory.getLogger(DemoCampaigns.class);
  static final String MONTHLY = "demo.monthly";
  static final String SOP = "demo.sop";

  private final RemoteCorps corps;
  private final JdbcCampaigns campaigns;
  private final JdbcCampaignCorpData corpData;
  private final CampaignSchedules schedules;
  private final CronCalendar cron;
  private final CampaignsProperties properties;
  private final Clock clock;

  DemoCampaigns(RemoteCorps corps, JdbcCampaigns campaigns, JdbcCampaignCorpData corpData,
      CampaignSchedules schedules, CronCalendar cron, CampaignsProperties properties, Clock clock) {
    this.corps = corps;
    this.campaigns = campaigns;
    this.corpData = corpData;
    this.schedules = schedules;
    this.cron = cron;
    this.properties = properties;
    this.clock = clock;
  }

  @EventListener(ApplicationReadyEvent.class)
  void install() {
    for (String corpId : corps.corpIds()) {
      try {
        install(corpId, MONTHLY, """
            {"name": "每月会员日邀请（门店A）", "kind": "BROADCAST", "channel": "AUTO",
             "audience": {"stores": [%d], "exclude": {"field": "lifecycleStage", "op": "in", "values": ["lost"]}},
             "content": {"text": "{{store_name|门店}}会员日：{{staff_name}}邀请您本周到店，出示本消息可领取伴手礼一份。",
                         "attachments": [{"type": "link", "title": "会员日活动详情", "url": "https://example.com/member-day"}]},
             "schedule": {"type": "recurring", "preset": "MONTHLY_FIRST_MONDAY", "time": "10:00"},
             "limits": {"perMonth": 4, "confirmHours": 24, "remindAfterMinutes": 120, "maxReminders": 3},
             "controlGroupPercent": 10,
             "goal": {"stage": "mature", "days": 30}}""".formatted(DemoAcquisitionConfiguration.STORE_A));
        install(corpId, SOP, """
            {"name": "门店活码新客 3 步 SOP", "kind": "SOP", "channel": "AUTO",
             "sop": {"trigger": {"type": "CHANNEL", "values": ["%s"]},
                     "steps": [{"day": 0, "time": "10:00", "content": {"text": "欢迎加入{{store_name|我们}}！我是您的专属导购{{staff_name}}，有任何问题随时找我。"}},
                               {"day": 3, "time": "10:00", "content": {"text": "{{staff_name}}：这几天用得还习惯吗？本周到店可免费护理一次。"}},
                               {"day": 7, "time": "10:00", "content": {"text": "{{store_name|门店}}新客专享：7 天内首单立减 50 元，{{staff_name}}在店里等您。"}}],
                     "stopWhen": {"leftAudience": false, "tags": []}},
             "limits": {"confirmHours": 24}}""".formatted(DemoAcquisitionConfiguration.STATE));
      } catch (RuntimeException e) {
        log.warn("Demo campaigns of corp {} not installed: {}", corpId, e.toString());
      }
    }
  }

  private void install(String corpId, String preset, String json) {
    if (campaigns.hasPreset(corpId, preset)) {
      return;
    }
    CampaignDefinition definition = CampaignCodec.read(CampaignCodec.parseJson(json), new CampaignCodec.Context(
        ids -> corpData.liveTags(corpId, ids), corpData.tagGroupNames(corpId), corpData.attributeNames(corpId), cron,
        clock.instant(), ZoneId.of(properties.zone())));
    Campaign campaign = campaigns.create(corpId, definition, preset, "demo");
    schedules.sync(campaign);
    log.info("Demo: campaign {} \"{}\" installed", campaign.id(), campaign.name());
  }
}
