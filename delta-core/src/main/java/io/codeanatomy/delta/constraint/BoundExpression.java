package io.codeanatomy.delta.constraint;

/**
 * An expression resolved against a schema: its type is known and it evaluates on one row of the
 * writer's representation ({@code Object[]} in schema order, structs as nested {@code Object[]}).
 * {@code null} is SQL NULL.
 */
record BoundExpression(SqlType type, Evaluator evaluator) {
  interface Evaluator {
    Object eval(Object[] row);
  }

  Object eval(Object[] row) {
    return evaluator.eval(row);
  }

  static BoundExpression constant(SqlType type, Object value) {
    return new BoundExpression(type, row -> value);
  }
}
