package io.wescrm.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;
import io.wescrm.web.testing.Api;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * 数据看板 in a real browser: as an operator the cards show the API's numbers, every chart container holds a drawn
 * canvas, the 90-day switch reloads, and the sync health panel is there; as a store manager the customer total is
 * that store's (the customers API's total for that account) and the corp-wide panel is absent. The page's render
 * time (navigation start → every chart drawn) is logged, never asserted (bench/console-dashboard.sh measures it).
 */
class ConsoleDashboardIT extends ConsoleTestBase {

  private static final String CARDS = "[data-test='dashboard'] [data-test^='kpi-']";

  @Test
  void anOperatorSeesTheApisNumbersAndEveryChartDrawn() {
    Api operator = Api.as(base(), OPERATOR, OPERATOR_PASSWORD);
    browser.login(OPERATOR, OPERATOR_PASSWORD);
    browser.open("/dashboard");
    waitRendered();
    logRenderTime("operator, 30 天");

    JsonNode kpi = matching(operator, 30, "customers", "customers");
    assertThat(kpi.get("customers").asLong()).isGreaterThanOrEqualTo(1000);
    assertThat(card("customers")).isEqualTo(kpi.get("customers").asLong());
    assertThat(card("groups")).isEqualTo(kpi.get("groups").asLong());
    assertThat(card("staff")).isEqualTo(kpi.get("staff").asLong());
    assertThat(browser.all(By.cssSelector(CARDS))).hasSize(6);
    assertEveryChartDrawn();
    // the demo corp's customers have stages, stores and staff: those charts are there, not empty states
    for (String chart : List.of("chart-trend", "chart-stores", "chart-staff", "chart-stages")) {
      assertThat(browser.all(By.cssSelector("[data-test='" + chart + "'] canvas"))).as(chart).isNotEmpty();
    }
    assertThat(browser.bodyText()).contains("新增与流失", "门店（部门）客户数", "员工客户数 TOP 10", "客户生命周期分布",
        "最近群发漏斗", "社群增长", "同步健康", "收件箱积压", "最近全量同步").doesNotContain("undefined", "null", "NaN");
    assertThat(browser.all(By.cssSelector("[data-test='ops-panel']"))).hasSize(1);
    assertThat(browser.all(By.cssSelector("[data-test='ops-parked'][href$='#/ops']"))).hasSize(1);
    browser.assertNoScriptErrors("dashboard (operator)");
    browser.screenshot("dashboard");
    scrollTo("card-stores");
    browser.screenshot("dashboard-charts");
    browser.script("window.scrollTo(0, document.body.scrollHeight);");
    browser.screenshot("dashboard-funnel-ops");

    // 近 90 天: the period in the cards and the chart titles, the same total
    browser.clickWhenReady(By.cssSelector("[data-test='period-90']"));
    browser.waitText("净增（近 90 天）");
    waitRendered();
    logRenderTime("operator, 90 天 (after the switch)");
    JsonNode kpi90 = matching(operator, 90, "net", "netPeriod");
    assertThat(card("net")).isEqualTo(kpi90.get("netPeriod").asLong());
    assertThat(browser.bodyText()).contains("新增与流失（近 90 天");
    assertEveryChartDrawn();
    browser.assertNoScriptErrors("dashboard 90 天");
  }

  @Test
  void aStoreManagerSeesTheirStoresCustomersAndNoCorpWideOperations() {
    Api manager = Api.as(base(), STORE_MANAGER, STORE_MANAGER_PASSWORD);
    long storeCustomers = manager.get("/api/corps/" + CORP + "/customers?size=1", 200).get("total").asLong();
    long corpCustomers = Api.as(base(), OPERATOR, OPERATOR_PASSWORD)
        .get("/api/corps/" + CORP + "/customers?size=1", 200).get("total").asLong();
    assertThat(storeCustomers).isPositive().isLessThan(corpCustomers);

    browser.login(STORE_MANAGER, STORE_MANAGER_PASSWORD);
    browser.open("/dashboard");
    waitRendered();
    logRenderTime("store manager, 30 天");
    JsonNode body = manager.get("/api/corps/" + CORP + "/dashboard?days=30", 200);
    assertThat(body.get("ops").isNull()).isTrue();
    assertThat(body.at("/customers/kpi/customers").asLong()).isEqualTo(storeCustomers);
    assertThat(card("customers")).isEqualTo(storeCustomers);
    assertThat(browser.all(By.cssSelector("[data-test='ops-panel']"))).isEmpty();
    assertThat(browser.bodyText()).doesNotContain("同步健康", "收件箱积压");
    assertEveryChartDrawn();
    browser.assertNoScriptErrors("dashboard (store manager)");
    browser.screenshot("dashboard-store-manager");
    scrollTo("card-stores");
    browser.screenshot("dashboard-store-manager-charts");
  }

  /**
   * The API's cards, fetched until the page's card {@code card} shows the same {@code field} (the demo corp may still
   * change between the page's read and ours: then the page is refreshed once more).
   */
  private JsonNode matching(Api api, int days, String card, String field) {
    JsonNode kpi = null;
    for (int attempt = 0; attempt < 5; attempt++) {
      kpi = api.get("/api/corps/" + CORP + "/dashboard?days=" + days, 200).at("/customers/kpi");
      if (card(card) == kpi.get(field).asLong()) {
        return kpi;
      }
      browser.clickWhenReady(By.cssSelector("[data-test='refresh']"));
      waitRendered();
    }
    return kpi;
  }

  private void scrollTo(String card) {
    browser.script("arguments[0].scrollIntoView();", browser.driver().findElement(By.cssSelector(
        "[data-test='" + card + "']")));
  }

  private void waitRendered() {
    ConsoleBrowser.patiently(browser.driver(), Duration.ofSeconds(30)).withMessage("every chart of the dashboard drawn")
        .until(d -> !d.findElements(By.cssSelector("[data-test='dashboard'][data-rendered='true']")).isEmpty()
            && d.findElements(By.cssSelector("[data-test='refresh'].ant-btn-loading")).isEmpty());
  }

  private void assertEveryChartDrawn() {
    List<WebElement> charts = browser.all(By.cssSelector("[data-test='dashboard'] .echart"));
    assertThat(charts).as("chart containers").isNotEmpty();
    for (WebElement chart : charts) {
      assertThat(chart.findElements(By.tagName("canvas"))).as("canvas in " + chart.getAttribute("data-test"))
          .isNotEmpty();
    }
  }

  /** A card's number as shown (zh-CN grouping: 12,345). */
  private long card(String key) {
    String text = browser.driver().findElement(By.cssSelector("[data-test='kpi-" + key + "'] .ant-statistic-content"))
        .getText().replace(",", "").trim();
    return Long.parseLong(text);
  }

  private void logRenderTime(String what) {
    Object at = browser.script("return window.__dashboardRenderedAt;");
    Object load = browser.script("return window.__dashboardLoadMs;");
    Object apiMs = browser.script("return window.__dashboardApiMs;");
    System.out.printf("dashboard render (%s): %s ms from navigation start, %s ms from the page's start, API %s ms%n",
        what, round(at), round(load), round(apiMs));
  }

  private static String round(Object ms) {
    return ms instanceof Number n ? String.valueOf(Math.round(n.doubleValue())) : String.valueOf(ms);
  }
}
