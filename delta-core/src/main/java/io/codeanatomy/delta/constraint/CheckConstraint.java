package io.codeanatomy.delta.constraint;

import io.delta.kernel.types.StructType;

/**
 * One Delta CHECK constraint ({@code delta.constraints.<name>} = a Spark SQL boolean expression) or
 * legacy column invariant ({@code delta.invariants} column metadata), parsed and bound to a table
 * schema. Both are evaluated alike.
 */
public final class CheckConstraint {
  private final String name;
  private final String label;
  private final String expression;
  private final BoundExpression predicate;

  private CheckConstraint(String name, String label, String expression, StructType schema) {
    this.name = name;
    this.label = label;
    this.expression = expression;
    this.predicate = new ExpressionBinder(schema).bindPredicate(SqlParser.parse(expression));
  }

  /**
   * Parses and binds the CHECK constraint {@code name}.
   *
   * @throws UnsupportedExpressionException naming the construct this module cannot evaluate
   */
  public static CheckConstraint of(String name, String expression, StructType schema) {
    return new CheckConstraint(name, "CHECK constraint `" + name + "`", expression, schema);
  }

  /**
   * Parses and binds the invariant of column {@code column} (a dotted path for nested fields).
   *
   * @throws UnsupportedExpressionException naming the construct this module cannot evaluate
   */
  public static CheckConstraint invariant(String column, String expression, StructType schema) {
    return new CheckConstraint(column, "invariant of column `" + column + "`", expression, schema);
  }

  /** The constraint's name, or for an invariant its column. */
  public String name() {
    return name;
  }

  /** How messages name it: {@code CHECK constraint `positive`}, {@code invariant of column `n`}. */
  public String label() {
    return label;
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
