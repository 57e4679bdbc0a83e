package io.wescrm.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.wescrm.web.testing.Api;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/**
 * 客户 and 客户详情 in a real browser: an operator filters by a tag and a store (the header's count is the API's
 * total for the same filter, and the address keeps the filters), opens a customer (relations, timeline) and the
 * explain drawer of a rule tag; store-sh01 sees exactly the API's customers of store A, every follower one of store
 * A's staff, masked remark mobiles, and another store's customer by address is refused in Chinese.
 */
class ConsoleCustomersIT extends ConsoleTestBase {

  static final Pattern COUNT = Pattern.compile("共 ([\\d,]+) 位客户");
  static final long STORE_A = 101;

  String c() {
    return "/api/corps/" + CORP;
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** The header's "共 N 位客户" once the table has loaded. */
  long shownTotal() {
    ConsoleBrowser.patiently(browser.driver(), Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class)
        .until(d -> COUNT.matcher(browser.bodyText()).find()
            && browser.all(By.cssSelector(".ant-spin-spinning")).isEmpty());
    Matcher m = COUNT.matcher(browser.bodyText());
    assertThat(m.find()).isTrue();
    return Long.parseLong(m.group(1).replace(",", ""));
  }

  /** Waits until no spinner spins (re-rendered elements are looked up again). */
  void settled() {
    ConsoleBrowser.patiently(browser.driver(), Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class)
        .withMessage("page still loading").until(d -> d.findElements(By.cssSelector(".ant-spin-spinning"))
            .stream().noneMatch(WebElement::isDisplayed));
  }

  /** Waits until the header shows {@code expected} (the filter's reload has arrived). */
  void waitTotal(long expected) {
    ConsoleBrowser.patiently(browser.driver(), Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class)
        .withMessage(() -> "共 " + expected + " 位客户; page says " + browser.bodyText().substring(0, 300))
        .until(d -> {
          Matcher m = COUNT.matcher(browser.bodyText());
          return m.find() && Long.parseLong(m.group(1).replace(",", "")) == expected
              && browser.all(By.cssSelector(".ant-spin-spinning")).isEmpty();
        });
  }

  /** Picks an option of an Ant Design select by typing its label and Enter. */
  void choose(String dataTest, String label) {
    choose(dataTest, label, true);
  }

  /** {@code escape}: close the dropdown with Escape (not in a modal: Escape closes the modal). */
  void choose(String dataTest, String label, boolean escape) {
    WebElement select = browser.waitVisible(By.cssSelector("[data-test='" + dataTest + "']"));
    select.click();
    WebElement input = select.findElement(By.cssSelector("input"));
    input.sendKeys(label);
    // an earlier select's closed dropdown keeps its options in the page: wait for a visible one
    ConsoleBrowser.patiently(browser.driver(), Duration.ofSeconds(20)).withMessage("an option " + label).until(d -> d
        .findElements(By.cssSelector(".ant-select-item-option-active")).stream().anyMatch(WebElement::isDisplayed));
    input.sendKeys(Keys.ENTER);
    if (escape) {
      input.sendKeys(Keys.ESCAPE);
    }
  }

  @Test
  void anOperatorFiltersByTagAndStoreAndTheCountIsTheApis() {
    Api operator = Api.session(base(), OPERATOR, OPERATOR_PASSWORD);
    // a tag that some of store A's customers have
    JsonNode someOfA = operator.get(c() + "/customers?size=50&department=" + STORE_A, 200).get("items");
    JsonNode tag = null;
    for (JsonNode x : someOfA) {
      if (!x.get("tags").isEmpty()) {
        tag = x.get("tags").get(0);
        break;
      }
    }
    assertThat(tag).as("a tagged customer of store A").isNotNull();
    String tagId = tag.get("tagId").asText();
    String storeName = null;
    for (JsonNode d : operator.get(c() + "/departments", 200)) {
      if (d.get("id").asLong() == STORE_A) {
        storeName = d.get("name").asText();
      }
    }
    assertThat(storeName).isNotNull();

    browser.login(OPERATOR, OPERATOR_PASSWORD);
    browser.open("/customers");
    long all = operator.get(c() + "/customers?size=1", 200).get("total").asLong();
    assertThat(shownTotal()).isEqualTo(all);
    assertThat(browser.all(By.cssSelector("[data-test='customer-link']"))).hasSize(20);
    browser.screenshot("customers");

    choose("filter-tag", tag.get("name").asText());
    long byTag = operator.get(c() + "/customers?size=1&tag=" + enc(tagId), 200).get("total").asLong();
    waitTotal(byTag);
    choose("filter-store", storeName);
    long byTagAndStore = operator.get(c() + "/customers?size=1&tag=" + enc(tagId) + "&department=" + STORE_A, 200)
        .get("total").asLong();
    assertThat(byTagAndStore).isPositive().isLessThanOrEqualTo(byTag);
    waitTotal(byTagAndStore);
    String url = browser.driver().getCurrentUrl();
    assertThat(url).contains("department=" + STORE_A).contains("tag=");
    // back goes to the tag-only filter, forward returns; a copied address keeps the filters
    browser.driver().navigate().back();
    waitTotal(byTag);
    browser.driver().navigate().forward();
    waitTotal(byTagAndStore);
    browser.open(url.substring(url.indexOf('#') + 1));
    waitTotal(byTagAndStore);
    browser.assertNoScriptErrors("customers filtered");

    // an empty result says what to do
    browser.open("/customers?keyword=" + enc("没有这样的客户-zz"));
    browser.waitText("没有符合条件的客户");
    browser.assertNoScriptErrors("customers empty");
  }

  @Test
  void aCustomersDetailShowsRelationsTimelineAndWhyARuleTagIsThere() {
    Api operator = Api.session(base(), OPERATOR, OPERATOR_PASSWORD);
    String withRuleTag = null;
    for (int page = 1; page <= 10 && withRuleTag == null; page++) {
      for (JsonNode x : operator.get(c() + "/customers?size=200&page=" + page, 200).get("items")) {
        for (JsonNode t : x.get("tags")) {
          if ("RULE".equals(t.get("source").asText()) && t.hasNonNull("sourceRef")) {
            withRuleTag = x.get("externalUserId").asText();
          }
        }
        if (withRuleTag != null) {
          break;
        }
      }
    }
    assertThat(withRuleTag).as("a customer with a rule's tag in the demo").isNotNull();
    JsonNode detail = operator.get(c() + "/customers/" + withRuleTag, 200);
    String staffName = detail.get("follows").get(0).get("staffName").asText();

    browser.login(OPERATOR, OPERATOR_PASSWORD);
    browser.open("/customers/" + withRuleTag);
    browser.waitText("跟进关系");
    settled();
    WebElement follows = browser.waitVisible(By.cssSelector("[data-test='follows']"));
    assertThat(follows.getText()).contains(staffName);
    browser.waitText("添加为好友");
    assertThat(browser.waitVisible(By.cssSelector("[data-test='timeline']")).getText()).contains("添加为好友");
    assertThat(browser.bodyText()).contains("来源归因", "欢迎语", "收到的群发", "朋友圈互动")
        .doesNotContain("undefined", "null", "NaN");
    browser.screenshot("customer-detail");
    browser.script("document.querySelector(\"[data-test='timeline']\").scrollIntoView();");
    browser.screenshot("customer-detail-timeline");

    browser.clickWhenReady(By.cssSelector("[data-test='why-tag']"));
    WebElement tree = browser.waitVisible(By.cssSelector("[data-test='explain-tree']"));
    assertThat(tree.getText()).containsAnyOf("满足", "不满足").doesNotContain("{\"field\"");
    assertThat(browser.waitVisible(By.cssSelector("[data-test='explain-rule-name']")).getText()).isNotBlank();
    browser.waitText("当前是否满足");
    browser.screenshot("customer-explain");
    browser.assertNoScriptErrors("customer detail");

    // an operator adds a tag the customer does not have: saved, and the timeline says who set it
    Set<String> has = new HashSet<>();
    detail.get("follows").forEach(f -> f.get("tags").forEach(t -> has.add(t.get("tagId").asText())));
    String newTag = null;
    for (JsonNode g : operator.get(c() + "/tags", 200)) {
      for (JsonNode t : g.get("tags")) {
        if (newTag == null && !has.contains(t.get("tagId").asText())) {
          newTag = t.get("name").asText();
        }
      }
    }
    assertThat(newTag).isNotNull();
    browser.clickWhenReady(By.cssSelector(".ant-drawer-close"));
    browser.clickWhenReady(By.cssSelector("[data-test='edit-tags']"));
    choose("add-tags", newTag, false);
    browser.clickWhenReady(By.cssSelector(".ant-modal-title"));
    browser.clickWhenReady(By.cssSelector(".ant-modal-footer .ant-btn-primary"));
    browser.waitText("标签已更新");
    ConsoleBrowser.patiently(browser.driver(), Duration.ofSeconds(20)).until(d -> browser.waitVisible(
        By.cssSelector("[data-test='timeline']")).getText().contains("运营手动（" + OPERATOR + "）"));
    browser.assertNoScriptErrors("customer tags edited");
  }

  @Test
  void aStoreManagerSeesStoreAOnlyMaskedAndIsRefusedAnotherStoresCustomer() {
    Api manager = Api.session(base(), STORE_MANAGER, STORE_MANAGER_PASSWORD);
    Api operator = Api.session(base(), OPERATOR, OPERATOR_PASSWORD);
    long total = manager.get(c() + "/customers?size=1", 200).get("total").asLong();
    Set<String> staffA = new HashSet<>();
    manager.get(c() + "/staff?size=200", 200).get("items").forEach(s -> staffA.add(s.get("userid").asText()));
    assertThat(staffA).isNotEmpty();

    browser.login(STORE_MANAGER, STORE_MANAGER_PASSWORD);
    browser.open("/customers");
    assertThat(shownTotal()).isEqualTo(total);
    List<WebElement> rows = browser.all(By.cssSelector("[data-followers]"));
    assertThat(rows).isNotEmpty();
    for (WebElement row : rows) {
      for (String userid : row.getAttribute("data-followers").split(",")) {
        assertThat(staffA).as("a follower shown to store-sh01").contains(userid);
      }
    }
    browser.screenshot("customers-store-manager");
    browser.assertNoScriptErrors("store manager's customers");

    // a customer of store A with a remark mobile: masked on the page
    String withMobile = null;
    outer:
    for (int page = 1; page <= 5; page++) {
      for (JsonNode x : manager.get(c() + "/customers?size=50&page=" + page, 200).get("items")) {
        for (JsonNode f : manager.get(c() + "/customers/" + x.get("externalUserId").asText(), 200).get("follows")) {
          if (f.has("remarkMobiles") && !f.get("remarkMobiles").isEmpty()) {
            withMobile = x.get("externalUserId").asText();
            break outer;
          }
        }
      }
    }
    if (withMobile != null) {
      browser.open("/customers/" + withMobile);
      browser.waitText("跟进关系");
      String mobiles = browser.waitVisible(By.cssSelector("[data-test='follows']")).getText();
      assertThat(mobiles).contains("****").doesNotContainPattern("1\\d{10}");
      browser.assertNoScriptErrors("store manager's customer");
    }

    // a customer no staff of store A follows, found through the operator's API
    String outside = null;
    for (int page = 1; page <= 10 && outside == null; page++) {
      for (JsonNode x : operator.get(c() + "/customers?size=200&page=" + page, 200).get("items")) {
        boolean ofA = false;
        for (JsonNode f : x.get("followers")) {
          ofA |= staffA.contains(f.asText());
        }
        if (!ofA) {
          outside = x.get("externalUserId").asText();
          break;
        }
      }
    }
    assertThat(outside).isNotNull();
    manager.get(c() + "/customers/" + outside, 404);
    browser.open("/customers/" + outside);
    browser.waitText("客户不存在或无权查看");
    assertThat(browser.waitVisible(By.cssSelector("[data-test='back']")).isDisplayed()).isTrue();
    browser.screenshot("customer-refused");
    browser.assertNoScriptErrors("another store's customer");
  }
}
