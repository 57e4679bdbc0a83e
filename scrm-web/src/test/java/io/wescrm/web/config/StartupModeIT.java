package io.wescrm.web.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wescrm.web.ScrmApplication;
import io.wescrm.wecom.client.WeComProperties;
import io.wescrm.wecom.simulator.WeComSimulator;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Which WeCom a start talks to: no profile runs the demo (default profile {@code demo}); an explicit profile set
 * without {@code demo} never starts the simulator and refuses to start without a fully configured corp, naming what
 * is missing. Each start is a real {@link SpringApplication} run (the suite's own {@code spring.profiles.active} is
 * overridden on the command line; the datasource is a private in-memory H2, also for "mariadb").
 */
class StartupModeIT {

  @TempDir
  Path dir;

  private static String[] args(String profiles, String... more) {
    List<String> all = new ArrayList<>(List.of("--spring.profiles.active=" + profiles,
        "--spring.datasource.url=jdbc:h2:mem:mode-" + UUID.randomUUID()
            + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1",
        "--spring.datasource.driver-class-name=org.h2.Driver", "--spring.datasource.username=sa",
        "--spring.datasource.password=",
        "--spring.flyway.locations=classpath:db/migration/common,classpath:db/migration/h2",
        "--server.port=0", "--SCRM_CORP_ID=", "--SCRM_CORP_SECRET=", "--SCRM_AGENT_ID=", "--SCRM_CALLBACK_TOKEN=",
        "--SCRM_CALLBACK_AES_KEY="));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  private static StartupModeException refusal(String... args) {
    Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> SpringApplication.run(
        ScrmApplication.class, args).close());
    assertThat(thrown).as("the start must be refused").isNotNull();
    Throwable t = thrown;
    while (t != null && !(t instanceof StartupModeException)) {
      t = t.getCause();
    }
    assertThat(t).as("cause chain of %s", thrown).isInstanceOf(StartupModeException.class);
    return (StartupModeException) t;
  }

  @Test
  void aDatabaseProfileWithoutWecomOrDemoRefusesAndNamesTheMissingSettings() {
    StartupModeException e = refusal(args("mariadb"));
    assertThat(e.getMessage()).contains("active profiles: mariadb", "database profile mariadb",
        "scrm.wecom.corps[0].corp-id", "scrm.wecom.corps[0].secret", "scrm.wecom.corps[0].agent-id",
        "scrm.wecom.corps[0].token", "scrm.wecom.corps[0].aes-key");
    assertThat(e.action()).contains("--spring.profiles.active=mariadb,wecom", "--spring.profiles.active=mariadb,demo",
        "SCRM_CORP_ID", "SCRM_CALLBACK_AES_KEY");
    FailureAnalysis analysis = new StartupModeFailureAnalyzer().analyze(new IllegalStateException(e));
    assertThat(analysis.getDescription()).isEqualTo(e.getMessage());
    assertThat(analysis.getAction()).isEqualTo(e.action());
  }

  @Test
  void aDatabaseProfileNeverStartsTheSimulatorWithoutDemo() {
    StartupModeException e = refusal(args("mysql,redis", "--scrm.simulator.enabled=true"));
    assertThat(e.getMessage()).contains("scrm.simulator.enabled=true outside demo mode", "mysql");
    assertThat(e.action()).contains("--spring.profiles.active=mysql,redis,demo");
  }

  @Test
  void profileWecomNamesTheMissingVariables() {
    StartupModeException e = refusal(args("mariadb,wecom", "--SCRM_CORP_ID=ww0123456789", "--SCRM_CORP_SECRET=s"));
    assertThat(e.getMessage()).contains("Profile wecom is active", "scrm.wecom.corps[0].agent-id (SCRM_AGENT_ID)",
        "scrm.wecom.corps[0].token (SCRM_CALLBACK_TOKEN)", "scrm.wecom.corps[0].aes-key (SCRM_CALLBACK_AES_KEY)")
        .doesNotContain("corp-id", "corps[0].secret");
  }

  @Test
  void demoAndWecomExcludeEachOther() {
    assertThat(refusal(args("demo,wecom")).getMessage()).contains("demo and wecom are both active");
  }

  @Test
  void theDemoRefusesANonLoopbackAddressUnlessAllowedOnPurpose() {
    StartupModeException e = refusal(args("demo", "--server.address=0.0.0.0"));
    assertThat(e.getMessage()).contains("server.address=0.0.0.0", "演示模式只在本机地址");
    assertThat(e.action()).contains("scrm.demo.allow-remote=true");
    assertThat(refusal(args("demo,mariadb", "--management.server.port=0", "--management.server.address=0.0.0.0"))
        .getMessage()).contains("management.server.address=0.0.0.0");

    org.springframework.mock.env.MockEnvironment env = new org.springframework.mock.env.MockEnvironment();
    env.setActiveProfiles("demo");
    env.setProperty("server.address", "127.0.0.1");
    StartupModeCheck.check(env);
    env.setProperty("server.address", "0.0.0.0");
    assertThatThrownBy(() -> StartupModeCheck.check(env)).isInstanceOf(StartupModeException.class);
    env.setProperty("scrm.demo.allow-remote", "true");
    StartupModeCheck.check(env);
  }

  @Test
  void aDatabaseProfileWithAFullyConfiguredCorpPassesTheCheck() {
    org.springframework.mock.env.MockEnvironment env = new org.springframework.mock.env.MockEnvironment();
    env.setActiveProfiles("mariadb", "redis");
    env.setProperty("scrm.wecom.corps[0].corp-id", "ww1");
    env.setProperty("scrm.wecom.corps[0].secret", "s");
    env.setProperty("scrm.wecom.corps[0].agent-id", "1000002");
    env.setProperty("scrm.wecom.corps[0].token", "t");
    env.setProperty("scrm.wecom.corps[0].aes-key", "Sk6Gv2yQqB4wNWZrd2J0LxCHNZAbcnNfm4xuKrRDYUF");
    StartupModeCheck.check(env);
    env.setProperty("scrm.wecom.corps[1].corp-id", "ww2");
    assertThatThrownBy(() -> StartupModeCheck.check(env)).isInstanceOf(StartupModeException.class)
        .hasMessageContaining("scrm.wecom.corps[1].secret");
  }

  @Test
  void noProfileAtAllStartsTheDemo() throws Exception {
    int simulatorPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      simulatorPort = socket.getLocalPort();
    }
    try (ConfigurableApplicationContext context = SpringApplication.run(ScrmApplication.class, args("",
        "--scrm.simulator.port=" + simulatorPort, "--scrm.sync.on-startup=false",
        "--scrm.simulator.snapshot-dir=" + dir))) {
      assertThat(context.getEnvironment().getActiveProfiles()).isEmpty();
      assertThat(context.getEnvironment().matchesProfiles("demo")).isTrue();
      WeComSimulator simulator = context.getBean(WeComSimulator.class);
      assertThat(simulator.port()).isEqualTo(simulatorPort);
      assertThat(context.getBean(WeComProperties.class).corps()).extracting(WeComProperties.Corp::corpId)
          .containsExactly("wwdemo0000000001");
      assertThat(simulator.corp("wwdemo0000000001").counts().customers()).isGreaterThan(1000);
    }
    assertThat(Files.exists(dir.resolve("wwdemo0000000001.json"))).as("snapshot written on shutdown").isTrue();
  }
}
