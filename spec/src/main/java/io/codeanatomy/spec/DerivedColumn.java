package io.codeanatomy.spec;

import io.codeanatomy.spec.type.TypeSpec;

/**
 * A column of an input or view as far as the validator can tell: its name and, where derivable
 * without the engine (declared columns, casts, literals, comparisons...), its type; otherwise
 * {@code type} is null and the compiler finds it out. {@code semantic} is the declared semantic
 * type, carried through views wherever a column is passed on unchanged (null when unknown).
 */
public record DerivedColumn(String name, TypeSpec type, SemanticType semantic) {
  public DerivedColumn(String name, TypeSpec type) {
    this(name, type, null);
  }

  /** The same column with another type (e.g. made nullable by an outer join). */
  public DerivedColumn withType(TypeSpec newType) {
    return new DerivedColumn(name, newType, semantic);
  }
}
