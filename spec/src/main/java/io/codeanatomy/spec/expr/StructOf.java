package io.codeanatomy.spec.expr;

import java.util.List;

/**
 * {@code {struct: {field: e, ...}}}: a ROW whose field names and order are those written. Order is
 * part of the type, so the canonical form keeps it (see {@link ExprJson}).
 */
public record StructOf(List<NamedValue> fields) implements Expr {
  public StructOf {
    fields = List.copyOf(fields);
    if (fields.isEmpty()) {
      throw new IllegalArgumentException("struct needs at least one field");
    }
  }

  @Override
  public <R> R accept(ExprVisitor<R> visitor) {
    return visitor.visitStruct(this);
  }

  @Override
  public List<Child> children() {
    return fields.stream().map(f -> new Child("struct." + f.name(), f.value())).toList();
  }
}
