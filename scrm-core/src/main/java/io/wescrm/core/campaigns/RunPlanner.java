package io.wescrm.core.campaigns;

import java.time.Instant;
import java.util.function.Function;

/**
 * Plans a run: streams its audience from the database (never the whole corp in memory), renders each recipient's
 * content, applies the control group and the frequency caps, and writes the deliveries in batches, then one WeCom task
 * per sender × distinct render × chunk. Idempotent: planning a run again (a node died while planning) starts over.
 */
public interface RunPlanner {

  /** What the planner needs besides the run: how to render and whom to hold back or skip. */
  record Policy(CampaignDefinition definition, CampaignDefinition.Content content,
      Function<Function<String, String>, String> render, java.util.Set<String> variables, FrequencyCaps caps,
      int controlPermille, int chunkSize, Instant now) {
  }

  /** Counts of a planned run. */
  record Plan(long audience, long planned, long heldBack, long overLimit, long tasks, long distinctRenders) {
  }

  Plan plan(CampaignRun run, Policy policy);
}
