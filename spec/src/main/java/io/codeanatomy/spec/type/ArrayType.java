package io.codeanatomy.spec.type;

import java.util.Objects;

/** {@code ARRAY<element>}. */
public record ArrayType(TypeSpec element, boolean nullable) implements TypeSpec {
  public ArrayType {
    Objects.requireNonNull(element, "element");
  }

  @Override
  public ArrayType withNullable(boolean nullable) {
    return new ArrayType(element, nullable);
  }

  @Override
  public String render() {
    return "ARRAY<" + element.render() + ">" + suffix();
  }
}
