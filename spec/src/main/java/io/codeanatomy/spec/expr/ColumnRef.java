package io.codeanatomy.spec.expr;

import java.util.List;
import java.util.Objects;

/**
 * {@code {col: name}}: a column of the view's input. Inside a JOIN the name is qualified by side:
 * {@code left.x} or {@code right.y}.
 */
public record ColumnRef(String name) implements Expr {
  public ColumnRef {
    Objects.requireNonNull(name, "name");
  }

  @Override
  public <R> R accept(ExprVisitor<R> visitor) {
    return visitor.visitColumn(this);
  }

  @Override
  public List<Child> children() {
    return List.of();
  }
}
