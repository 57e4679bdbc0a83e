package io.wescrm.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.wescrm.core.inbox.Inbox;
import io.wescrm.core.inbox.InboxEvent;
import io.wescrm.web.testing.Api;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The pages 回调与同步, 设置 and 朋友圈 in a real browser: the inbox and sync runs agree with the API, a parked event
 * is discarded and a full sync started through the page; an account and a token are made through the forms (the
 * secret shown once), the token revoked, and the audit log lists those actions under the admin's name; the demo's
 * moments are listed and their interactions opened; an operator has no 账号 or 审计日志 tab.
 */
class ConsoleOpsIT extends ConsoleTestBase {

  private static final String C = "/api/corps/" + CORP;

  @Autowired
  Inbox inbox;

  @Test
  void opsShowsTheInboxAndSyncRunsOfTheApiDiscardsAParkedEventAndStartsASync() {
    // an event this server does not know: the applier parks it (never dropped)
    String key = String.format("%064x", ThreadLocalRandom.current().nextLong(Long.MAX_VALUE));
    inbox.store(List.of(new InboxEvent(CORP, key, "change_future_thing", "whatever", "console-ops-it", Instant.now(),
        Map.of("Event", "change_future_thing"), "<xml><ToUserName><![CDATA[" + CORP + "]]></ToUserName>"
            + "<Event><![CDATA[change_future_thing]]></Event><ChangeType>whatever</ChangeType></xml>")),
        Instant.now());
    Api.await(20_000, () -> api.get(C + "/inbox/events?status=PARKED&event=change_future_thing", 200)
        .path("total").asLong() >= 1, "the unknown event parked");

    browser.login(ADMIN, ADMIN_PASSWORD);
    browser.open("/ops");
    browser.waitVisible(By.cssSelector("[data-test='inbox-table']"));
    settle();
    // the inbox's total is the API's (events may keep arriving: compare after a refresh until they agree)
    waitUntil("the inbox total of the API", () -> {
      long total = api.get(C + "/inbox/events?size=1", 200).path("total").asLong();
      if (browser.bodyText().contains("共 " + total + " 条")) {
        return true;
      }
      clickCss("[data-test='ops-refresh']");
      return false;
    });
    long parked = api.get(C + "/inbox", 200).path("parked").asLong();
    assertThat(parked).isPositive();
    assertThat(browser.driver().findElement(By.cssSelector("[data-test='card-parked']")).getText())
        .contains(String.valueOf(parked));

    // one event's detail: the decrypted payload as indented XML, not escaped text
    browser.click("详情");
    WebElement payload = browser.waitVisible(By.cssSelector("[data-test='event-payload']"));
    assertThat(payload.getText()).startsWith("<xml>").contains("\n  <");
    shot("ops-event");
    browser.assertNoScriptErrors("ops: an event");
    closeDrawer();

    // 异常事件: the parked event is discarded with a reason
    clickTab("异常事件");
    browser.waitText("change_future_thing");
    WebElement row = rowWith("[data-test='parked-table']", "change_future_thing");
    row.findElement(By.cssSelector("[data-test='parked-discard']")).click();
    browser.waitVisible(By.cssSelector("[data-test='discard-reason']")).sendKeys("控制台测试：未知事件类型");
    clickCss(".ant-modal-wrap:not([style*='display: none']) .ant-modal-footer .ant-btn-primary");
    browser.waitText("事件已放弃");
    browser.assertNoScriptErrors("ops: discard");
    Api.await(10_000, () -> api.get(C + "/inbox/events?status=DISCARDED&event=change_future_thing", 200)
        .path("total").asLong() >= 1, "the event discarded");

    // 同步记录: the API's runs; a new full sync appears
    browser.click("同步记录");
    Api.await(180_000, () -> api.get(C + "/sync-runs?limit=50", 200).valueStream()
        .noneMatch(r -> r.path("status").asString().equals("RUNNING")), "no run in progress");
    clickCss("[data-test='ops-refresh']");
    settle();
    JsonNode runs = api.get(C + "/sync-runs?limit=50", 200);
    browser.waitText("共 " + runs.size() + " 条");
    browser.assertNoScriptErrors("ops: sync runs");
    long newest = runs.get(0).path("id").asLong();
    clickCss("[data-test='start-sync']");
    clickCss(".ant-modal-confirm .ant-modal-confirm-btns .ant-btn-primary");
    Api.await(20_000, () -> api.get(C + "/sync-runs?limit=1", 200).get(0).path("id").asLong() > newest,
        "a new run");
    browser.assertNoScriptErrors("ops: sync started");
    long started = api.get(C + "/sync-runs?limit=1", 200).get(0).path("id").asLong();
    WebElement runRow = rowWith("[data-test='runs-table']", String.valueOf(started));
    assertThat(runRow.getText()).contains("全量同步", "手动");
    browser.waitText("共 " + Math.min(50, runs.size() + 1) + " 条");
    // the run ends before the next test (a run in progress would refuse another class's sync)
    Api.await(180_000, () -> api.get(C + "/sync-runs?limit=1", 200).get(0).path("status").asString()
        .equals("SUCCEEDED"), "the started sync succeeded");

    browser.click("对账");
    browser.waitVisible(By.cssSelector("[data-test='recon-last']"));
    browser.assertNoScriptErrors("ops: reconciliation");
    browser.click("回调收件箱");
    settle();
    shot("ops");
    browser.assertNoScriptErrors("ops");
  }

