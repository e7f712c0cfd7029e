package io.codeanatomy.spec.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** {@code {and: [...]}} or {@code {or: [...]}} over two or more operands. */
public record Logical(Op op, List<Expr> operands) implements Expr {

  /** AND or OR; the JSON key is the lower-case name. */
  public enum Op {
    AND,
    OR;

    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public Logical {
    Objects.requireNonNull(op, "op");
    operands = List.copyOf(operands);
    if (operands.size() < 2) {
      throw new IllegalArgumentException(op.key() + " needs at least two operands");
    }
  }

  @Override
  public <R> R accept(ExprVisitor<R> visitor) {
    return visitor.visitLogical(this);
  }

  @Override
  public List<Child> children() {
    List<Child> out = new ArrayList<>();
    for (int i = 0; i < operands.size(); i++) {
      out.add(new Child(op.key() + "[" + i + "]", operands.get(i)));
    }
    return out;
  }
}
