package io.wescrm.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.wescrm.web.testing.Api;
import java.text.NumberFormat;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/**
 * 标签与规则 in a real browser: an operator builds a rule by clicking (tag 黑金会员 hasAny → add a new tag), sees the
 * live count the API's preview gives for the same tree, saves it, edits it into a second version, explains it for a
 * customer and switches it off in the list; the tag library shows the demo's groups, an operator creates a group and
 * an admin deletes it; a store manager sees no edit controls.
 */
class ConsoleRulesIT extends ConsoleTestBase {

  private static final String CORP_PATH = "/api/corps/" + CORP;

  @Test
  void anOperatorBuildsARuleByClickingAndSeesTheLiveCountOfTheApi() {
    String suffix = UUID.randomUUID().toString().substring(0, 6);
    String vip = tagId("黑金会员");
    String newTagName = "高价值" + suffix;
    JsonNode created = api.post(CORP_PATH + "/tags", Api.JSON.writeValueAsString(Map.of("groupName", "规则测试" + suffix,
        "tags", List.of(Map.of("name", newTagName)))), 201);
    String newTag = created.get("tags").get(0).get("tagId").asString();
    String ruleName = "黑金会员打高价值 " + suffix;

    browser.login(OPERATOR, OPERATOR_PASSWORD);
    browser.open("/rules/new");
    browser.waitVisible(By.cssSelector("[data-test=cb-field]"));
    browser.waitLoaded();
    browser.waitVisible(By.cssSelector("input[data-test=rule-name]")).sendKeys(ruleName);
    pick("[data-test=cb-field]", "企业标签", "企业标签");
    pick("[data-test=cb-value] .ant-select", "黑金会员", "黑金");
    pick("[data-test=action-tags]", newTagName, newTagName);
    browser.clickWhenReady(By.xpath("//label[contains(., '创建后立即启用')]"));

    // the live count is the API's preview of the same tree
    String tree = "{\"all\": [{\"field\": \"tags\", \"op\": \"hasAny\", \"values\": [\"" + vip + "\"]}]}";
    long expected = api.post(CORP_PATH + "/rules/preview?sample=10", "{\"condition\": " + tree + "}", 200)
        .get("count").asLong();
    assertThat(expected).isPositive();
    String shown = NumberFormat.getIntegerInstance(Locale.SIMPLIFIED_CHINESE).format(expected);
    waitUntil(() -> String.valueOf(expected).equals(attr("[data-test=preview-count]", "data-count")),
        "the live count " + expected);
    browser.waitText("约 " + shown + " 位客户");
    assertThat(browser.all(By.cssSelector("[data-test=preview-sample] a"))).hasSize((int) Math.min(10, expected));
    browser.script("window.scrollTo(0, 0)");
    browser.screenshot("rule-edit");
    browser.assertNoScriptErrors("rule builder");

    browser.click("创建规则");
    browser.waitText("已创建规则");
    waitUntil(() -> browser.driver().getCurrentUrl().matches(".*#/rules/\\d+$"), "the rule's own page");
    long id = Long.parseLong(browser.driver().getCurrentUrl().replaceAll(".*#/rules/", ""));
    JsonNode rule = api.get(CORP_PATH + "/rules/" + id, 200);
    assertThat(rule.get("name").asString()).isEqualTo(ruleName);
    assertThat(rule.get("enabled").asBoolean()).isTrue();
    assertThat(rule.get("condition")).isEqualTo(Api.JSON.readTree(tree));
    assertThat(rule.get("actions").get(0).get("type").asString()).isEqualTo("addTags");
    assertThat(rule.get("actions").get(0).get("tags").get(0).asString()).isEqualTo(newTag);

    // a second condition (性别 等于 女): a new version
    browser.waitLoaded();
    browser.clickWhenReady(By.cssSelector("[data-test=cb-add-leaf]"));
    pick("[data-test=cb-field]", "性别", "性别");
    pick("[data-test=cb-value] .ant-select", "女", null);
    browser.clickWhenReady(By.cssSelector("[data-test=rule-save]"));
    browser.waitText("已保存为新版本 v2");
    rule = api.get(CORP_PATH + "/rules/" + id, 200);
    assertThat(rule.get("version").asInt()).isEqualTo(2);
    assertThat(rule.get("condition")).isEqualTo(Api.JSON.readTree("{\"all\": [{\"field\": \"tags\", \"op\": \"hasAny\","
        + " \"values\": [\"" + vip + "\"]}, {\"field\": \"gender\", \"op\": \"eq\", \"value\": 2}]}"));

    browser.click("版本历史");
    waitUntil(() -> browser.all(By.cssSelector("[data-test=rule-version]")).size() == 2, "two versions");
    browser.waitText("初始版本");
    browser.waitText("条件已修改");
    assertThat(browser.bodyText()).contains("性别 等于 女", "黑金会员", "添加标签 " + newTagName, OPERATOR);

    browser.click("解释：某位客户为何命中");
    WebElement customer = browser.waitVisible(By.cssSelector("[data-test=explain-customer]"));
    customer.findElement(By.cssSelector(".ant-select-selector")).click();
    visibleOption(null, ConsoleBrowser.WAIT).click();
    browser.clickWhenReady(By.cssSelector("[data-test=explain-run]"));
    browser.waitVisible(By.cssSelector("[data-test=explain-result]"));
    assertThat(browser.bodyText()).containsAnyOf("命中此规则", "未命中此规则");
    assertThat(browser.bodyText()).contains("全部满足", "企业标签 包含任一 黑金会员");
    browser.assertNoScriptErrors("versions and explain");

    // the list: the rule, its switch off
    browser.open("/rules");
    browser.waitText(ruleName);
    browser.waitLoaded();
    WebElement row = browser.driver().findElement(By.xpath("//tr[.//a[normalize-space(.)='" + ruleName + "']]"));
    assertThat(row.getText()).contains("添加标签 " + newTagName, "v2");
    row.findElement(By.cssSelector("[data-test=rule-switch]")).click();
    browser.waitText("已停用“" + ruleName + "”");
    assertThat(api.get(CORP_PATH + "/rules/" + id, 200).get("enabled").asBoolean()).isFalse();
    waitUntil(() -> browser.all(By.cssSelector("[data-test=rule-count]")).stream()
        .noneMatch(e -> e.getText().equals("…")), "every rule's count");
    browser.script("window.scrollTo(0, 0)");
    browser.screenshot("rules");
    browser.assertNoScriptErrors("rules list");

    api.delete(CORP_PATH + "/rules/" + id, 204);
    api.delete(CORP_PATH + "/tag-groups/" + created.get("groupId").asString(), 204);
  }

