package io.codeanatomy.spec.type;

import java.util.Objects;

/** {@code MAP<key, value>}. */
public record MapType(TypeSpec key, TypeSpec value, boolean nullable) implements TypeSpec {
  public MapType {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
  }

  @Override
  public MapType withNullable(boolean nullable) {
    return new MapType(key, value, nullable);
  }

  @Override
  public String render() {
    return "MAP<" + key.render() + ", " + value.render() + ">" + suffix();
  }
}
