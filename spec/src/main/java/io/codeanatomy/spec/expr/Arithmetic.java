package io.codeanatomy.spec.expr;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** {@code {add|sub|mul|div|mod: [left, right]}}. */
public record Arithmetic(Op op, Expr left, Expr right) implements Expr {

  /** The arithmetic operators; the JSON key is the lower-case name. */
  public enum Op {
    ADD,
    SUB,
    MUL,
    DIV,
    MOD;

    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public Arithmetic {
    Objects.requireNonNull(op, "op");
    Objects.requireNonNull(left, "left");
    Objects.requireNonNull(right, "right");
  }

  @Override
  public <R> R accept(ExprVisitor<R> visitor) {
    return visitor.visitArithmetic(this);
  }

  @Override
  public List<Child> children() {
    return List.of(new Child(op.key() + "[0]", left), new Child(op.key() + "[1]", right));
  }
}
