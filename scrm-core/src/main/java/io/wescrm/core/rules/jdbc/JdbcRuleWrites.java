package io.wescrm.core.rules.jdbc;

import static io.wescrm.core.jdbc.Placeholders.marks;

import io.wescrm.core.jdbc.DeadlockRetry;
import io.wescrm.core.jdbc.JdbcTime;
import io.wescrm.core.rules.RuleCounts;
import io.wescrm.core.rules.RuleWrites;
import io.wescrm.core.tags.TagChange;
import io.wescrm.core.tags.TagWriteResult;
import io.wescrm.core.tags.TagWriter;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** {@link RuleWrites} over JDBC: tag changes through the {@link TagWriter}, stages by IN list, one transaction. */
public class JdbcRuleWrites implements RuleWrites {

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final TagWriter tags;

  public JdbcRuleWrites(JdbcTemplate jdbc, TransactionTemplate tx, TagWriter tags) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.tags = tags;
  }

  @Override
  public RuleCounts write(String corpId, List<TagChange> changes, Map<String, Map<String, Boolean>> currentTags,
      Map<String, List<String>> customersByStage, Instant now) {
    LocalDateTime ts = JdbcTime.ts(now);
    long[] c = new long[4];
    tx.executeWithoutResult(s -> {
      List<TagWriteResult> results = tags.writeAll(changes, currentTags);
      for (int i = 0; i < results.size(); i++) {
        c[0] += results.get(i).added().size();
        c[1] += results.get(i).removed().size();
        if (changes.get(i).syncToWeCom()) {
          c[3] += results.get(i).added().size() + results.get(i).removed().size();
        }
      }
      customersByStage.forEach((stage, customers) -> {
        List<Object> args = new ArrayList<>(List.of(stage, ts, corpId));
        args.addAll(customers);
        jdbc.update("UPDATE scrm_customer SET lifecycle_stage = ?, updated_at = ? WHERE corp_id = ? "
            + "AND external_userid IN (" + marks(customers.size()) + ")", args.toArray());
        c[2] += customers.size();
      });
    });
    return new RuleCounts(c[0], c[1], c[2], c[3]);
  }

  @Override
  public <T> T retryingLockRaces(String what, Supplier<T> work) {
    return DeadlockRetry.run(what, work);
  }
}
