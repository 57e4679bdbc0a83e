package io.wescrm.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;
import io.wescrm.web.testing.Api;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The acquisition and community pages in a real browser: 渠道活码 created through its drawer with a welcome message
 * holding an inserted variable (stored as the API's {@code {{customer_name}}}), listed, its stats chart opened and
 * deleted; 客户群 with the API's total and a group's members; 员工与继承 with the API's staff total and the transfers
 * tab; 群活码 created through its drawer and the welcome templates tab; and the store manager's lists equal the
 * API's answers to that account (store A only), with no corp-wide controls.
 */
class ConsoleAcquisitionIT extends ConsoleTestBase {

  private static final Duration WAIT = Duration.ofSeconds(20);

  private String path(String p) {
    return "/api/corps/" + CORP + p;
  }

  private WebElement byTest(String hook) {
    return browser.waitVisible(By.cssSelector("[data-test='" + hook + "']"));
  }

  /** Opens the a-select inside {@code container}, types {@code text} and picks the option whose label holds it. */
  private void pick(WebElement container, String text) {
    container.findElement(By.cssSelector(".ant-select-selector")).click();
    WebElement input = container.findElement(By.cssSelector("input.ant-select-selection-search-input"));
    input.sendKeys(text);
    ConsoleBrowser.patiently(browser.driver(), WAIT).withMessage("an option " + text).until(d -> {
      for (WebElement o : d.findElements(By.cssSelector(".ant-select-dropdown .ant-select-item-option"))) {
        if (o.isDisplayed() && o.getText().contains(text)) {
          o.click();
          return true;
        }
      }
      return false;
    });
    // close a multiple select's dropdown by clicking the drawer's title (Escape would close the drawer)
    for (WebElement title : browser.all(By.cssSelector(".ant-drawer-title"))) {
      if (title.isDisplayed()) {
        title.click();
      }
    }
  }

  @Test
  void anOperatorCreatesAContactWayWithAWelcomeVariableSeesItsStatsAndDeletesIt() {
    browser.login(OPERATOR, OPERATOR_PASSWORD);
    browser.open("/contact-ways");
    browser.waitText("欢迎语 20 秒内送达率");
    browser.waitLoaded();
    browser.assertNoScriptErrors("contact ways");

    String suffix = Long.toString(System.nanoTime(), 36);
    String name = "IT活码" + suffix;
    String state = "it_" + suffix;
    byTest("cw-create").click();
    byTest("cw-name").sendKeys(name);
    pick(byTest("cw-staff"), "caiyufeng01");
    WebElement stateInput = byTest("cw-state");
    stateInput.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
    stateInput.sendKeys(state);
    byTest("cw-channel").sendKeys("浏览器测试");
    WebElement text = byTest("welcome-text");
    text.click();
    text.sendKeys("您好");
    byTest("var-customer_name").click();
    byTest("welcome-text").sendKeys("，欢迎光临");
    // the preview renders the variable with the sample name
    assertThat(byTest("welcome-preview").getText()).isEqualTo("您好张小美，欢迎光临");
    browser.script("arguments[0].scrollIntoView({block: 'center'});", byTest("welcome-preview"));
    browser.screenshot("contact-ways-drawer");
    byTest("cw-save").click();
    browser.waitText("已创建");
    byTest("cw-row-" + state);
    assertThat(browser.bodyText()).contains(name, "浏览器测试", "蔡雨凤");

    JsonNode created = null;
    for (JsonNode way : api.get(path("/contact-ways"), 200)) {
      if (way.get("state").asText().equals(state)) {
        created = way;
      }
    }
    assertThat(created).as("the way in the API").isNotNull();
    assertThat(created.get("welcome").get("text").asText()).isEqualTo("您好{{customer_name}}，欢迎光临");
    assertThat(created.get("userids").get(0).asText()).isEqualTo("caiyufeng01");
    assertThat(created.get("qrCode").asText()).isNotBlank();
    long id = created.get("id").asLong();
    browser.waitLoaded();
    browser.screenshot("contact-ways");

    // edit: the drawer opens with the stored values (state fixed), a new channel is saved
    byTest("cw-edit-" + id).click();
    assertThat(byTest("cw-state").isEnabled()).isFalse();
    assertThat(byTest("welcome-text").getAttribute("value")).isEqualTo("您好{{customer_name}}，欢迎光临");
    WebElement channel = byTest("cw-channel");
    channel.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
    channel.sendKeys("浏览器测试二");
    byTest("cw-save").click();
    browser.waitText("活码已保存");
    browser.waitText("浏览器测试二");
    assertThat(api.get(path("/contact-ways/" + id), 200).get("channel").asText()).isEqualTo("浏览器测试二");

    // the QR code: its address as text and a download link, no external image loaded
    byTest("cw-qr-" + id).click();
    assertThat(byTest("cw-qr-url").getText()).contains(created.get("qrCode").asText());
    assertThat(byTest("cw-qr-download").getAttribute("href")).isEqualTo(created.get("qrCode").asText());
    closeModal();

    // its per-day stats: the chart is drawn, the totals are the API's
    byTest("cw-stats-" + id).click();
    byTest("cw-stats-chart");
    ConsoleBrowser.patiently(browser.driver(), WAIT).until(d -> !d.findElements(
        By.cssSelector("[data-test='cw-stats-chart'] canvas")).isEmpty());
    browser.waitText("7 日留存率");
    JsonNode stats = api.get(path("/contact-ways/" + id + "/stats"), 200);
    assertThat(byTest("cw-stats").getText()).contains("新增客户\n" + stats.get("adds").asLong());
    closeModal();
    // the demo's store way has adds: its chart for the picture
    long demoWay = api.get(path("/contact-ways"), 200).get(0).get("id").asLong();
    byTest("cw-stats-" + demoWay).click();
    byTest("cw-stats-chart");
    browser.waitLoaded();
    long demoAdds = api.get(path("/contact-ways/" + demoWay + "/stats"), 200).get("adds").asLong();
    waitTestText("cw-stats", "新增客户\n" + demoAdds);
    browser.screenshot("contact-ways-stats");
    closeModal();

    // delete with a confirmation
    byTest("cw-delete-" + id).click();
    ConsoleBrowser.patiently(browser.driver(), WAIT).until(d -> {
      for (WebElement b : d.findElements(By.cssSelector(".ant-popover .ant-btn-primary"))) {
        if (b.isDisplayed()) {
          b.click();
          return true;
        }
      }
      return false;
    });
    browser.waitText("活码已删除");
    assertThat(api.get(path("/contact-ways/" + id), 200).get("deletedAt").isNull()).isFalse();
    browser.assertNoScriptErrors("contact ways after create, stats and delete");
  }

  @Test
  void theGroupsListHasTheApisTotalAndAGroupShowsItsMembers() {
    browser.login(OPERATOR, OPERATOR_PASSWORD);
    Api operator = Api.session(base(), OPERATOR, OPERATOR_PASSWORD);
    long total = operator.get(path("/groups?size=1"), 200).get("total").asLong();
    assertThat(total).isPositive();
    browser.open("/groups");
    browser.waitText("社群增长");
    browser.waitLoaded();
    waitTestText("groups-total", "共 " + total + " 个群");
    browser.waitText("群成员数（期末）");
    browser.screenshot("groups");
    browser.assertNoScriptErrors("groups");

    JsonNode first = operator.get(path("/groups?size=20"), 200).get("items").get(0);
    String groupName = first.get("name").asText();
    browser.driver().findElements(By.cssSelector("a.group-link")).stream()
        .filter(a -> a.getText().equals(groupName)).findFirst().orElseThrow().click();
    browser.waitText("外部联系人");
    browser.waitLoaded();
    JsonNode detail = operator.get(path("/groups/" + first.get("chatId").asText()), 200);
    long customers = 0;
    for (JsonNode m : detail.get("members")) {
      if (m.get("type").asInt() == 2 && m.get("leftAt").isNull()) {
        customers++;
      }
    }
    assertThat(byTest("group-customers").getText()).isEqualTo(Long.toString(customers));
    assertThat(browser.bodyText()).contains(groupName, "企业成员", "入群方式");
    browser.screenshot("group-detail");
    browser.assertNoScriptErrors("group detail");
  }

  @Test
  void theStaffPageListsTheStaffAndShowsTheTransfers() {
    browser.login(OPERATOR, OPERATOR_PASSWORD);
    long total = Api.session(base(), OPERATOR, OPERATOR_PASSWORD).get(path("/staff?size=1"), 200).get("total").asLong();
    browser.open("/staff");
    browser.waitLoaded();
    waitTestText("staff-total", "共 " + total + " 名员工");
    assertThat(browser.bodyText()).contains("客户联系", "已激活", "上海南京西路店");
    browser.screenshot("staff");
    browser.click("在职继承 / 离职继承");
    browser.waitText("转接记录");
    byTest("transfer-form");
    assertThat(browser.bodyText()).contains("原跟进员工", "接替员工", "提交转接");
    browser.screenshot("staff-transfers");

    // 在职继承 of one customer: the handover's customers are listed, one is ticked, WeCom's answer is shown in Chinese
    WebElement form = byTest("transfer-form");
    List<WebElement> selects = form.findElements(By.cssSelector(".ant-select"));
    pick(selects.get(0), "caiyufeng01");
    ConsoleBrowser.patiently(browser.driver(), WAIT).until(d -> !d.findElements(
        By.cssSelector("[data-test='transfer-candidates'] tbody .ant-checkbox-input")).isEmpty());
    browser.waitLoaded();
    WebElement row = browser.driver().findElements(By.cssSelector("[data-test='transfer-candidates'] tbody tr.ant-table-row"))
        .get(0);
    String customer = row.getAttribute("data-row-key");
    row.findElement(By.cssSelector(".ant-checkbox-input")).click();
    pick(selects.get(1), "duxiu01");
    browser.waitText("已选 1 / 100");
    byTest("transfer-submit").click();
    browser.waitText("本次提交：");
    JsonNode rows = api.get(path("/transfers?externalUserId=" + customer), 200);
    assertThat(rows.size()).isPositive();
    String status = rows.get(0).get("status").asText();
    String label = switch (status) {
      case "WAITING" -> "等待接替";
      case "REJECTED" -> "企业微信未受理";
      default -> throw new AssertionError("a fresh transfer is " + status);
    };
    waitTestText("transfer-table", label);
    browser.script("arguments[0].scrollIntoView({block: 'start'});", browser.driver().findElement(By.xpath(
        "//*[contains(text(), '本次提交：')]")));
    browser.screenshot("staff-transfer-submitted");
    browser.assertNoScriptErrors("staff transfer");
    browser.click("离职待分配");
    browser.waitText("离职员工");
    browser.click("客户群继承");
    browser.waitText("转交客户群");
    browser.assertNoScriptErrors("staff");
  }

  @Test
  void anOperatorCreatesAJoinWayAndSeesTheWelcomeTemplates() {
    browser.login(OPERATOR, OPERATOR_PASSWORD);
    JsonNode group = Api.session(base(), OPERATOR, OPERATOR_PASSWORD).get(path("/groups?size=1"), 200)
        .get("items").get(0);
    browser.open("/join-ways");
    browser.waitLoaded();
    String suffix = Long.toString(System.nanoTime(), 36);
    String name = "IT群活码" + suffix;
    byTest("jw-create").click();
    byTest("jw-name").sendKeys(name);
    WebElement chats = byTest("jw-chats");
    pick(chats.findElement(By.xpath("./ancestor-or-self::*[contains(@class,'ant-select')][1]")),
        group.get("name").asText());
    browser.driver().findElement(By.cssSelector(".ant-drawer input[maxlength='40']")).sendKeys("IT福利群");
    byTest("jw-save").click();
    browser.waitText("群活码已创建");
    browser.waitText(name);
    boolean found = false;
    for (JsonNode w : api.get(path("/join-ways"), 200)) {
      if (w.get("way").get("name").asText().equals(name)) {
        found = true;
        assertThat(w.get("way").get("chatIds").get(0).asText()).isEqualTo(group.get("chatId").asText());
      }
    }
    assertThat(found).as("the join way in the API").isTrue();
    browser.screenshot("join-ways");
    browser.click("入群欢迎语");
    browser.waitText("%NICKNAME%");
    browser.assertNoScriptErrors("join ways");
  }

  @Test
  void aStoreManagerSeesOnlyTheirStoresGroupsAndStaff() {
    Api manager = Api.session(base(), STORE_MANAGER, STORE_MANAGER_PASSWORD);
    JsonNode groups = manager.get(path("/groups?page=1&size=20"), 200);
    long allGroups = Api.session(base(), OPERATOR, OPERATOR_PASSWORD).get(path("/groups?size=1"), 200)
        .get("total").asLong();
    assertThat(groups.get("total").asLong()).isLessThan(allGroups);
    browser.login(STORE_MANAGER, STORE_MANAGER_PASSWORD);
    browser.open("/groups");
    browser.waitLoaded();
    waitTestText("groups-total", "共 " + groups.get("total").asLong() + " 个群");
    List<String> expected = new ArrayList<>();
    groups.get("items").forEach(g -> expected.add(g.get("name").asText()));
    List<String> shown = browser.driver().findElements(By.cssSelector("a.group-link")).stream()
        .map(WebElement::getText).toList();
    assertThat(shown).containsExactlyInAnyOrderElementsOf(expected);
    browser.assertNoScriptErrors("store manager groups");

    JsonNode staff = manager.get(path("/staff?page=1&size=20"), 200);
    browser.open("/staff");
    browser.waitLoaded();
    waitTestText("staff-total", "共 " + staff.get("total").asLong() + " 名员工");
    for (JsonNode s : staff.get("items")) {
      browser.waitText(s.get("userid").asText());
    }
    assertThat(browser.bodyText()).doesNotContain("杭州湖滨银泰店", "北京三里屯店");
    // no corp-wide tab, no transfer form for a store manager
    assertThat(browser.all(By.xpath("//*[@role='tab' and normalize-space(.)='离职待分配']"))).isEmpty();
    browser.click("在职继承 / 离职继承");
    browser.waitText("转接记录");
    assertThat(browser.all(By.cssSelector("[data-test='transfer-form']"))).isEmpty();
    browser.assertNoScriptErrors("store manager staff");

    browser.open("/contact-ways");
    browser.waitText("欢迎语 20 秒内送达率");
    browser.waitLoaded();
    assertThat(browser.all(By.cssSelector("[data-test='cw-create']"))).isEmpty();
    browser.assertNoScriptErrors("store manager contact ways");
    browser.open("/join-ways");
    browser.waitLoaded();
    assertThat(browser.all(By.cssSelector("[data-test='jw-create']"))).isEmpty();
    browser.assertNoScriptErrors("store manager join ways");
  }

  private void closeModal() {
    ConsoleBrowser.patiently(browser.driver(), WAIT).until(d -> {
      for (WebElement b : d.findElements(By.cssSelector(".ant-modal-close"))) {
        if (b.isDisplayed()) {
          b.click();
          return true;
        }
      }
      return false;
    });
    ConsoleBrowser.patiently(browser.driver(), WAIT).until(d -> d.findElements(By.cssSelector(".ant-modal-close")).stream()
        .noneMatch(WebElement::isDisplayed));
  }

  private void waitTestText(String hook, String text) {
    ConsoleBrowser.patiently(browser.driver(), WAIT).withMessage(() -> hook + " says \"" + text + "\"; page says: "
        + browser.bodyText().substring(0, Math.min(600, browser.bodyText().length())))
        .until(d -> d.findElements(By.cssSelector("[data-test='" + hook + "']")).stream()
            .anyMatch(e -> e.getText().contains(text)));
  }
}
