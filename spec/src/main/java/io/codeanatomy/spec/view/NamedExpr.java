package io.codeanatomy.spec.view;

import static io.codeanatomy.spec.MissingFieldException.require;

import io.codeanatomy.spec.expr.Expr;

/** An output column: its name and the expression computing it. */
public record NamedExpr(String name, Expr expr) {
  public NamedExpr {
    require(name, "name");
    require(expr, "expr");
  }
}
