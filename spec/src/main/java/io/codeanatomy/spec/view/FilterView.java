package io.codeanatomy.spec.view;

import static io.codeanatomy.spec.MissingFieldException.require;

import io.codeanatomy.spec.expr.Expr;

/** Keeps the rows of {@code input} for which {@code where} is true. */
public record FilterView(String name, String input, Expr where) implements SingleInputView {
  public FilterView {
    require(name, "name");
    require(input, "input");
    require(where, "where");
  }

  @Override
  public ViewKind kind() {
    return ViewKind.FILTER;
  }

  @Override
  public <R> R accept(ViewVisitor<R> visitor) {
    return visitor.visitFilter(this);
  }
}
