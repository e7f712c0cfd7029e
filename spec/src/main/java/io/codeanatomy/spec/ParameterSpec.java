package io.codeanatomy.spec;

import static io.codeanatomy.spec.MissingFieldException.require;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A declared positional parameter: expressions read it as {@code {param: position}}; {@code type}
 * is scalar type text; {@code name} only documents it. Positions run from 1 without gaps.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ParameterSpec(Integer position, String type, String name) {
  public ParameterSpec {
    require(position, "position");
    require(type, "type");
  }
}
