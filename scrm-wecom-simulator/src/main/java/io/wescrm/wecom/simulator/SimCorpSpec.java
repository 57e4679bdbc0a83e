package io.wescrm.wecom.simulator;

import java.util.Objects;

/**
 * One simulated corp: its identity, the app credentials the client must present, and what to seed.
 *
 * @param corpId     the corp id ({@code corpid} of gettoken)
 * @param corpName   display name; also the name of root department 1
 * @param secret     the app secret ({@code corpsecret} of gettoken)
 * @param agentId    the self-built app's agent id (informational)
 * @param seed       how much data to generate
 * @param randomSeed seed of the generator: the same value gives the same ids and data
 */
public record SimCorpSpec(String corpId, String corpName, String secret, int agentId, SeedSize seed,
    long randomSeed) {

  /** Corp id of {@link #demo()}. */
  public static final String DEMO_CORP_ID = "ww5f3a9c1e7b2d4086";
  /** App secret of {@link #demo()}. */
  public static final String DEMO_SECRET = "sim-demo-secret-8Jq2vLx0Wn5Tz7Rb";
  /** Agent id of {@link #demo()}. */
  public static final int DEMO_AGENT_ID = 1000002;

  public SimCorpSpec {
    if (corpId == null || corpId.isBlank()) {
      throw new IllegalArgumentException("corpId is required");
    }
    if (secret == null || secret.isBlank()) {
      throw new IllegalArgumentException("secret is required");
    }
    corpName = corpName == null || corpName.isBlank() ? corpId : corpName;
    seed = Objects.requireNonNullElse(seed, SeedSize.empty());
  }

  /** The seeded demo corp "悦颜美妆" with {@link SeedSize#demo()}. */
  public static SimCorpSpec demo() {
    return new SimCorpSpec(DEMO_CORP_ID, "悦颜美妆", DEMO_SECRET, DEMO_AGENT_ID, SeedSize.demo(), 20240601L);
  }

  /** A corp with {@link SeedSize#benchmark()} data. */
  public static SimCorpSpec benchmark() {
    return new SimCorpSpec("ww8d2e6b4a0c9f1357", "悦颜美妆（压测）", "sim-bench-secret-Qp4Hs9Ke2Mv6Xc1Z", 1000003,
        SeedSize.benchmark(), 20240602L);
  }

  /** An empty corp with the given credentials. */
  public static SimCorpSpec empty(String corpId, String secret) {
    return new SimCorpSpec(corpId, corpId, secret, 1000001, SeedSize.empty(), corpId.hashCode());
  }
}
