package io.codeanatomy.spec.expr;

import java.util.ArrayList;
import java.util.List;

/** {@code {array: [e, ...]}}. */
public record ArrayOf(List<Expr> elements) implements Expr {
  public ArrayOf {
    elements = List.copyOf(elements);
    if (elements.isEmpty()) {
      throw new IllegalArgumentException("array needs at least one element");
    }
  }

  @Override
  public <R> R accept(ExprVisitor<R> visitor) {
    return visitor.visitArray(this);
  }

  @Override
  public List<Child> children() {
    List<Child> out = new ArrayList<>();
    for (int i = 0; i < elements.size(); i++) {
      out.add(new Child("array[" + i + "]", elements.get(i)));
    }
    return out;
  }
}