  @Test
  void anAdminCreatesAnAccountAndATokenRevokesItAndTheAuditLogNamesThem() {
    browser.login(ADMIN, ADMIN_PASSWORD);
    browser.open("/settings");
    browser.waitVisible(By.cssSelector("[data-test='accounts-table']"));
    settle();

    // 账号: a new operator through the form (a password the rules refuse first, in Chinese next to the field)
    String username = "ops-it-" + Long.toString(System.nanoTime(), 36);
    clickCss("[data-test='account-create']");
    browser.waitVisible(By.id("account-username")).sendKeys(username);
    browser.driver().findElement(By.id("account-password")).sendKeys("short");
    clickCss(".ant-modal-wrap:not([style*='display: none']) .ant-modal-footer .ant-btn-primary");
    browser.waitText("密码至少需要 10 个字符");
    WebElement password = browser.driver().findElement(By.id("account-password"));
    password.sendKeys("-console-password-9");
    clickCss(".ant-modal-wrap:not([style*='display: none']) .ant-modal-footer .ant-btn-primary");
    browser.waitText("账号 " + username + " 已创建");
    WebElement accountRow = rowWith("[data-test='accounts-table']", username);
    assertThat(accountRow.getText()).contains("运营", "启用");
    JsonNode created = api.get("/api/accounts/" + username, 200);
    assertThat(created.path("role").asString()).isEqualTo("OPERATOR");
    assertThat(created.path("corps").get(0).asString()).isEqualTo(CORP);
    settle();
    shot("settings");

    // 我的令牌: the secret once, then revoked
    browser.click("我的令牌");
    String tokenName = "控制台测试令牌 " + username;
    clickCss("[data-test='token-create']");
    browser.waitVisible(By.id("token-name")).sendKeys(tokenName);
    clickCss(".ant-modal-wrap:not([style*='display: none']) .ant-modal-footer .ant-btn-primary");
    WebElement secret = browser.waitVisible(By.cssSelector("[data-test='token-secret']"));
    browser.waitText("令牌只显示这一次");
    String token = secret.getAttribute("value");
    assertThat(token).isNotBlank();
    assertThat(Api.bearer(base(), token).get("/api/auth/me", 200).path("username").asString()).isEqualTo(ADMIN);
    shot("settings-token");
    clickCss("[data-test='token-done']");
    WebElement tokenRow = rowWith("[data-test='tokens-table']", tokenName);
    assertThat(tokenRow.getText()).contains("有效").doesNotContain(token);
    tokenRow.findElement(By.cssSelector("[data-test='token-revoke']")).click();
    clickCss(".ant-popover:not(.ant-popover-hidden) .ant-btn-primary");
    browser.waitText("已吊销");
    Api.bearer(base(), token).get("/api/auth/me", 401);

    // 审计日志: those actions under the admin's name
    browser.click("审计日志");
    WebElement actor = browser.waitVisible(By.cssSelector("[data-test='audit-actor'] input, input[data-test='audit-actor']"));
    actor.sendKeys(ADMIN);
    clickCss("[data-test='audit-search']");
    waitUntil("the audit log lists the account and the token", () -> {
      String table = browser.driver().findElement(By.cssSelector("[data-test='audit-table']")).getText();
      return table.contains("POST /api/accounts") && table.contains("新建 账号")
          && table.contains("POST /api/auth/tokens") && table.contains("DELETE /api/auth/tokens/{id}");
    });
    WebElement accountEntry = rowMatching("[data-test='audit-table']",
        t -> t.contains("POST /api/accounts") && !t.contains("{username}"));
    assertThat(accountEntry.getText()).contains(ADMIN, "成功");
    accountEntry.findElement(By.cssSelector("[data-test='audit-detail']")).click();
    WebElement after = browser.waitVisible(By.cssSelector("[data-test='audit-after']"));
    assertThat(after.getText()).contains("\"username\": \"" + username + "\"");
    assertThat(browser.driver().findElement(By.cssSelector("[data-test='audit-before']")).getText()).contains("无");
    shot("settings-audit");
    closeDrawer();

    browser.click("关于");
    browser.waitText("安全模型");
    assertThat(browser.driver().findElement(By.cssSelector("[data-test='about-version']")).getText())
        .matches("\\d+\\.\\d+\\.\\d+.*");
    browser.assertNoScriptErrors("settings");
  }

