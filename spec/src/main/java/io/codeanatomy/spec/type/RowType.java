package io.codeanatomy.spec.type;

import java.util.List;
import java.util.stream.Collectors;

/** {@code ROW<name type, ...>}: field order is part of the type. */
public record RowType(List<Field> fields, boolean nullable) implements TypeSpec {

  /** One named field of a row. */
  public record Field(String name, TypeSpec type) {}

  public RowType {
    fields = List.copyOf(fields);
  }

  @Override
  public RowType withNullable(boolean nullable) {
    return new RowType(fields, nullable);
  }

  @Override
  public String render() {
    return fields.stream()
            .map(f -> f.name() + " " + f.type().render())
            .collect(Collectors.joining(", ", "ROW<", ">"))
        + suffix();
  }
}
