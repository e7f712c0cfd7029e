package io.codeanatomy.spec.expr;

import java.util.List;

/** {@code {map: {key: e, ...}}}: a MAP with literal text keys; values must share one type. */
public record MapOf(List<NamedValue> entries) implements Expr {
  public MapOf {
    entries = List.copyOf(entries);
    if (entries.isEmpty()) {
      throw new IllegalArgumentException("map needs at least one entry");
    }
  }

  @Override
  public <R> R accept(ExprVisitor<R> visitor) {
    return visitor.visitMap(this);
  }

  @Override
  public List<Child> children() {
    return entries.stream().map(f -> new Child("map." + f.name(), f.value())).toList();
  }
}