  @Test
  void theTagLibraryShowsTheDemoGroupsAnOperatorCreatesAGroupAndAnAdminDeletesIt() {
    String suffix = UUID.randomUUID().toString().substring(0, 6);
    String group = "测试标签组" + suffix;
    browser.login(OPERATOR, OPERATOR_PASSWORD);
    browser.open("/tags");
    browser.waitVisible(By.cssSelector("[data-test=tag-group]"));
    for (JsonNode g : api.get(CORP_PATH + "/tags", 200)) {
      browser.waitText(g.get("name").asString());
    }
    assertThat(browser.bodyText()).contains("会员等级", "黑金会员", "双向同步");
    assertThat(browser.all(By.cssSelector("[data-test=group-delete]"))).isEmpty();

    browser.clickWhenReady(By.cssSelector("[data-test=tags-new-group]"));
    browser.waitVisible(By.cssSelector("input[data-test=tag-group-name]")).sendKeys(group);
    WebElement names = browser.driver().findElement(By.cssSelector("[data-test=tag-names] input"));
    names.sendKeys("甲" + suffix, Keys.ENTER);
    names.sendKeys("乙" + suffix, Keys.ENTER);
    browser.click("创建并同步到企业微信");
    browser.waitText("已创建 2 个标签");
    browser.waitText(group);
    JsonNode made = null;
    for (JsonNode g : api.get(CORP_PATH + "/tags", 200)) {
      if (g.get("name").asString().equals(group)) {
        made = g;
      }
    }
    assertThat(made).isNotNull();
    assertThat(made.get("tags")).hasSize(2);
    browser.script("window.scrollTo(0, 0)");
    browser.screenshot("tags");
    browser.assertNoScriptErrors("tags as operator");

    browser.login(ADMIN, ADMIN_PASSWORD);
    browser.open("/tags");
    WebElement card = browser.waitVisible(By.cssSelector("[data-test=tag-group][data-group='" + group + "']"));
    card.findElement(By.cssSelector("[data-test=group-delete]")).click();
    browser.waitText("无法撤销");
    browser.click("确认删除");
    browser.waitText("已删除");
    String groupId = made.get("groupId").asString();
    waitUntil(() -> {
      for (JsonNode g : api.get(CORP_PATH + "/tags", 200)) {
        if (g.get("groupId").asString().equals(groupId)) {
          return false;
        }
      }
      return true;
    }, "the group deleted");
    browser.assertNoScriptErrors("tags as admin");
  }

