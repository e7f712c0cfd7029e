package io.codeanatomy.spec.expr;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** {@code {eq|ne|lt|le|gt|ge: [left, right]}}. */
public record Comparison(Op op, Expr left, Expr right) implements Expr {

  /** The comparison operators; the JSON key is the lower-case name. */
  public enum Op {
    EQ,
    NE,
    LT,
    LE,
    GT,
    GE;

    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public Comparison {
    Objects.requireNonNull(op, "op");
    Objects.requireNonNull(left, "left");
    Objects.requireNonNull(right, "right");
  }

  @Override
  public <R> R accept(ExprVisitor<R> visitor) {
    return visitor.visitComparison(this);
  }

  @Override
  public List<Child> children() {
    return List.of(new Child(op.key() + "[0]", left), new Child(op.key() + "[1]", right));
  }
}
