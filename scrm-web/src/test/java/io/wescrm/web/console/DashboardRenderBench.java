package io.wescrm.web.console;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard's render time in headless Debian Chromium against a running server (bench/console-dashboard.sh):
 * logs in through the login page, then opens {@code /console/#/dashboard?days=…} afresh {@code runs} times (after
 * {@code warmup} unmeasured loads) and reads what the page records: navigation start → every chart drawn
 * ({@code window.__dashboardRenderedAt}) and the API call as the page saw it ({@code window.__dashboardApiMs}).
 * Prints each run and the median and p95 of both. Not a test: a main run with the test classpath.
 *
 * <p>Usage: {@code DashboardRenderBench <base-url> <username> <password> [runs=20] [warmup=3] [days=30]}
 */
public final class DashboardRenderBench {

  private DashboardRenderBench() {
  }

  public static void main(String[] args) {
    String base = args[0];
    int runs = args.length > 3 ? Integer.parseInt(args[3]) : 20;
    int warmup = args.length > 4 ? Integer.parseInt(args[4]) : 3;
    int days = args.length > 5 ? Integer.parseInt(args[5]) : 30;
    List<Double> render = new ArrayList<>();
    List<Double> api = new ArrayList<>();
    try (ConsoleBrowser browser = ConsoleBrowser.start(base)) {
      browser.login(args[1], args[2]);
      for (int i = -warmup; i < runs; i++) {
        browser.open("/dashboard?days=" + days);
        new WebDriverWait(browser.driver(), Duration.ofSeconds(60)).withMessage("the dashboard drawn")
            .until(d -> !d.findElements(By.cssSelector("[data-test='dashboard'][data-rendered='true']")).isEmpty());
        double at = ((Number) browser.script("return window.__dashboardRenderedAt;")).doubleValue();
        double apiMs = ((Number) browser.script("return window.__dashboardApiMs;")).doubleValue();
        if (!browser.scriptErrors().isEmpty()) {
          throw new IllegalStateException("script errors: " + browser.scriptErrors());
        }
        if (i < 0) {
          System.out.printf("warm-up %d: render %.0f ms, API %.0f ms%n", i + warmup + 1, at, apiMs);
          continue;
        }
        render.add(at);
        api.add(apiMs);
        System.out.printf("run %d: render %.0f ms (navigation start → every chart drawn), API %.0f ms%n", i + 1, at,
            apiMs);
      }
      browser.screenshot("dashboard-bench");
    }
    System.out.printf("RESULT runs=%d render median %.0f ms p95 %.0f ms max %.0f ms; API (in the page) median %.0f ms "
        + "p95 %.0f ms%n", runs, pct(render, 50), pct(render, 95), pct(render, 100), pct(api, 50), pct(api, 95));
  }

  /** The nearest-rank percentile. */
  static double pct(List<Double> values, int p) {
    List<Double> sorted = values.stream().sorted().toList();
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }
}
