package io.codeanatomy.spec.expr;

import java.util.List;
import java.util.Objects;

/** {@code {not: e}}. */
public record Not(Expr operand) implements Expr {
  public Not {
    Objects.requireNonNull(operand, "operand");
  }

  @Override
  public <R> R accept(ExprVisitor<R> visitor) {
    return visitor.visitNot(this);
  }

  @Override
  public List<Child> children() {
    return List.of(new Child("not", operand));
  }
}