  @Test
  void aStoreManagerSeesRulesAndTagsWithoutEditControls() {
    long preset = api.get(CORP_PATH + "/rules", 200).get(0).get("id").asLong();
    browser.login(STORE_MANAGER, STORE_MANAGER_PASSWORD);
    browser.open("/rules");
    browser.waitVisible(By.cssSelector("[data-test=rule-link]"));
    browser.waitLoaded();
    assertThat(browser.all(By.cssSelector("[data-test=rules-new]"))).isEmpty();
    assertThat(browser.all(By.cssSelector("[data-test=rule-switch]"))).isEmpty();
    assertThat(browser.all(By.cssSelector("[data-test=rule-delete]"))).isEmpty();
    assertThat(browser.all(By.cssSelector("[data-test=rules-run]"))).isEmpty();

    browser.open("/rules/" + preset);
    browser.waitVisible(By.cssSelector("[data-test=cb-group]"));
    browser.waitVisible(By.cssSelector("[data-test=preview-count]"));
    assertThat(browser.all(By.cssSelector("[data-test=rule-save]"))).isEmpty();
    assertThat(browser.all(By.cssSelector("[data-test=cb-add-leaf]"))).isEmpty();
    assertThat(browser.all(By.cssSelector("[data-test=rule-edit-switch]"))).isEmpty();

    browser.open("/tags");
    browser.waitVisible(By.cssSelector("[data-test=tag-group]"));
    assertThat(browser.all(By.cssSelector("[data-test=tags-new-group]"))).isEmpty();
    assertThat(browser.all(By.cssSelector("[data-test=tag-add]"))).isEmpty();
    assertThat(browser.all(By.cssSelector("[data-test=group-delete]"))).isEmpty();
    browser.assertNoScriptErrors("store manager");
  }

  @Test
  void theBuilderLoadsEveryTreeBackExactlyAndSavingUnchangedKeepsTheVersion() {
    String tree = "{\"any\": [{\"sameFollow\": [{\"field\": \"follow.state\", \"op\": \"contains\", \"value\": "
        + "\"store_\"}, {\"field\": \"follow.addedAt\", \"op\": \"withinDays\", \"value\": 30}]}, {\"not\": {\"all\": "
        + "[{\"field\": \"gender\", \"op\": \"in\", \"values\": [1, 2]}, {\"field\": \"moment.likes\", \"op\": \"gte\", "
        + "\"value\": 2, \"days\": 30}]}}, {\"field\": \"lifecycleStage\", \"op\": \"isEmpty\"}]}";
    String name = "嵌套条件 " + UUID.randomUUID().toString().substring(0, 6);
    long id = api.post(CORP_PATH + "/rules", "{\"name\": \"" + name + "\", \"condition\": " + tree
        + ", \"actions\": [{\"type\": \"setStage\", \"stage\": \"growing\"}]}", 201).get("id").asLong();

    browser.login(OPERATOR, OPERATOR_PASSWORD);
    browser.open("/rules/" + id);
    browser.waitVisible(By.cssSelector("[data-test=cb-group][data-kind=sameFollow]"));
    browser.waitVisible(By.cssSelector("[data-test=cb-group][data-kind=not]"));
    browser.waitVisible(By.cssSelector("[data-test=preview-count]"));
    assertThat(browser.all(By.cssSelector("[data-test=cb-leaf]"))).hasSize(5);
    browser.clickWhenReady(By.cssSelector("[data-test=rule-save]"));
    browser.waitText("已保存");
    JsonNode saved = api.get(CORP_PATH + "/rules/" + id, 200);
    assertThat(saved.get("version").asInt()).isEqualTo(1);
    assertThat(saved.get("condition")).isEqualTo(Api.JSON.readTree(tree));

    // every rule of the corp (the lifecycle presets, the channel rules, this one) comes back as the API's JSON
    Object mismatches = ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeAsyncScript(
        "const done = arguments[arguments.length - 1];"
        + "import('/console/js/components/condition-builder.js').then(async (m) => {"
        + "  const fields = (await m.ruleFields()).fields;"
        + "  const rules = await (await fetch('" + CORP_PATH + "/rules')).json();"
        + "  done(rules.filter((r) => JSON.stringify(m.roundTrip(r.condition, fields)) !== JSON.stringify(r.condition))"
        + "    .map((r) => r.name + ': ' + JSON.stringify(r.condition)));"
        + "}).catch((e) => done(['error ' + e]));");
    assertThat((List<?>) mismatches).isEmpty();
    browser.assertNoScriptErrors("nested rule");
    api.delete(CORP_PATH + "/rules/" + id, 204);
  }

