package io.codeanatomy.spec.view;

import static io.codeanatomy.spec.MissingFieldException.require;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.codeanatomy.spec.MissingFieldException;
import io.codeanatomy.spec.expr.Expr;

/** One aggregate output column: {@code function} over {@code arg} (omit arg for row count). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Aggregate(String name, AggregateFunction function, Expr arg) {
  public Aggregate {
    require(name, "name");
    require(function, "function");
    if (arg == null && !function.argOptional()) {
      throw new MissingFieldException("arg");
    }
  }
}
