package io.wescrm.core.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Evaluates a condition on one {@link CustomerSnapshot}. Must agree with {@link SqlRuleCompiler} on every input (a
 * randomised test proves it): text comparisons ignore case; a missing value equals nothing.
 */
public final class InMemoryEvaluator {

  private InMemoryEvaluator() {
  }

  public static boolean matches(Condition condition, CustomerSnapshot c, Instant now) {
    if (condition instanceof Condition.All all) {
      for (Condition item : all.items()) {
        if (!matches(item, c, now)) {
          return false;
        }
      }
      return true;
    }
    if (condition instanceof Condition.Any any) {
      for (Condition item : any.items()) {
        if (matches(item, c, now)) {
          return true;
        }
      }
      return false;
    }
    if (condition instanceof Condition.Not not) {
      return !matches(not.item(), c, now);
    }
    if (condition instanceof Condition.SameFollow same) {
      return anyLive(c, r -> relation(same, r, now));
    }
    return leaf((Condition.Leaf) condition, c, now);
  }

  /** Why a condition holds or fails for one customer: every node with its outcome. */
  public static Explanation explain(Condition condition, CustomerSnapshot c, Instant now) {
    boolean held = matches(condition, c, now);
    if (condition instanceof Condition.All all) {
      return new Explanation("all", held, null, all.items().stream().map(i -> explain(i, c, now)).toList());
    }
    if (condition instanceof Condition.Any any) {
      return new Explanation("any", held, null, any.items().stream().map(i -> explain(i, c, now)).toList());
    }
    if (condition instanceof Condition.Not not) {
      return new Explanation("not", held, null, List.of(explain(not.item(), c, now)));
    }
    if (condition instanceof Condition.SameFollow same) {
      // each child says whether some relation satisfies it; the node, whether one relation satisfies them all
      List<String> satisfying = c.liveRelations().stream()
          .filter(r -> relation(same, r, now))
          .map(CustomerSnapshot.Relation::userid).toList();
      return new Explanation("sameFollow", held, "relations satisfying every item: " + satisfying,
          same.items().stream().map(i -> explain(i, c, now)).toList());
    }
    Condition.Leaf leaf = (Condition.Leaf) condition;
    return new Explanation(RuleCodec.text(RuleCodec.write(leaf)), held, actual(leaf, c, now), List.of());
  }

  /**
   * One node of an explanation.
   *
   * @param node all / any / not, or the leaf as JSON
   * @param actual for a leaf, what the customer has (e.g. its live relations' states)
   */
  public record Explanation(String node, boolean held, String actual, List<Explanation> children) {
  }

  private static boolean leaf(Condition.Leaf leaf, CustomerSnapshot c, Instant now) {
    Field field = leaf.field();
    Op op = leaf.op();
    switch (field) {
      case GENDER:
        return intPred(leaf, c.gender() == null ? null : c.gender().longValue());
      case CUSTOMER_TYPE:
        return intPred(leaf, c.type() == null ? null : c.type().longValue());
      case CORP_NAME:
        return textPred(leaf, c.corpName());
      case LIFECYCLE_STAGE:
        return textPred(leaf, c.lifecycleStage());
      case FOLLOW_STAFF:
      case FOLLOW_STATE:
      case FOLLOW_REMARK:
      case FOLLOW_ADD_WAY:
      case FOLLOW_DEPARTMENT:
      case FOLLOW_ADDED_AT:
        return anyLive(c, r -> relation(leaf, r, now));
      case FOLLOW_COUNT:
        return op.compare(c.liveRelations().size(), leaf.number());
      case TAGS: {
        Set<String> tags = c.tags();
        return switch (op) {
          case HAS_ANY -> leaf.values().stream().anyMatch(tags::contains);
          case HAS_ALL -> tags.containsAll(leaf.values());
          default -> leaf.values().stream().noneMatch(tags::contains);
        };
      }
      case GROUP_CHAT:
        return groupSet(leaf, c, m -> textIn(leaf.values(), m.chatId()));
      case GROUP_OWNER:
        return groupSet(leaf, c, m -> textIn(leaf.values(), m.owner()));
      case GROUP_STORE:
        return groupSet(leaf, c, m -> m.ownerDepartment() != null
            && leaf.values().contains(String.valueOf(m.ownerDepartment())));
      case GROUP_COUNT:
        return op.compare(c.memberships().stream().filter(CustomerSnapshot.Membership::live).count(), leaf.number());
      case MOMENT_LIKES:
      case MOMENT_COMMENTS: {
        String kind = field == Field.MOMENT_LIKES ? "LIKE" : "COMMENT";
        Instant cutoff = cutoff(now, leaf.days().longValue());
        long n = c.moments().stream().filter(m -> m.kind().equals(kind) && !m.at().isBefore(cutoff)).count();
        return op.compare(n, leaf.number());
      }
      case MOMENT_INTERACTIONS:
        return op.compare(momentsWithin(c, leaf.days(), now), leaf.number());
      case CAMPAIGN_RECEIVED: {
        boolean any = received(leaf, c, now).findAny().isPresent();
        return op == Op.IN ? any : !any;
      }
      case CAMPAIGN_PUSHES:
        return op.compare(pushesWithin(c, leaf.days(), now), leaf.number());
      case INTERACTION: {
        Instant cutoff = cutoff(now, leaf.number());
        boolean recent = c.relations().stream().anyMatch(r -> r.addedAt() != null && !r.addedAt().isBefore(cutoff))
            || c.memberships().stream().anyMatch(m -> m.joinedAt() != null && !m.joinedAt().isBefore(cutoff))
            || c.moments().stream().anyMatch(m -> !m.at().isBefore(cutoff));
        return op == Op.WITHIN_DAYS ? recent : !recent;
      }
      case DELETED_BY_CUSTOMER:
      case DELETED_BY_STAFF: {
        String by = field == Field.DELETED_BY_CUSTOMER ? "CUSTOMER" : "STAFF";
        Instant cutoff = cutoff(now, leaf.number());
        boolean recent = c.relations().stream().anyMatch(r -> by.equals(r.deletedBy()) && r.deletedAt() != null
            && !r.deletedAt().isBefore(cutoff));
        return op == Op.WITHIN_DAYS ? recent : !recent;
      }
      default:
        throw new IllegalStateException("unhandled field " + field);
    }
  }