  @Test
  void theMomentsPageListsTheDemosMomentsAndOpensTheirInteractions() {
    JsonNode page = api.get(C + "/moments?size=20", 200);
    assertThat(page.path("total").asLong()).as("the demo seeds moments").isPositive();
    JsonNode first = page.path("items").get(0);
    JsonNode detail = api.get(C + "/moments/" + first.path("momentId").asString(), 200);

    browser.login(ADMIN, ADMIN_PASSWORD);
    browser.open("/moments");
    browser.waitVisible(By.cssSelector("[data-test='moments-table']"));
    settle();
    browser.waitText("共 " + page.path("total").asLong() + " 条");
    String firstRow = browser.driver().findElement(By.cssSelector("[data-test='moments-table'] tbody tr.ant-table-row"))
        .getText();
    String text = first.path("text").asString("");
    assertThat(firstRow).contains(text.isEmpty() ? "（无文字）" : text.substring(0, Math.min(20, text.length())));
    browser.clickWhenReady(By.cssSelector("[data-test='moment-interactions']"));
    browser.waitText("客户互动（" + detail.path("interactions").size() + "）");
    settle();
    if (!detail.path("interactions").isEmpty()) {
      assertThat(browser.driver().findElement(By.cssSelector("[data-test='interactions-table']")).getText())
          .containsAnyOf("点赞", "评论");
    }
    shot("moments");
    closeDrawer();

    browser.click("发布任务");
    browser.waitVisible(By.cssSelector("[data-test='tasks-table']"));
    // a task through the form: text, every staff member, now; its progress opens
    String taskText = "控制台测试朋友圈 " + Long.toString(System.nanoTime(), 36);
    clickCss("[data-test='moment-task-create']");
    browser.waitVisible(By.id("task-text")).sendKeys("x");
    clickCss(".ant-modal-wrap:not([style*='display: none']) .ant-modal-footer .ant-btn-primary");
    browser.waitText("请选择发表的员工或门店");
    WebElement textArea = browser.driver().findElement(By.id("task-text"));
    textArea.clear();
    browser.script("const el = arguments[0]; el.value = arguments[1]; el.dispatchEvent(new Event('input'));",
        textArea, taskText);
    browser.clickWhenReady(By.xpath("//label[contains(., '全部员工（')]"));
    clickCss(".ant-modal-wrap:not([style*='display: none']) .ant-modal-footer .ant-btn-primary");
    browser.waitText("任务已创建");
    browser.waitText("发表进度");
    Api.await(10_000, () -> api.get(C + "/moment-tasks?limit=5", 200).valueStream()
        .anyMatch(t -> t.path("status").asString().equals("ACTIVE")), "the task listed");
    JsonNode task = api.get(C + "/moment-tasks?limit=1", 200).get(0);
    assertThat(api.get(C + "/moment-tasks/" + task.path("id").asLong(), 200).path("definition").path("text")
        .asString()).isEqualTo(taskText);
    browser.waitText(taskText);
    closeDrawer();
    browser.assertNoScriptErrors("moments: a task");
    browser.click("同步");
    browser.waitVisible(By.cssSelector("[data-test='moment-syncs-table']"));
    browser.waitText("启动时");
    browser.assertNoScriptErrors("moments");
  }

