package io.codeanatomy.source.skipping;

import com.fasterxml.jackson.databind.JsonNode;
import io.delta.kernel.expressions.Column;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.expressions.Predicate;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * A predicate over a data file's statistics: {@link #mightMatch} is false only when no row of the
 * file can satisfy the query's filter, so skipping such a file never changes a result. Built from
 * the query's filters by {@link FilterTranslator}; the filters themselves stay in the plan.
 */
public sealed interface FilePredicate extends Serializable {

  boolean mightMatch(FileStats stats);

  /**
   * The same filter as a Kernel predicate, for the min/max and null counts of Parquet row groups
   * ({@code io.codeanatomy.delta.read.RowGroupPruning} and Kernel's Parquet reader), or empty when
   * no part of it translates. It may be weaker than this predicate (a conjunction keeps the parts
   * that translate), never stronger, so a row group it rules out holds no matching row.
   */
  Optional<Predicate> toRowGroupPredicate();

  /** Comparison operators, written with the column on the left. */
  enum Op {
    EQ("="),
    LT("<"),
    LE("<="),
    GT(">"),
    GE(">=");

    final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }

    Op flipped() {
      return switch (this) {
        case LT -> GT;
        case LE -> GE;
        case GT -> LT;
        case GE -> LE;
        case EQ -> EQ;
      };
    }
  }

  /**
   * {@code column op value} for a numeric ({@link BigDecimal}) or string value. Delta truncates
   * long string statistics, so a string maximum of {@value #STRING_PREFIX} characters or more is
   * not a bound (a truncated minimum still is).
   */
  record Compare(String column, Op op, Comparable<?> value) implements FilePredicate {
    static final int STRING_PREFIX = 32;

    @Override
    public boolean mightMatch(FileStats stats) {
      Integer minVsValue = compare(stats.min(column), false);
      Integer maxVsValue = compare(stats.max(column), true);
      return switch (op) {
        case EQ ->
            (minVsValue == null || minVsValue <= 0) && (maxVsValue == null || maxVsValue >= 0);
        case LT -> minVsValue == null || minVsValue < 0;
        case LE -> minVsValue == null || minVsValue <= 0;
        case GT -> maxVsValue == null || maxVsValue > 0;
        case GE -> maxVsValue == null || maxVsValue >= 0;
      };
    }

    /**
     * Integers become a long literal (Kernel narrows it for an INT column when it fits, and skips
     * nothing by it for other column types, decimals included); a fractional number or one beyond a
     * long is left out. Strings compare as Parquet orders UTF-8 (unsigned bytes), as Flink does.
     */
    @Override
    public Optional<Predicate> toRowGroupPredicate() {
      Literal literal;
      if (value instanceof String string) {
        literal = Literal.ofString(string);
      } else if (value instanceof BigDecimal number) {
        try {
          literal = Literal.ofLong(number.longValueExact());
        } catch (ArithmeticException fractionalOrTooLarge) {
          return Optional.empty();
        }
      } else {
        return Optional.empty();
      }
      return Optional.of(new Predicate(op.symbol, new Column(column), literal));
    }

    /** stat compared with the value, or null when the statistic is unknown or not comparable. */
    private Integer compare(JsonNode stat, boolean isMax) {
      if (value instanceof BigDecimal number && stat.isNumber()) {
        return stat.decimalValue().compareTo(number);
      }
      if (value instanceof String string && stat.isTextual()) {
        String s = stat.asText();
        if (isMax && s.length() >= STRING_PREFIX) {
          return null;
        }
        return s.compareTo(string);
      }
      return null;
    }

    @Override
    public String toString() {
      return column + " " + op.symbol + " " + value;
    }
  }

  /** {@code column IS NULL} or, negated, {@code column IS NOT NULL}. */
  record IsNull(String column, boolean negated) implements FilePredicate {
    @Override
    public boolean mightMatch(FileStats stats) {
      long nulls = stats.nullCount(column);
      if (nulls < 0) {
        return true;
      }
      if (!negated) {
        return nulls > 0;
      }
      long rows = stats.numRecords();
      return rows < 0 || nulls < rows;
    }

    @Override
    public Optional<Predicate> toRowGroupPredicate() {
      return Optional.of(new Predicate(negated ? "IS_NOT_NULL" : "IS_NULL", new Column(column)));
    }
  }

  record And(FilePredicate left, FilePredicate right) implements FilePredicate {
    @Override
    public boolean mightMatch(FileStats stats) {
      return left.mightMatch(stats) && right.mightMatch(stats);
    }

    /** Either side alone is weaker than both, so a side that does not translate is dropped. */
    @Override
    public Optional<Predicate> toRowGroupPredicate() {
      Optional<Predicate> l = left.toRowGroupPredicate();
      Optional<Predicate> r = right.toRowGroupPredicate();
      if (l.isPresent() && r.isPresent()) {
        return Optional.of(new io.delta.kernel.expressions.And(l.get(), r.get()));
      }
      return l.isPresent() ? l : r;
    }
  }

  record Or(FilePredicate left, FilePredicate right) implements FilePredicate {
    @Override
    public boolean mightMatch(FileStats stats) {
      return left.mightMatch(stats) || right.mightMatch(stats);
    }

    /** A disjunction translates only whole: a missing side could match anything. */
    @Override
    public Optional<Predicate> toRowGroupPredicate() {
      Optional<Predicate> l = left.toRowGroupPredicate();
      Optional<Predicate> r = right.toRowGroupPredicate();
      if (l.isPresent() && r.isPresent()) {
        return Optional.of(new io.delta.kernel.expressions.Or(l.get(), r.get()));
      }
      return Optional.empty();
    }
  }
}