  /** Every item of the node on one relation. */
  private static boolean relation(Condition.SameFollow same, CustomerSnapshot.Relation r, Instant now) {
    return same.items().stream().allMatch(leaf -> relation(leaf, r, now));
  }

  /** A follow-scoped leaf on one relation. */
  private static boolean relation(Condition.Leaf leaf, CustomerSnapshot.Relation r, Instant now) {
    return switch (leaf.field()) {
      case FOLLOW_STAFF -> textPred(leaf, r.userid());
      case FOLLOW_STATE -> textPred(leaf, r.state());
      case FOLLOW_REMARK -> textPred(leaf, r.remark());
      case FOLLOW_ADD_WAY -> intPred(leaf, r.addWay() == null ? null : r.addWay().longValue());
      case FOLLOW_DEPARTMENT -> intPred(leaf, r.staffDepartment());
      case FOLLOW_ADDED_AT -> {
        Instant cutoff = cutoff(now, leaf.number());
        yield r.addedAt() != null
            && (leaf.op() == Op.WITHIN_DAYS ? !r.addedAt().isBefore(cutoff) : r.addedAt().isBefore(cutoff));
      }
      default -> throw new IllegalStateException(leaf.field() + " is not a field of one follow relation");
    };
  }

  /** The customer's pushes of the leaf's campaigns (within its window, when it has one). */
  private static java.util.stream.Stream<CustomerSnapshot.CampaignPush> received(Condition.Leaf leaf,
      CustomerSnapshot c, Instant now) {
    Instant cutoff = leaf.days() == null ? null : cutoff(now, leaf.days().longValue());
    return c.pushes().stream().filter(p -> leaf.values().contains(String.valueOf(p.campaignId()))
        && (cutoff == null || !p.at().isBefore(cutoff)));
  }

  private static long pushesWithin(CustomerSnapshot c, long days, Instant now) {
    Instant cutoff = cutoff(now, days);
    return c.pushes().stream().filter(p -> !p.at().isBefore(cutoff)).count();
  }

  static Instant cutoff(Instant now, long days) {
    return now.minus(Duration.ofDays(days));
  }

  private static boolean anyLive(CustomerSnapshot c, Predicate<CustomerSnapshot.Relation> p) {
    for (CustomerSnapshot.Relation r : c.relations()) {
      if (r.live() && p.test(r)) {
        return true;
      }
    }
    return false;
  }

  private static boolean groupSet(Condition.Leaf leaf, CustomerSnapshot c,
      Predicate<CustomerSnapshot.Membership> p) {
    boolean any = c.memberships().stream().anyMatch(m -> m.live() && p.test(m));
    return leaf.op() == Op.IN ? any : !any;
  }

  private static boolean textIn(List<String> values, String v) {
    if (v == null) {
      return false;
    }
    String lower = lower(v);
    return values.stream().anyMatch(x -> lower(x).equals(lower));
  }

