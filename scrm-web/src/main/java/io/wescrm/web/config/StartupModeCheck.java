package io.wescrm.web.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.Ordered;
import org.springframework.core.PriorityOrdered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;

/**
 * Decides at start-up, before any bean is created (no simulator, no database migration, no sync), whether this
 * server may run with the WeCom it is configured for:
 * <ul>
 *   <li>profile {@code demo} (the default profile when none is given): the simulator and its demo corp; not together
 *       with {@code wecom}; on loopback only unless {@code scrm.demo.allow-remote=true};</li>
 *   <li>any other profile set ({@code wecom}, a database profile {@code mariadb}/{@code mysql}, or anything else):
 *       the simulator must stay off and every configured corp needs corp-id, secret, agent-id, token and aes-key, so
 *       that simulated data never reaches a real database and a real corp never runs half-configured.</li>
 * </ul>
 * A refusal is a {@link StartupModeException}; {@link StartupModeFailureAnalyzer} prints what to add.
 *
 * <p>A bean factory post-processor rather than an environment post-processor: test properties registered through
 * {@code @DynamicPropertySource} are in the environment only once the context is prepared.
 */
public final class StartupModeCheck implements BeanFactoryPostProcessor, EnvironmentAware, PriorityOrdered {

  static final String DEMO = "demo";
  static final String WECOM = "wecom";
  static final Set<String> DATABASE_PROFILES = Set.of("mariadb", "mysql");
  /** Required per corp: property suffix → the variable profile {@code wecom} reads it from. */
  static final Map<String, String> REQUIRED = requiredSettings();

  private ConfigurableEnvironment environment;

  @Override
  public void setEnvironment(Environment environment) {
    this.environment = (ConfigurableEnvironment) environment;
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }

