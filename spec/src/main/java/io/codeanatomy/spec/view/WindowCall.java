package io.codeanatomy.spec.view;

import static io.codeanatomy.spec.MissingFieldException.require;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.codeanatomy.spec.MissingFieldException;
import io.codeanatomy.spec.expr.Expr;

/**
 * One column a WINDOW view adds: {@code function} over {@code arg} within the window. {@code lead}
 * and {@code lag} also take {@code offset} (rows away, default 1) and {@code default} (the value
 * when there is no such row, default NULL); other functions take neither.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WindowCall(
    String name,
    WindowFunction function,
    Expr arg,
    Integer offset,
    @JsonProperty("default") Expr defaultValue) {
  public WindowCall {
    require(name, "name");
    require(function, "function");
    if (arg == null && !function.argOptional()) {
      throw new MissingFieldException("arg");
    }
    if (offset == null && function.offsetting()) {
      offset = 1;
    }
  }
}
