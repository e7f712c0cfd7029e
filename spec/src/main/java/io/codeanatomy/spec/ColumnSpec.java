package io.codeanatomy.spec;

import static io.codeanatomy.spec.MissingFieldException.require;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.codeanatomy.spec.type.TypeSpec;

/**
 * A declared column: {@code type} is type text (see {@link TypeSpec}), {@code nullable} defaults to
 * true, {@code semantic} is optional.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ColumnSpec(String name, String type, Boolean nullable, SemanticType semantic) {
  public ColumnSpec {
    require(name, "name");
    require(type, "type");
    nullable = nullable == null || nullable;
  }

  public static ColumnSpec of(String name, String type, boolean nullable) {
    return new ColumnSpec(name, type, nullable, null);
  }

  /** The parsed type with this column's nullability applied at the top level. */
  public TypeSpec typeSpec() {
    return TypeSpec.parse(type).withNullable(nullable);
  }
}
