package io.wescrm.web.demo;

import io.wescrm.core.acquisition.ContactWay;
import io.wescrm.core.acquisition.ContactWayManagement;
import io.wescrm.core.acquisition.ContactWays;
import io.wescrm.core.acquisition.WelcomeTemplate;
import io.wescrm.wecom.client.WeComProperties;
import io.wescrm.wecom.simulator.SimAcquisition;
import io.wescrm.wecom.simulator.SimCorp;
import io.wescrm.wecom.simulator.SimCorpSnapshot;
import io.wescrm.wecom.simulator.WeComSimulator;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Demo mode: once the start-up sync has brought the demo corp in, store A (上海南京西路店, department 101) gets its
 * 活码 (state {@code store_sh01_qr}) with a welcome message and the channel tag 来源渠道/门店活码, so that a scripted
 * scan shows the whole acquisition loop.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "scrm.simulator.enabled", havingValue = "true")
public class DemoAcquisitionConfiguration {

  static final String STATE = "store_sh01_qr";
  static final long STORE_A = 101;
  private static final Logger log = LoggerFactory.getLogger(DemoAcquisitionConfiguration.class);

  @Bean
  ApplicationListener<ApplicationReadyEvent> demoContactWay(ContactWayManagement management, ContactWays ways,
      JdbcTemplate jdbc, WeComProperties wecom, WeComSimulator simulator) {
    return event -> {
      for (WeComProperties.Corp corp : wecom.corps()) {
        reRegister(corp.corpId(), ways, simulator);
      }
      Thread t = new Thread(() -> {
        for (WeComProperties.Corp corp : wecom.corps()) {
          seed(corp.corpId(), management, ways, jdbc);
        }
      }, "demo-acquisition");
      t.setDaemon(true);
      t.start();
    };
  }

  /**
   * A simulated corp seeded afresh (its snapshot was missing or unreadable) under a database of an earlier demo: our
   * registry's live contact ways are put back into the simulator under their own config id and state, so that their
   * 活码 (the README's {@code store_sh01_qr}) can be scanned again. A restored corp already has them.
   */
  static void reRegister(String corpId, ContactWays ways, WeComSimulator simulator) {
    SimCorp corp = simulator.corp(corpId);
    for (ContactWay way : ways.list(corpId, false)) {
      if (way.configId() == null || corp.acquisition().contactWay(way.configId()).isPresent()) {
        continue;
      }
      boolean single = way.kind() == ContactWay.Kind.STAFF;
      SimCorpSnapshot.restoreContactWay(corp, new SimAcquisition.ContactWay(way.configId(), single ? 1 : 2,
          way.scene(), null, way.remark(), way.skipVerify(), way.state(), way.userids(), way.departmentIds(), false,
          null, null, null, way.qrCode(), null));
      log.warn("Demo: contact way {} (state {}) of our registry was not in the re-seeded simulated corp {}: put back",
          way.configId(), way.state(), corpId);
    }
  }

  private static void seed(String corpId, ContactWayManagement management, ContactWays ways, JdbcTemplate jdbc) {
    if (ways.byState(corpId, STATE).isPresent()) {
      return;
    }
    // the start-up sync brings store A and the tag library in; wait for it (up to 5 minutes)
    List<String> tags = List.of();
    for (int i = 0; i < 300; i++) {
      tags = jdbc.queryForList("SELECT t.tag_id FROM scrm_tag t JOIN scrm_tag_group g ON g.corp_id = t.corp_id AND "
          + "g.group_id = t.group_id WHERE t.corp_id = ? AND t.name = '门店活码' AND g.name = '来源渠道' AND "
          + "t.deleted_at IS NULL", String.class, corpId);
      if (!tags.isEmpty() && ways.departmentExists(corpId, STORE_A) && jdbc.queryForObject("SELECT COUNT(*) FROM "
          + "scrm_sync_run WHERE corp_id = ? AND status = 'SUCCEEDED'", Long.class, corpId) > 0) {
        break;
      }
      try {
        Thread.sleep(1_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    try {
      ContactWay way = management.create(corpId, new ContactWayManagement.Command("A店门口海报", ContactWay.Kind.STORE,
          STATE, List.of(), List.of(STORE_A), STORE_A, "门店海报", "新店开业", "A店门口海报", true, 2,
          new WelcomeTemplate("{{customer_name}}您好！欢迎关注{{store_name}}，我是您的专属美容顾问{{staff_name}}，"
              + "到店出示本消息可领取新客小样一份～", List.of(Map.of("msgtype", "link", "link", Map.of("title", "新客专享礼",
              "url", "https://example.com/welcome-gift", "desc", "到店即领")))), tags));
      log.info("Demo: store A's contact way {} (state {}) with a welcome message and channel tags {}",
          way.configId(), STATE, tags);
    } catch (RuntimeException e) {
      log.warn("Demo contact way of corp {} not created: {}", corpId, e.toString());
    }
  }
}
