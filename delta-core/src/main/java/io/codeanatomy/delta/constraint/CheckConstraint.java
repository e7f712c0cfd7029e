package io.codeanatomy.delta.constraint;

import io.delta.kernel.types.StructType;

/**
 * One Delta CHECK constraint ({@code delta.constraints.<name>} = a Spark SQL boolean expression),
 * parsed and bound to a table schema.
 */
public final class CheckConstraint {
  private final String name;
  private final String expression;
  private final BoundExpression predicate;

  private CheckConstraint(String name, String expression, BoundExpression predicate) {
    this.name = name;
    this.expression = expression;
    this.predicate = predicate;
  }

  /**
   * Parses and binds {@code expression}.
   *
   * @throws UnsupportedExpressionException naming the construct this module cannot evaluate
   */
  public static CheckConstraint of(String name, String expression, StructType schema) {
    SqlExpr parsed = SqlParser.parse(expression);
    return new CheckConstraint(
        name, expression, new ExpressionBinder(schema).bindPredicate(parsed));
  }

  public String name() {
    return name;
  }

  public String expression() {
    return expression;
  }

  /**
   * Whether the row satisfies the constraint. As in Delta (and unlike a SQL table CHECK), only TRUE
   * passes: a NULL result is a violation.
   */
  public boolean accepts(Object[] row) {
    return Boolean.TRUE.equals(predicate.eval(row));
  }

  /** The expression's value on the row: TRUE, FALSE or null for NULL. */
  Object evaluate(Object[] row) {
    return predicate.eval(row);
  }

  @Override
  public String toString() {
    return name + ": " + expression;
  }
}
