package io.codeanatomy.spec.expr;

import java.util.List;
import java.util.Objects;

/** {@code {cast: {expr: e, type: T}}}. */
public record Cast(Expr expr, String type) implements Expr {
  public Cast {
    Objects.requireNonNull(expr, "expr");
    Objects.requireNonNull(type, "type");
  }

  @Override
  public <R> R accept(ExprVisitor<R> visitor) {
    return visitor.visitCast(this);
  }

  @Override
  public List<Child> children() {
    return List.of(new Child("cast.expr", expr));
  }
}
