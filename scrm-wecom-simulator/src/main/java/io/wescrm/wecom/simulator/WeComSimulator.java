package io.wescrm.wecom.simulator;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.standalone.MappingsSource;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.stubbing.StubMappings;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stateful, in-memory WeCom (企业微信) served over real HTTP by WireMock on 127.0.0.1.
 *
 * <p>Point WxJava at it with {@code WxCpDefaultConfigImpl.setBaseApiUrl(sim.baseUrl())}: the WeCom server API lives at
 * {@code baseUrl() + "/cgi-bin/..."} with WeCom's paths, JSON shapes, paging limits and error codes; the control API
 * at {@code baseUrl() + "/sim/..."} (see docs/simulator.md). State lives in {@link SimCorp}s; limits and fault
 * injection in {@link #faults()}; counters in {@link #stats()}. Corps configured with {@link SimCorp#callbacks} send
 * WeCom's signed, encrypted callbacks for their changes ({@link #callbackFaults()} for delivery faults).
 */
public final class WeComSimulator implements AutoCloseable {

  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  private final ConcurrentHashMap<String, SimCorp> corps = new ConcurrentHashMap<>();
  private final SimTokens tokens = new SimTokens();
  private final SimFaults faults = new SimFaults();
  private final SimStats stats = new SimStats();
  private final SimCallbackFaults callbackFaults = new SimCallbackFaults();
  private final SimCallbackHub callbackHub = new SimCallbackHub(callbackFaults, stats);
  private final long seedAnchor;
  private final WireMockServer server;

  private WeComSimulator(SimulatorOptions options) {
    this.seedAnchor = LocalDate.now(CHINA).atStartOfDay(CHINA).toEpochSecond();
    for (SimCorpSpec spec : options.corps()) {
      addCorp(spec);
    }
    SimHttpTransformer transformer = new SimHttpTransformer(new WeComApi(corps, tokens, faults, stats),
        new ControlApi(this));
    WireMockConfiguration config = options()
        .bindAddress("127.0.0.1")
        .port(options.port())
        .jettyAcceptors(1)
        .containerThreads(options.containerThreads())
        .disableRequestJournal()
        .stubRequestLoggingDisabled(true)
        .gzipDisabled(true)
        .mappingSource(new NoMappings())
        .notifier(new Slf4jNotifier(false))
        .extensionScanningEnabled(false)
        .extensions(transformer);
    this.server = new WireMockServer(config);
    server.stubFor(any(urlPathMatching("/(cgi-bin|sim)/.*"))
        .willReturn(aResponse().withTransformers(SimHttpTransformer.NAME)));
    server.start();
  }

  /** Seeds the configured corps and starts serving. */
  public static WeComSimulator start(SimulatorOptions options) {
    return new WeComSimulator(options);
  }

  /** {@code http://127.0.0.1:<port>}: the base URL for WxJava's setBaseApiUrl. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  public int port() {
    return server.port();
  }

  /** The live state of one corp; IllegalArgumentException when unknown. */
  public SimCorp corp(String corpId) {
    SimCorp corp = corpId == null ? null : corps.get(corpId);
    if (corp == null) {
      throw new IllegalArgumentException("unknown corp: " + corpId);
    }
    return corp;
  }

  /** All corps, by corp id. */
  public Collection<SimCorp> corps() {
    return corps.values().stream().sorted((a, b) -> a.corpId().compareTo(b.corpId())).toList();
  }

  /** Creates (and seeds) another corp; IllegalArgumentException if the corp id is taken. */
  public SimCorp addCorp(SimCorpSpec spec) {
    SimCorp corp = new SimCorp(spec, tokens, seedAnchor, callbackHub);
    if (corps.putIfAbsent(spec.corpId(), corp) != null) {
      throw new IllegalArgumentException("corp exists: " + spec.corpId());
    }
    return corp;
  }

  /** Limits and fault injection, for all corps. */
  public SimFaults faults() {
    return faults;
  }

  /** Fault injection for callback delivery (loss, duplicates, reordering, latency), for all corps. */
  public SimCallbackFaults callbackFaults() {
    return callbackFaults;
  }

  /** Call, error and callback counters, for all corps. */
  public SimStats stats() {
    return stats;
  }

  /** Stops serving and stops callback delivery (pending deliveries are abandoned). */
  @Override
  public void close() {
    callbackHub.close();
    server.stop();
  }

  /** Keeps WireMock from loading or saving stub files: every response is computed in code. */
  private static final class NoMappings implements MappingsSource {
    @Override
    public void loadMappingsInto(StubMappings stubMappings) {
      // nothing to load
    }

    @Override
    public void save(List<StubMapping> stubMappings) {
      // not persisted
    }

    @Override
    public void save(StubMapping stubMapping) {
      // not persisted
    }

    @Override
    @SuppressWarnings("removal") // abstract in MappingsSaver, so it must be implemented
    public void remove(StubMapping stubMapping) {
      // not persisted
    }

    @Override
    public void removeAll() {
      // not persisted
    }
  }
}