  // ------------------------------------------------------------------------------------------------ helpers

  private static final String OPEN_DROPDOWN =
      "//div[contains(@class,'ant-select-dropdown') and not(contains(@class,'ant-select-dropdown-hidden'))]";

  private String tagId(String name) {
    for (JsonNode g : api.get(CORP_PATH + "/tags", 200)) {
      for (JsonNode t : g.get("tags")) {
        if (t.get("name").asString().equals(name)) {
          return t.get("tagId").asString();
        }
      }
    }
    throw new AssertionError("no demo tag " + name);
  }

  private WebElement last(String css) {
    List<WebElement> found = ConsoleBrowser.patiently(browser.driver(), ConsoleBrowser.WAIT)
        .until(ExpectedConditions.visibilityOfAllElementsLocatedBy(By.cssSelector(css)));
    return found.get(found.size() - 1);
  }

  /**
   * Opens the last Ant Design select matching {@code css}, types to filter (if {@code typed}), clicks the option titled
   * {@code option}. Found again when the option does not show: a leaf's value select is replaced after its field
   * changed, and the select found a moment before may be the old one (a tag select has no option 女).
   */
  private void pick(String css, String option, String typed) {
    for (int attempt = 1; ; attempt++) {
      try {
        WebElement select = last(css);
        select.findElement(By.cssSelector(".ant-select-selector")).click();
        WebElement input = select.findElement(By.cssSelector("input"));
        if (typed != null) {
          input.sendKeys(typed);
        }
        visibleOption(option, attempt < 3 ? Duration.ofSeconds(10) : ConsoleBrowser.WAIT).click();
        input.sendKeys(Keys.ESCAPE);
        return;
      } catch (org.openqa.selenium.TimeoutException | org.openqa.selenium.StaleElementReferenceException e) {
        if (attempt >= 3) {
          throw e;
        }
        new org.openqa.selenium.interactions.Actions(browser.driver()).sendKeys(Keys.ESCAPE).perform();
      }
    }
  }

  /** The displayed option of the open dropdown titled {@code title} (any, when null). */
  private WebElement visibleOption(String title, Duration wait) {
    By by = By.xpath(OPEN_DROPDOWN + "//div[contains(@class,'ant-select-item-option')"
        + (title == null ? "" : " and @title='" + title + "'") + "]");
    return ConsoleBrowser.patiently(browser.driver(), wait).withMessage("an option " + title)
        .until(d -> d.findElements(by).stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
  }

  private String attr(String css, String name) {
    List<WebElement> found = browser.all(By.cssSelector(css));
    return found.isEmpty() ? null : found.get(0).getAttribute(name);
  }

  private void waitUntil(java.util.function.BooleanSupplier check, String what) {
    ConsoleBrowser.patiently(browser.driver(), ConsoleBrowser.WAIT).withMessage(what).until(d -> check.getAsBoolean());
  }
}