  private static boolean textPred(Condition.Leaf leaf, String v) {
    return switch (leaf.op()) {
      case EQ, IN -> textIn(leaf.values(), v);
      case NE, NOT_IN -> !textIn(leaf.values(), v);
      case CONTAINS -> v != null && lower(v).contains(lower(leaf.value()));
      case NOT_CONTAINS -> v == null || !lower(v).contains(lower(leaf.value()));
      case IS_EMPTY -> blank(v);
      case IS_NOT_EMPTY -> !blank(v);
      default -> throw new IllegalStateException("op " + leaf.op() + " on text");
    };
  }

  private static boolean intPred(Condition.Leaf leaf, Long v) {
    boolean in = v != null && leaf.values().contains(String.valueOf(v));
    return switch (leaf.op()) {
      case EQ, IN -> in;
      case NE, NOT_IN -> !in;
      default -> throw new IllegalStateException("op " + leaf.op() + " on int");
    };
  }

  /** As SQL's {@code TRIM(x) = ''}: only spaces count as blank. */
  static boolean blank(String v) {
    return v == null || v.chars().allMatch(ch -> ch == ' ');
  }

  static String lower(String v) {
    return v.toLowerCase(Locale.ROOT);
  }

  private static String actual(Condition.Leaf leaf, CustomerSnapshot c, Instant now) {
    Function<Function<CustomerSnapshot.Relation, Object>, String> live = f -> c.liveRelations().stream()
        .map(r -> r.userid() + "=" + f.apply(r)).collect(Collectors.joining(", ", "[", "]"));
    return switch (leaf.field()) {
      case GENDER -> String.valueOf(c.gender());
      case CUSTOMER_TYPE -> String.valueOf(c.type());
      case CORP_NAME -> String.valueOf(c.corpName());
      case LIFECYCLE_STAGE -> String.valueOf(c.lifecycleStage());
      case FOLLOW_STAFF -> live.apply(r -> "live");
      case FOLLOW_STATE -> live.apply(CustomerSnapshot.Relation::state);
      case FOLLOW_REMARK -> live.apply(CustomerSnapshot.Relation::remark);
      case FOLLOW_ADD_WAY -> live.apply(CustomerSnapshot.Relation::addWay);
      case FOLLOW_DEPARTMENT -> live.apply(CustomerSnapshot.Relation::staffDepartment);
      case FOLLOW_ADDED_AT -> live.apply(CustomerSnapshot.Relation::addedAt);
      case FOLLOW_COUNT -> String.valueOf(c.liveRelations().size());
      case TAGS -> c.tags().stream().sorted().toList().toString();
      case GROUP_CHAT, GROUP_OWNER, GROUP_STORE, GROUP_COUNT -> c.memberships().stream()
          .filter(CustomerSnapshot.Membership::live)
          .map(m -> m.chatId() + "(owner " + m.owner() + ", store " + m.ownerDepartment() + ")").toList().toString();
      case MOMENT_LIKES, MOMENT_COMMENTS -> {
        String kind = leaf.field() == Field.MOMENT_LIKES ? "LIKE" : "COMMENT";
        Instant cutoff = cutoff(now, leaf.days());
        yield String.valueOf(c.moments().stream().filter(m -> m.kind().equals(kind) && !m.at().isBefore(cutoff))
            .count());
      }
      case CAMPAIGN_RECEIVED -> received(leaf, c, now).map(p -> p.campaignId() + "@" + p.at()).toList()
          + " of " + c.pushes().size() + " pushes";
      case MOMENT_INTERACTIONS -> String.valueOf(momentsWithin(c, leaf.days(), now));
      case CAMPAIGN_PUSHES -> String.valueOf(pushesWithin(c, leaf.days(), now));
      case INTERACTION -> {
        List<Instant> times = new ArrayList<>();
        c.relations().forEach(r -> times.add(r.addedAt()));
        c.memberships().forEach(m -> times.add(m.joinedAt()));
        c.moments().forEach(m -> times.add(m.at()));
        yield "last " + times.stream().filter(java.util.Objects::nonNull).max(Instant::compareTo)
            .map(Instant::toString).orElse("never");
      }
      case DELETED_BY_CUSTOMER, DELETED_BY_STAFF -> c.relations().stream().filter(r -> r.deletedAt() != null)
          .map(r -> r.userid() + " " + r.deletedBy() + " " + r.deletedAt()).toList().toString();
    };
  }

  /** Distinct moments liked or commented within the last {@code days} days. */
  private static long momentsWithin(CustomerSnapshot c, long days, Instant now) {
    Instant cutoff = cutoff(now, days);
    return c.moments().stream().filter(m -> !m.at().isBefore(cutoff))
        .map(CustomerSnapshot.MomentInteraction::distinctKey).distinct().count();
  }
}