  @Test
  void anOperatorHasNoAccountsOrAuditTabsAndNoReplay() {
    browser.login(OPERATOR, OPERATOR_PASSWORD);
    browser.open("/settings");
    browser.waitText("我的令牌");
    settle();
    List<String> tabs = browser.all(By.cssSelector("[role='tab']")).stream().map(WebElement::getText).toList();
    assertThat(tabs).contains("我的令牌", "关于").doesNotContain("账号", "审计日志");
    browser.assertNoScriptErrors("settings as operator");

    browser.open("/ops");
    browser.waitVisible(By.cssSelector("[data-test='inbox-table']"));
    settle();
    clickTab("异常事件");
    browser.waitText("需要管理员权限");
    assertThat(browser.all(By.cssSelector("[data-test='parked-replay'], [data-test='parked-discard']"))).isEmpty();
    browser.click("同步记录");
    browser.waitVisible(By.cssSelector("[data-test='start-sync']"));
    browser.assertNoScriptErrors("ops as operator");

    browser.open("/moments");
    browser.waitVisible(By.cssSelector("[data-test='moments-table']"));
    settle();
    browser.assertNoScriptErrors("moments as operator");
  }

  /** The first visible row of a table that contains {@code text}. */
  private WebElement rowWith(String table, String text) {
    return rowMatching(table, t -> t.contains(text));
  }

  private WebElement rowMatching(String table, java.util.function.Predicate<String> wanted) {
    WebElement[] found = new WebElement[1];
    waitUntil("a matching row in " + table, () -> {
      for (WebElement row : browser.all(By.cssSelector(table + " tbody tr.ant-table-row"))) {
        if (row.isDisplayed() && wanted.test(row.getText())) {
          found[0] = row;
          return true;
        }
      }
      return false;
    });
    return found[0];
  }

  /** Clicks the first visible element matching {@code css} (Ant Design spaces two-character button labels). */
  private void clickCss(String css) {
    settle();
    waitUntil("a visible " + css, () -> {
      for (WebElement e : browser.all(By.cssSelector(css))) {
        if (e.isDisplayed() && e.isEnabled()) {
          e.click();
          return true;
        }
      }
      return false;
    });
  }

  /** Waits until no spinner spins and no animation runs (drawers and tabs slide in). */
  private void settle() {
    waitUntil("the page settled", () -> browser.all(By.cssSelector(".ant-spin-spinning, .boot")).stream()
        .noneMatch(WebElement::isDisplayed) && Boolean.TRUE.equals(browser.script(
            "return !document.getAnimations || document.getAnimations().filter(a => a.playState === 'running'"
            + " && isFinite(a.effect && a.effect.getComputedTiming().endTime)).length === 0;")));
  }

  private void shot(String name) {
    settle();
    browser.screenshot(name);
  }

  /** Clicks a tab whose label starts with {@code text} (a tab may carry a count badge). */
  private void clickTab(String text) {
    waitUntil("the tab " + text, () -> {
      for (WebElement e : browser.all(By.xpath("//*[@role='tab' and starts-with(normalize-space(.), '" + text + "')]"))) {
        if (e.isDisplayed()) {
          e.click();
          return true;
        }
      }
      return false;
    });
  }

  private void closeDrawer() {
    clickCss(".ant-drawer-close");
    waitUntil("the drawer closed", () -> browser.all(By.cssSelector(".ant-drawer-close")).stream()
        .noneMatch(WebElement::isDisplayed));
  }

  private void waitUntil(String what, java.util.function.BooleanSupplier check) {
    ConsoleBrowser.patiently(browser.driver(), Duration.ofSeconds(20)).withMessage(what)
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .ignoring(org.openqa.selenium.ElementClickInterceptedException.class)
        .until(d -> check.getAsBoolean());
  }
}
