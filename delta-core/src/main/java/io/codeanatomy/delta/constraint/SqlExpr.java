package io.codeanatomy.delta.constraint;

import java.util.List;

/**
 * The syntax tree of a constraint expression, as {@link SqlParser} reads it from Spark SQL text.
 * Nothing is resolved yet: {@link ExpressionBinder} checks names and types against a schema.
 */
sealed interface SqlExpr {

  /** A column, or a field of a struct column: {@code a}, {@code `a b`}, {@code a.b}. */
  record ColumnRef(List<String> path) implements SqlExpr {
    String display() {
      return String.join(".", path);
    }
  }

  /**
   * A literal; {@code value} is already in the evaluator's representation (see {@link SqlType}).
   */
  record Literal(SqlType type, Object value) implements SqlExpr {}

  /** {@code - operand}. */
  record Negate(SqlExpr operand) implements SqlExpr {}

  /** {@code NOT operand}. */
  record Not(SqlExpr operand) implements SqlExpr {}

  /** {@code left AND right} or {@code left OR right}. */
  record Logical(boolean and, SqlExpr left, SqlExpr right) implements SqlExpr {}

  /** {@code left op right} for = == <> != < <= > >= <=>. */
  record Comparison(String op, SqlExpr left, SqlExpr right) implements SqlExpr {}

  /** {@code left op right} for + - * / %. */
  record Arithmetic(char op, SqlExpr left, SqlExpr right) implements SqlExpr {}

  /** {@code operand IS [NOT] NULL}. */
  record IsNull(SqlExpr operand, boolean negated) implements SqlExpr {}

  /** {@code operand [NOT] IN (values...)}. */
  record In(SqlExpr operand, List<SqlExpr> values, boolean negated) implements SqlExpr {}

  /** {@code operand [NOT] BETWEEN low AND high}. */
  record Between(SqlExpr operand, SqlExpr low, SqlExpr high, boolean negated) implements SqlExpr {}

  /** {@code name(args...)}; the name is upper case. */
  record Call(String name, List<SqlExpr> args) implements SqlExpr {}

  /**
   * {@code CASE WHEN c1 THEN r1 ... [ELSE e] END}; the simple form {@code CASE x WHEN v THEN ...}
   * is parsed into conditions {@code x = v}.
   */
  record Case(List<SqlExpr> conditions, List<SqlExpr> results, SqlExpr otherwise)
      implements SqlExpr {}
}
