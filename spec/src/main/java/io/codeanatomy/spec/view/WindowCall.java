package io.codeanatomy.spec.view;

import static io.codeanatomy.spec.MissingFieldException.require;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.codeanatomy.spec.MissingFieldException;
import io.codeanatomy.spec.expr.Expr;

/** One column a WINDOW view adds: {@code function} over {@code arg} within the window. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WindowCall(String name, WindowFunction function, Expr arg) {
  public WindowCall {
    require(name, "name");
    require(function, "function");
    if (arg == null && !function.argOptional()) {
      throw new MissingFieldException("arg");
    }
  }
}
