package io.wescrm.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by Selenium through Debian's chromedriver (never a downloaded browser): the
 * console as a person uses it. Every page visit can be checked for script errors (the page's own collector,
 * {@code js/errors.js}, and Chromium's console log at SEVERE). Without {@code /usr/bin/chromium} and
 * {@code /usr/bin/chromedriver} the browser tests are skipped, unless {@code -Dconsole.browser.required=true} (CI sets
 * it, and installs both) makes that a failure.
 */
public final class ConsoleBrowser implements AutoCloseable {

  static final Path CHROMIUM = Path.of(System.getProperty("console.chromium", "/usr/bin/chromium"));
  static final Path CHROMEDRIVER = Path.of(System.getProperty("console.chromedriver", "/usr/bin/chromedriver"));
  static final Duration WAIT = Duration.ofSeconds(Long.getLong("console.wait-seconds", 30));

  private static final java.util.regex.Pattern API_ANSWER = java.util.regex.Pattern.compile(
      "/api/\\S* - Failed to load resource: the server responded with a status of 4\\d\\d");

  private final ChromeDriver driver;
  private final String base;
  private final Path profile;

  private ConsoleBrowser(ChromeDriver driver, String base, Path profile) {
    this.driver = driver;
    this.base = base;
    this.profile = profile;
  }

  /** Starts a browser for the server at {@code base} (http://127.0.0.1:port), or skips the test (see class doc). */
  public static ConsoleBrowser start(String base) {
    boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (!present) {
      if (Boolean.getBoolean("console.browser.required")) {
        throw new IllegalStateException("console.browser.required: no " + CHROMIUM + " / " + CHROMEDRIVER
            + " (apt-get install chromium chromium-driver)");
      }
      Assumptions.abort("no Debian chromium/chromedriver here: browser tests skipped");
    }
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    try {
      Path profile = Files.createTempDirectory("wescrm-chromium");
      ChromeOptions options = new ChromeOptions();
      options.setBinary(CHROMIUM.toFile());
      options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
          "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
          "--disable-sync", "--disable-extensions", "--window-size=1440,900", "--lang=zh-CN",
          "--user-data-dir=" + profile);
      options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "zh-CN,zh"));
      LoggingPreferences logs = new LoggingPreferences();
      logs.enable(LogType.BROWSER, Level.ALL);
      options.setCapability("goog:loggingPrefs", logs);
      ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
          .usingAnyFreePort().build();
      ChromeDriver driver = new ChromeDriver(service, options);
      driver.manage().timeouts().scriptTimeout(WAIT);
      return new ConsoleBrowser(driver, base, profile);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public ChromeDriver driver() {
    return driver;
  }

  /**
   * Opens a console route as a person typing its address, e.g. {@code /customers} → {@code base/console/#/customers}:
   * the page loads afresh (a hash change alone would not reload it).
   */
  public void open(String route) {
    driver.get("about:blank");
    driver.get(base + "/console/#" + route);
  }

  /** Goes to a route inside the loaded console (as its links do: no reload). */
  public void navigate(String route) {
    script("window.location.hash = arguments[0];", route);
  }

  /** Logs in through the login page and waits for the frame (the side menu). */
  public void login(String username, String password) {
    driver.manage().deleteAllCookies();
    open("/login");
    WebElement user = waitVisible(By.id("login-username"));
    user.clear();
    user.sendKeys(username);
    WebElement pass = driver.findElement(By.id("login-password"));
    pass.clear();
    pass.sendKeys(password);
    driver.findElement(By.id("login-submit")).click();
    waitVisible(By.cssSelector(".console-sider"));
  }

  public void logout() {
    driver.findElement(By.cssSelector(".header-user .logout")).click();
    waitVisible(By.id("login-username"));
  }

  /**
   * A wait that rides out what a person never notices: an element re-rendered under the test (stale), a click an
   * animating modal or a toast intercepted, an element not yet interactable.
   */
  public static org.openqa.selenium.support.ui.FluentWait<org.openqa.selenium.WebDriver> patiently(
      org.openqa.selenium.WebDriver driver, Duration timeout) {
    return new WebDriverWait(driver, timeout)
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .ignoring(org.openqa.selenium.ElementClickInterceptedException.class)
        .ignoring(org.openqa.selenium.ElementNotInteractableException.class);
  }

  /** Clicks the first element {@code by} finds once it is visible and takes the click (retried until it does). */
  public void clickWhenReady(By by) {
    patiently(driver, WAIT).withMessage(() -> "a clickable " + by).until(d -> {
      WebElement e = d.findElement(by);
      if (!e.isDisplayed() || !e.isEnabled()) {
        return false;
      }
      e.click();
      return true;
    });
  }

  public WebElement waitVisible(By by) {
    return new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  public List<WebElement> all(By by) {
    return driver.findElements(by);
  }

  /** Waits until the page's text contains {@code text}. */
  public void waitText(String text) {
    new WebDriverWait(driver, WAIT).withMessage(() -> "text \"" + text + "\" on " + driver.getCurrentUrl()
        + "; page says: " + bodyText().substring(0, Math.min(600, bodyText().length())))
        .until(d -> bodyText().contains(text));
  }

  public String bodyText() {
    return driver.findElement(By.tagName("body")).getText();
  }

  /** Clicks the first visible button or link whose text is {@code text}. */
  public void click(String text) {
    patiently(driver, WAIT).withMessage(() -> "a clickable \"" + text + "\"").until(d -> {
      for (WebElement e : d.findElements(By.xpath("//button[normalize-space(.)='" + text + "'] | //a[normalize-space(.)='"
          + text + "'] | //*[@role='tab' and normalize-space(.)='" + text + "'] | //li[@role='menuitem' and normalize-space(.)='"
          + text + "']"))) {
        if (e.isDisplayed() && e.isEnabled()) {
          e.click();
          return true;
        }
      }
      return false;
    });
  }

  /**
   * Waits until no Ant Design spinner is spinning (the page's data arrived); a spinner removed between finding and
   * asking is stale, and asked again (CI saw that fail a test).
   */
  public void waitLoaded() {
    patiently(driver, WAIT).withMessage("page still loading").until(d -> d.findElements(
        By.cssSelector(".ant-spin-spinning, .boot")).stream().noneMatch(WebElement::isDisplayed));
  }

  public Object script(String js, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(js, args);
  }

  /** Every script error of the page since it loaded (js/errors.js) plus Chromium's SEVERE console entries. */
  public List<String> scriptErrors() {
    List<String> errors = new ArrayList<>();
    Object collected = script("return window.__consoleErrors ? window.__consoleErrors.slice() : [];");
    if (collected instanceof List<?> list) {
      list.forEach(e -> errors.add(String.valueOf(e)));
    }
    for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
      // an API's 4xx is an answer the page handles (401 before login, 404 of another store's customer), not an error
      if (entry.getLevel().intValue() >= Level.SEVERE.intValue() && !API_ANSWER.matcher(entry.getMessage()).find()) {
        errors.add("[chromium] " + entry.getMessage());
      }
    }
    return errors;
  }

  /** Fails with the errors listed when the page logged any script error. */
  public void assertNoScriptErrors(String where) {
    assertThat(scriptErrors()).as("script errors on " + where).isEmpty();
  }

  /**
   * A PNG of the window to {@code target/console-screenshots/<name>.png}, and to {@code -Dconsole.screenshots.dir}
   * (e.g. docs/screenshots) when that is set.
   */
  public Path screenshot(String name) {
    try {
      Path file = Path.of("target", "console-screenshots", name + ".png");
      Files.createDirectories(file.getParent());
      Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
      Files.copy(shot, file, StandardCopyOption.REPLACE_EXISTING);
      String dir = System.getProperty("console.screenshots.dir", "");
      if (!dir.isBlank()) {
        Path copy = Path.of(dir).isAbsolute() ? Path.of(dir, name + ".png")
            : Path.of("..").resolve(dir).resolve(name + ".png");
        Files.createDirectories(copy.getParent());
        Files.copy(shot, copy, StandardCopyOption.REPLACE_EXISTING);
      }
      return file;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException ignored) {
        // a temp directory
      }
    }
  }
}
