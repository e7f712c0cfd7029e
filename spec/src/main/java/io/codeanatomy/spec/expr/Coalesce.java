package io.codeanatomy.spec.expr;

import java.util.ArrayList;
import java.util.List;

/** {@code {coalesce: [e, ...]}}: the first non-null operand. */
public record Coalesce(List<Expr> operands) implements Expr {
  public Coalesce {
    operands = List.copyOf(operands);
    if (operands.isEmpty()) {
      throw new IllegalArgumentException("coalesce needs at least one operand");
    }
  }

  @Override
  public <R> R accept(ExprVisitor<R> visitor) {
    return visitor.visitCoalesce(this);
  }

  @Override
  public List<Child> children() {
    List<Child> out = new ArrayList<>();
    for (int i = 0; i < operands.size(); i++) {
      out.add(new Child("coalesce[" + i + "]", operands.get(i)));
    }
    return out;
  }
}
