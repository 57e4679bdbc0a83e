package io.wescrm.core.rules;

import io.wescrm.core.tags.TagChange;
import io.wescrm.core.tags.TagSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules pipeline for one customer, in memory: tag rules in priority order (each sees the tags earlier rules
 * set; a rule takes back the tags it added once the customer stops matching), then the stage of the first matching
 * stage rule. The full re-evaluation does the same set-based, in the same order.
 *
 * @param changes tag changes, one per rule x relation x (synced or local)
 * @param stage the stage to set, or null when it stays
 */
public record RulePlan(List<TagChange> changes, List<Long> matched, String stage) {

  /**
   * @param ruleTags per relation (userid), tags a rule added: tag id to source_ref ({@code ruleId:version})
   */
  public static RulePlan of(List<Rule> rules, CustomerSnapshot snapshot, Map<String, Map<String, String>> ruleTags,
      Instant now) {
    CustomerSnapshot snap = snapshot;
    Map<String, Map<String, String>> owned = new HashMap<>();
    ruleTags.forEach((u, m) -> owned.put(u, new HashMap<>(m)));
    List<TagChange> changes = new ArrayList<>();
    List<Long> matched = new ArrayList<>();
    for (Rule rule : rules) {
      boolean holds = InMemoryEvaluator.matches(rule.condition(), snap, now);
      if (holds) {
        matched.add(rule.id());
      }
      if (!rule.changesTags()) {
        continue;
      }
      Set<String> ruleAdds = new HashSet<>();
      rule.actions().stream().filter(a -> a instanceof RuleAction.AddTags)
          .forEach(a -> ruleAdds.addAll(((RuleAction.AddTags) a).tags()));
      String prefix = rule.id() + ":";
      for (CustomerSnapshot.Relation r : snap.liveRelations()) {
        Set<String> tags = new HashSet<>(r.tags());
        Map<String, String> mine = owned.computeIfAbsent(r.userid(), u -> new HashMap<>());
        Set<String> addSync = new LinkedHashSet<>();
        Set<String> addLocal = new LinkedHashSet<>();
        Set<String> removeSync = new LinkedHashSet<>();
        Set<String> removeLocal = new LinkedHashSet<>();
        if (holds) {
          for (RuleAction a : rule.actions()) {
            if (a instanceof RuleAction.AddTags add) {
              for (String t : add.tags()) {
                if (tags.add(t)) {
                  (add.syncToWeCom() ? addSync : addLocal).add(t);
                  mine.put(t, rule.sourceRef());
                }
              }
            } else if (a instanceof RuleAction.RemoveTags remove) {
              for (String t : remove.tags()) {
                if (tags.remove(t)) {
                  (remove.syncToWeCom() ? removeSync : removeLocal).add(t);
                  mine.remove(t);
                }
              }
            }
          }
        }
        for (Map.Entry<String, String> e : List.copyOf(mine.entrySet())) {
          if (e.getValue().startsWith(prefix) && (!holds || !ruleAdds.contains(e.getKey()))
              && tags.remove(e.getKey())) {
            removeSync.add(e.getKey());
            mine.remove(e.getKey());
          }
        }
        if (!addSync.isEmpty() || !removeSync.isEmpty()) {
          changes.add(new TagChange(snap.corpId(), r.userid(), snap.externalUserId(), addSync, removeSync,
              TagSource.RULE, rule.sourceRef(), true));
        }
        if (!addLocal.isEmpty() || !removeLocal.isEmpty()) {
          changes.add(new TagChange(snap.corpId(), r.userid(), snap.externalUserId(), addLocal, removeLocal,
              TagSource.RULE, rule.sourceRef(), false));
        }
        if (!tags.equals(r.tags())) {
          snap = snap.withRelationTags(r.userid(), tags);
        }
      }
    }
    String stage = null;
    for (Rule rule : rules) {
      if (rule.stage().isPresent() && InMemoryEvaluator.matches(rule.condition(), snap, now)) {
        String key = rule.stage().get().key();
        stage = key.equals(snap.lifecycleStage()) ? null : key;
        break;
      }
    }
    return new RulePlan(changes, matched, stage);
  }
}
