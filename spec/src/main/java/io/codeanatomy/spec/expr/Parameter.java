package io.codeanatomy.spec.expr;

import java.util.List;

/**
 * {@code {param: n}}: the value bound to the spec's parameter at {@code position} (1-based), typed
 * as the spec's {@code parameters} entry declares. The compiler turns it into a typed literal.
 */
public record Parameter(int position) implements Expr {
  @Override
  public <R> R accept(ExprVisitor<R> visitor) {
    return visitor.visitParameter(this);
  }

  @Override
  public List<Child> children() {
    return List.of();
  }
}
