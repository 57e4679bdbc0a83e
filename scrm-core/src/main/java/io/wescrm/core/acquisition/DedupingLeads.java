package io.wescrm.core.acquisition;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Lead dedupe. One person is one customer: WeCom gives the same external_userid to a customer whatever staff member
 * or store adds them, so relations across staff and stores already meet on one customer row. What WeCom cannot see
 * are people we know by other keys: customers who share a remark mobile (remark_mobiles) or a unionid become merge
 * suggestions that an operator accepts or rejects; nothing is merged automatically.
 */
public class DedupingLeads {

  /** What a scan found. */
  public record ScanResult(int mobileGroups, int unionidGroups, int newSuggestions) {
  }

  private final LeadMerges merges;
  private final Clock clock;

  public DedupingLeads(LeadMerges merges, Clock clock) {
    this.merges = merges;
    this.clock = clock;
  }

  public ScanResult scan(String corpId) {
    int[] created = {0};
    int mobileGroups = suggest(corpId, merges.mobiles(corpId), "MOBILE", created);
    int unionGroups = suggest(corpId, merges.unionids(corpId), "UNIONID", created);
    return new ScanResult(mobileGroups, unionGroups, created[0]);
  }

  private int suggest(String corpId, List<String[]> pairs, String kind, int[] created) {
    Map<String, TreeSet<String>> byValue = new TreeMap<>();
    for (String[] pair : pairs) {
      String value = normalise(pair[0], kind);
      if (value != null) {
        byValue.computeIfAbsent(value, v -> new TreeSet<>()).add(pair[1]);
      }
    }
    int groups = 0;
    for (Map.Entry<String, TreeSet<String>> entry : byValue.entrySet()) {
      List<String> customers = new ArrayList<>(entry.getValue());
      if (customers.size() < 2) {
        continue;
      }
      groups++;
      // a star around the smallest id: n-1 suggestions for n customers, not n²
      for (int i = 1; i < customers.size(); i++) {
        if (merges.suggest(corpId, customers.get(0), customers.get(i), kind, entry.getKey(), clock.instant())) {
          created[0]++;
        }
      }
    }
    return groups;
  }

  static String normalise(String value, String kind) {
    if (value == null) {
      return null;
    }
    if (kind.equals("MOBILE")) {
      String digits = value.replaceAll("[^0-9]", "");
      if (digits.startsWith("86") && digits.length() == 13) {
        digits = digits.substring(2);
      }
      return digits.length() < 6 ? null : digits;
    }
    return value.isBlank() ? null : value;
  }

  public List<LeadMerges.Suggestion> list(String corpId, LeadMerges.Status status, int limit) {
    return merges.list(corpId, status, limit);
  }

  /** The suggestions whose two customers are both with {@code staffScope} (null: all). */
  public List<LeadMerges.Suggestion> list(String corpId, LeadMerges.Status status, int limit,
      java.util.Collection<String> staffScope) {
    return merges.list(corpId, status, limit, staffScope);
  }

  public LeadMerges.Suggestion decide(String corpId, long id, boolean accept, String operator) {
    LeadMerges.Suggestion s = merges.find(corpId, id).orElseThrow(() -> new AcquisitionException(
        AcquisitionException.Kind.NOT_FOUND, "SUGGESTION_NOT_FOUND", "合并建议不存在", "suggestion " + id));
    if (s.status() != LeadMerges.Status.OPEN) {
      throw new AcquisitionException(AcquisitionException.Kind.CONFLICT, "SUGGESTION_DECIDED",
          "这条合并建议已处理（" + s.status() + "）", "suggestion " + id);
    }
    if (operator == null || operator.isBlank() || operator.length() > 64) {
      throw AcquisitionException.invalid("operator（处理人）必须填写，最长 64 个字符", "operator");
    }
    merges.decide(corpId, id, accept ? LeadMerges.Status.ACCEPTED : LeadMerges.Status.REJECTED, operator,
        clock.instant());
    return merges.find(corpId, id).orElseThrow();
  }
}
