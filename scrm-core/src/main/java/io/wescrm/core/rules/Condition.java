package io.wescrm.core.rules;

import java.util.List;
import java.util.Objects;

/**
 * A rule's condition tree over one customer. Every node is two-valued (never unknown): a missing value simply does
 * not equal anything, and {@code ne} / {@code notIn} / {@code notContains} hold for it.
 */
public sealed interface Condition {

  /** All items hold (an empty list holds for every customer). */
  record All(List<Condition> items) implements Condition {
    public All {
      items = List.copyOf(items);
    }
  }

  /** At least one item holds (an empty list holds for none). */
  record Any(List<Condition> items) implements Condition {
    public Any {
      items = List.copyOf(items);
    }
  }

  /** The item does not hold. */
  record Not(Condition item) implements Condition {
    public Not {
      Objects.requireNonNull(item, "item");
    }
  }

  /**
   * One and the same live follow relation satisfies every item: "customers staff X added through channel Y in the
   * last 7 days". The items are relation leaves ({@link Field#followScoped()}); outside this node each follow leaf
   * may be satisfied by a different relation. An empty list holds for a customer with any live relation.
   */
  record SameFollow(List<Leaf> items) implements Condition {
    public SameFollow {
      items = List.copyOf(items);
      for (Leaf leaf : items) {
        if (!leaf.field().followScoped()) {
          throw new IllegalArgumentException(leaf.field().key() + " is not a field of one follow relation");
        }
      }
    }
  }

  /**
   * One predicate.
   *
   * @param values the operand of {@code eq}/{@code ne}/{@code contains} (one element) or of list operators;
   *     numeric fields hold decimal strings; text comparisons ignore case
   * @param number the operand of comparisons and of {@code withinDays}-like operators (days)
   * @param days the window of windowed counts ({@code moment.*}, {@code campaign.pushes}), or the optional window of
   *     {@code campaign.received} (null: ever); null for other fields
   */
  record Leaf(Field field, Op op, List<String> values, Long number, Integer days) implements Condition {
    public Leaf {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(op, "op");
      values = values == null ? List.of() : List.copyOf(values);
    }

    public String value() {
      return values.isEmpty() ? null : values.get(0);
    }
  }
}
