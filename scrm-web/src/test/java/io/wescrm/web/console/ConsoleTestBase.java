package io.wescrm.web.console;

import static org.awaitility.Awaitility.await;

import io.wescrm.web.testing.Api;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The browser suite's server: demo mode as a user starts it (the demo corp, its accounts admin / operator /
 * store-sh01, the simulator), one Spring context shared by every console test class (same configuration, so the
 * context cache reuses it), one Chromium per test class. Subclasses use {@link #browser} and {@link #api}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.profiles.include=demo", "scrm.simulator.enabled=true", "scrm.simulator.persist=false",
    "scrm.sync.on-startup=true", "scrm.rules.push-interval=200ms", "scrm.campaigns.quiet-hours="})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ConsoleTestBase {

  public static final String CORP = "wwdemo0000000001";
  public static final String ADMIN = "admin";
  public static final String ADMIN_PASSWORD = "demo-admin";
  public static final String OPERATOR = "operator";
  public static final String OPERATOR_PASSWORD = "demo-operator";
  public static final String STORE_MANAGER = "store-sh01";
  public static final String STORE_MANAGER_PASSWORD = "demo-store";

  static final int SIMULATOR_PORT = freePort();

  @DynamicPropertySource
  static void simulatorPort(DynamicPropertyRegistry registry) {
    registry.add("scrm.simulator.port", () -> SIMULATOR_PORT);
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @LocalServerPort
  protected int port;

  protected ConsoleBrowser browser;
  protected Api api;

  protected String base() {
    return "http://127.0.0.1:" + port;
  }

  @BeforeAll
  void startBrowser() {
    api = new Api(base());
    browser = ConsoleBrowser.start(base());
    // the demo corp synced (its ~2,000 customers) before any page is judged
    await("the demo corp synced").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
        .until(() -> api.get("/api/corps/" + CORP + "/customers?size=1", 200).get("total").asLong() >= 1000);
  }

  @BeforeEach
  void freshSession() {
    browser.driver().manage().deleteAllCookies();
  }

  @AfterAll
  void stopBrowser() {
    if (browser != null) {
      browser.close();
    }
  }
}
