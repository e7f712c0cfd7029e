package io.codeanatomy.spec;

import io.codeanatomy.spec.type.TypeSpec;

/**
 * A column of an input or view as far as the validator can tell: its name and, where derivable
 * without the engine (declared columns, casts, literals, comparisons...), its type; otherwise
 * {@code type} is null and the compiler finds it out.
 */
public record DerivedColumn(String name, TypeSpec type) {}
