package io.wescrm.core.rules;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Operators of a leaf condition and what operand each takes. */
public enum Op {
  EQ("eq", Operand.VALUE),
  NE("ne", Operand.VALUE),
  IN("in", Operand.VALUES),
  NOT_IN("notIn", Operand.VALUES),
  CONTAINS("contains", Operand.VALUE),
  NOT_CONTAINS("notContains", Operand.VALUE),
  IS_EMPTY("isEmpty", Operand.NONE),
  IS_NOT_EMPTY("isNotEmpty", Operand.NONE),
  GT("gt", Operand.NUMBER),
  GTE("gte", Operand.NUMBER),
  LT("lt", Operand.NUMBER),
  LTE("lte", Operand.NUMBER),
  WITHIN_DAYS("withinDays", Operand.NUMBER),
  OLDER_THAN_DAYS("olderThanDays", Operand.NUMBER),
  NOT_WITHIN_DAYS("notWithinDays", Operand.NUMBER),
  HAS_ANY("hasAny", Operand.VALUES),
  HAS_ALL("hasAll", Operand.VALUES),
  HAS_NONE("hasNone", Operand.VALUES);

  /** What the JSON must carry: one {@code value}, a non-empty {@code values} list, a number, or nothing. */
  public enum Operand { VALUE, VALUES, NUMBER, NONE }

  private static final Map<String, Op> BY_KEY = Arrays.stream(values())
      .collect(Collectors.toMap(Op::key, Function.identity()));

  private final String key;
  private final Operand operand;

  Op(String key, Operand operand) {
    this.key = key;
    this.operand = operand;
  }

  public String key() {
    return key;
  }

  public Operand operand() {
    return operand;
  }

  /** The operand on a field: counts compare with a number even for {@code eq} / {@code ne}. */
  public Operand operand(Field field) {
    return field.type() == Field.Type.COUNT || field.type() == Field.Type.WINDOW_COUNT ? Operand.NUMBER : operand;
  }

  public static Optional<Op> byKey(String key) {
    return Optional.ofNullable(BY_KEY.get(key));
  }

  /** Compares two counts. */
  boolean compare(long actual, long expected) {
    return switch (this) {
      case EQ -> actual == expected;
      case NE -> actual != expected;
      case GT -> actual > expected;
      case GTE -> actual >= expected;
      case LT -> actual < expected;
      case LTE -> actual <= expected;
      default -> throw new IllegalStateException("not a comparison: " + this);
    };
  }

  String sqlComparison() {
    return switch (this) {
      case EQ -> "=";
      case NE -> "<>";
      case GT -> ">";
      case GTE -> ">=";
      case LT -> "<";
      case LTE -> "<=";
      default -> throw new IllegalStateException("not a comparison: " + this);
    };
  }
}
