package io.wescrm.core.rules;

/** What applying rules changed: tags added and removed, stages changed, tag changes queued for WeCom. */
public record RuleCounts(long tagsAdded, long tagsRemoved, long stagesChanged, long pushesQueued) {

  public static final RuleCounts NONE = new RuleCounts(0, 0, 0, 0);

  public RuleCounts plus(RuleCounts o) {
    return new RuleCounts(tagsAdded + o.tagsAdded, tagsRemoved + o.tagsRemoved, stagesChanged + o.stagesChanged,
        pushesQueued + o.pushesQueued);
  }
}
