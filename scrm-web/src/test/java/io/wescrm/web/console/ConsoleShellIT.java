package io.wescrm.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The console's frame in a real browser: the login page (wrong password → a Chinese message, no frame), login,
 * every menu entry opens its page with no script error, the role decides the menu (a store manager has no
 * 回调与同步), logout, and a deep link before login comes back after it.
 */
class ConsoleShellIT extends ConsoleTestBase {

  /** Every route of the side menu (js/router.js MENU). */
  static final List<String> MENU_ROUTES = List.of("/dashboard", "/customers", "/tags", "/rules", "/campaigns",
      "/moments", "/contact-ways", "/groups", "/join-ways", "/staff", "/ops", "/settings");

  @Test
  void aWrongPasswordIsRefusedInChineseAndTheRightOneOpensTheConsole() {
    browser.driver().manage().deleteAllCookies();
    browser.open("/login");
    browser.waitVisible(By.id("login-username")).sendKeys(OPERATOR);
    browser.driver().findElement(By.id("login-password")).sendKeys("wrong-password");
    browser.clickWhenReady(By.id("login-submit"));
    browser.waitText("用户名或密码错误");
    assertThat(browser.all(By.cssSelector(".console-sider"))).isEmpty();
    browser.screenshot("login");

    browser.login(OPERATOR, OPERATOR_PASSWORD);
    browser.waitText("运营");
    assertThat(browser.bodyText()).contains("数据看板", "客户", "群发与SOP", "回调与同步", "operator");
    browser.assertNoScriptErrors("login");
  }

  @Test
  void everyMenuPageOpensWithoutScriptErrors() {
    browser.login(ADMIN, ADMIN_PASSWORD);
    for (String route : MENU_ROUTES) {
      browser.open(route);
      WebElement title = browser.waitVisible(By.cssSelector(".page-title"));
      assertThat(title.getText()).as(route).isNotBlank();
      browser.waitLoaded();
      browser.assertNoScriptErrors(route);
    }
    browser.open("/no-such-page");
    browser.waitText("页面不存在");
  }

  @Test
  void aStoreManagerHasNoCorpWideOperationsInTheMenu() {
    browser.login(STORE_MANAGER, STORE_MANAGER_PASSWORD);
    browser.waitText("店长");
    assertThat(browser.all(By.cssSelector("[data-path='/ops']"))).isEmpty();
    assertThat(browser.all(By.cssSelector("[data-path='/customers']"))).isNotEmpty();
    browser.assertNoScriptErrors("store manager login");
  }

  @Test
  void aDeepLinkBeforeLoginReturnsAfterItAndLogoutEndsTheSession() {
    browser.driver().manage().deleteAllCookies();
    browser.open("/customers");
    browser.waitVisible(By.id("login-username")).sendKeys(OPERATOR);
    browser.driver().findElement(By.id("login-password")).sendKeys(OPERATOR_PASSWORD);
    browser.clickWhenReady(By.id("login-submit"));
    browser.waitVisible(By.cssSelector(".console-sider"));
    assertThat(browser.driver().getCurrentUrl()).endsWith("#/customers");
    browser.logout();
    browser.open("/dashboard");
    browser.waitVisible(By.id("login-username"));
    browser.assertNoScriptErrors("logout");
  }
}
