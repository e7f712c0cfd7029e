package io.codeanatomy.spec.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** {@code {in: {expr: e, values: [v, ...]}}}. */
public record In(Expr expr, List<Expr> values) implements Expr {
  public In {
    Objects.requireNonNull(expr, "expr");
    values = List.copyOf(values);
    if (values.isEmpty()) {
      throw new IllegalArgumentException("in needs at least one value");
    }
  }

  @Override
  public <R> R accept(ExprVisitor<R> visitor) {
    return visitor.visitIn(this);
  }

  @Override
  public List<Child> children() {
    List<Child> out = new ArrayList<>();
    out.add(new Child("in.expr", expr));
    for (int i = 0; i < values.size(); i++) {
      out.add(new Child("in.values[" + i + "]", values.get(i)));
    }
    return out;
  }
}
