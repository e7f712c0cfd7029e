package io.codeanatomy.source.skipping;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Serializable;
import java.math.BigDecimal;

/**
 * A predicate over a data file's statistics: {@link #mightMatch} is false only when no row of the
 * file can satisfy the query's filter, so skipping such a file never changes a result. Built from
 * the query's filters by {@link FilterTranslator}; the filters themselves stay in the plan.
 */
public sealed interface FilePredicate extends Serializable {

  boolean mightMatch(FileStats stats);

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
  }

  record And(FilePredicate left, FilePredicate right) implements FilePredicate {
    @Override
    public boolean mightMatch(FileStats stats) {
      return left.mightMatch(stats) && right.mightMatch(stats);
    }
  }

  record Or(FilePredicate left, FilePredicate right) implements FilePredicate {
    @Override
    public boolean mightMatch(FileStats stats) {
      return left.mightMatch(stats) || right.mightMatch(stats);
    }
  }
}
