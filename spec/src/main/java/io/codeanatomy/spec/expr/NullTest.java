package io.codeanatomy.spec.expr;

import java.util.List;
import java.util.Objects;

/** {@code {is_null: e}} or, with {@code negated}, {@code {is_not_null: e}}. */
public record NullTest(Expr operand, boolean negated) implements Expr {
  public NullTest {
    Objects.requireNonNull(operand, "operand");
  }

  public String key() {
    return negated ? "is_not_null" : "is_null";
  }

  @Override
  public <R> R accept(ExprVisitor<R> visitor) {
    return visitor.visitNullTest(this);
  }

  @Override
  public List<Child> children() {
    return List.of(new Child(key(), operand));
  }
}