  @Override
  public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
    check(environment);
  }

  /** Throws {@link StartupModeException} when the environment must not start. */
  public static void check(ConfigurableEnvironment environment) {
    Binder binder = Binder.get(environment);
    List<String> active = Arrays.asList(environment.getActiveProfiles());
    boolean demo = environment.matchesProfiles(DEMO);
    boolean wecom = environment.matchesProfiles(WECOM);
    boolean simulator = binder.bind("scrm.simulator.enabled", Boolean.class).orElse(false);
    String profiles = active.isEmpty() ? "(none; default " + Arrays.toString(environment.getDefaultProfiles()) + ")"
        : String.join(",", active);
    if (demo && wecom) {
      throw new StartupModeException(
          "demo 与 wecom 不能同时启用。/ Profiles demo and wecom are both active (" + profiles + "): the simulated "
              + "demo corp and a real corp exclude each other.",
          "演示模式与真实企业微信不能同时启用。/ Use profile demo alone for the simulated corp, or wecom without demo "
              + "for a real corp (e.g. --spring.profiles.active=mariadb,redis,wecom).");
    }
    if (demo) {
      checkDemoStaysLocal(binder);
      return;
    }
    Set<String> databases = new TreeSet<>(DATABASE_PROFILES);
    databases.retainAll(active);
    String where = databases.isEmpty() ? "" : " on database profile " + String.join(",", databases);
    if (simulator) {
      throw new StartupModeException(
          "模拟企业微信只在演示模式（demo profile）下运行。/ scrm.simulator.enabled=true outside demo mode (active "
              + "profiles: " + profiles + "): the embedded simulator would sync simulated data" + where + ".",
          "请添加 demo profile，或去掉该设置。/ Add profile demo to run the simulated corp on purpose (e.g. "
              + "--spring.profiles.active=" + join(active, DEMO) + "), or remove scrm.simulator.enabled.");
    }
    List<String> missing = missingCorpSettings(binder, wecom);
    if (!missing.isEmpty()) {
      String reason = wecom ? "Profile wecom is active (" + profiles + ") but the WeCom corp is not fully configured."
          : "Not in demo mode (active profiles: " + profiles + ")" + where + " and no real WeCom corp is fully "
              + "configured; the simulator runs only with profile demo.";
      throw new StartupModeException("企业微信配置不完整，拒绝启动。/ " + reason + " Missing: "
          + String.join(", ", missing) + ".",
          (wecom ? "请设置真实企业微信的以下配置。/ Set the missing settings of the real corp: "
              : "请添加 wecom profile 并配置真实企业，或添加 demo profile 使用模拟企业。/ Either add profile wecom and "
                  + "set the real corp (--spring.profiles.active=" + join(active, WECOM) + " with ")
              + "SCRM_CORP_ID, SCRM_CORP_SECRET, SCRM_AGENT_ID, SCRM_CALLBACK_TOKEN, SCRM_CALLBACK_AES_KEY, or "
              + "scrm.wecom.corps[0].corp-id, secret, agent-id, token, aes-key"
              + (wecom ? "." : "), or add profile demo to run the simulated demo corp on purpose "
                  + "(--spring.profiles.active=" + join(active, DEMO) + ")."));
    }
  }

  /**
   * The demo's callback token, AES key and account passwords are committed to this repository: a demo that anyone
   * on the network can reach is an open door. It serves on loopback only (application-demo.yml binds 127.0.0.1)
   * unless {@code scrm.demo.allow-remote=true} says otherwise on purpose.
   */
  static void checkDemoStaysLocal(Binder binder) {
    if (binder.bind("scrm.demo.allow-remote", Boolean.class).orElse(false)) {
      return;
    }
    String address = binder.bind("server.address", String.class).orElse(null);
    List<String> open = new ArrayList<>();
    if (!loopback(address)) {
      open.add("server.address=" + (address == null || address.isBlank() ? "(every interface)" : address));
    }
    if (binder.bind("management.server.port", Integer.class).isBound()) {
      String management = binder.bind("management.server.address", String.class).orElse(null);
      if (!loopback(management)) {
        open.add("management.server.address=" + (management == null || management.isBlank() ? "(every interface)"
            : management));
      }
    }
    if (!open.isEmpty()) {
      throw new StartupModeException("演示模式只在本机地址（127.0.0.1）上提供服务：演示企业的回调 Token、AES Key 和账号密码"
          + "都公开在代码库中。/ Demo mode would serve on a non-loopback address (" + String.join(", ", open) + "), "
          + "but its callback token, AES key and passwords are public in the repository.",
          "请去掉该地址设置（演示模式默认绑定 127.0.0.1），或确认风险后设置 scrm.demo.allow-remote=true。/ Remove the "
              + "address (demo binds 127.0.0.1), or set scrm.demo.allow-remote=true (SCRM_DEMO_ALLOW_REMOTE=true) "
              + "to serve the demo to other machines on purpose.");
    }
  }

  private static boolean loopback(String address) {
    if (address == null || address.isBlank()) {
      return false;
    }
    try {
      return java.net.InetAddress.getByName(address.strip()).isLoopbackAddress();
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  /** "scrm.wecom.corps[i].x (VAR)" for every required setting that is blank or unresolved; corps[0] if none. */
  static List<String> missingCorpSettings(Binder binder, boolean withVariables) {
    List<String> missing = new ArrayList<>();
    int corps = 0;
    while (corps < 1000 && present(binder, corps)) {
      corps++;
    }
    for (int i = 0; i < Math.max(corps, 1); i++) {
      for (Map.Entry<String, String> setting : REQUIRED.entrySet()) {
        String name = "scrm.wecom.corps[" + i + "]." + setting.getKey();
        if (blank(binder.bind(name, String.class).orElse(null))) {
          missing.add(name + (withVariables && i == 0 ? " (" + setting.getValue() + ")" : ""));
        }
      }
    }
    return missing;
  }

  private static boolean present(Binder binder, int index) {
    for (String key : List.of("corp-id", "secret", "agent-id", "token", "aes-key", "name")) {
      if (binder.bind("scrm.wecom.corps[" + index + "]." + key, String.class).isBound()) {
        return true;
      }
    }
    return false;
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank() || value.contains("${");
  }

  private static String join(List<String> active, String extra) {
    List<String> all = new ArrayList<>(active);
    all.remove(DEMO);
    all.remove(WECOM);
    all.add(extra);
    return String.join(",", all);
  }

  private static Map<String, String> requiredSettings() {
    Map<String, String> required = new LinkedHashMap<>();
    required.put("corp-id", "SCRM_CORP_ID");
    required.put("secret", "SCRM_CORP_SECRET");
    required.put("agent-id", "SCRM_AGENT_ID");
    required.put("token", "SCRM_CALLBACK_TOKEN");
    required.put("aes-key", "SCRM_CALLBACK_AES_KEY");
    return java.util.Collections.unmodifiableMap(required);
  }
}
