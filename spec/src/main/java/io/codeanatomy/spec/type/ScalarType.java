package io.codeanatomy.spec.type;

import java.util.Objects;

/** A scalar type such as {@code BIGINT} or {@code STRING NOT NULL}. */
public record ScalarType(ScalarKind kind, boolean nullable) implements TypeSpec {
  public ScalarType {
    Objects.requireNonNull(kind, "kind");
  }

  public static ScalarType of(ScalarKind kind) {
    return new ScalarType(kind, true);
  }

  @Override
  public ScalarType withNullable(boolean nullable) {
    return new ScalarType(kind, nullable);
  }

  @Override
  public String render() {
    return kind.name() + suffix();
  }
}
