package io.wescrm.core.rules;

import io.wescrm.core.tags.TagWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Loads what rules read of a customer: its snapshot and the tags on its relations. */
public interface CustomerSnapshots {

  /** A snapshot and, per relation (userid), the tags a rule added with their source_ref ({@code ruleId:version}). */
  record Loaded(CustomerSnapshot snapshot, Map<String, Map<String, String>> ruleTags,
      Map<String, Set<String>> localOnly) {

    /** The tags of every relation as {@link TagWriter#writeAll(List, Map)} takes them (tag → local-only). */
    public Map<String, Map<String, Boolean>> currentTags() {
      Map<String, Map<String, Boolean>> out = new HashMap<>();
      for (CustomerSnapshot.Relation r : snapshot.relations()) {
        Set<String> local = localOnly.getOrDefault(r.userid(), Set.of());
        Map<String, Boolean> tags = new HashMap<>();
        for (String tag : r.tags()) {
          tags.put(tag, local.contains(tag));
        }
        out.put(TagWriter.relationKey(r.userid(), snapshot.externalUserId()), tags);
      }
      return out;
    }
  }

  Optional<CustomerSnapshot> find(String corpId, String externalUserId);

  Optional<Loaded> load(String corpId, String externalUserId);

  /** The customers whose ids lie in {@code [from, to]} (database order). */
  Map<String, Loaded> loadRange(String corpId, String from, String to);

  /** The next {@code limit} customer ids after {@code after}, in key order: how a full run walks a corp. */
  List<String> idsAfter(String corpId, String after, int limit);
}
