package io.codeanatomy.spec.expr;

import java.util.Objects;

/** A field of a {@link StructOf} or an entry of a {@link MapOf}: a name and its value. */
public record NamedValue(String name, Expr value) {
  public NamedValue {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
  }
}
