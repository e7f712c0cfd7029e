package io.codeanatomy.spec.type;

/**
 * A column or expression type written as Flink-SQL-like text ({@code STRING}, {@code
 * ARRAY<STRING>}, {@code MAP<STRING,STRING>}, {@code ROW<a INT, b STRING NOT NULL>}). The spec
 * module has no Flink dependency, so it parses and renders the text itself; the compiler maps the
 * parsed form to Flink's {@code DataType}.
 */
public sealed interface TypeSpec permits ScalarType, ArrayType, MapType, RowType {

  boolean nullable();

  /** The same type with the given top-level nullability. */
  TypeSpec withNullable(boolean nullable);

  /** Canonical text: upper-case keywords, {@code NOT NULL} where not nullable, one space style. */
  String render();

  /** Parses type text; throws {@link TypeSyntaxException} saying what was expected where. */
  static TypeSpec parse(String text) {
    return new TypeParser(text).parse();
  }

  /** Whether two types are the same ignoring nullability at every level. */
  static boolean sameIgnoringNullability(TypeSpec a, TypeSpec b) {
    return allNullable(a).equals(allNullable(b));
  }

  /** The type with every level nullable. */
  static TypeSpec allNullable(TypeSpec type) {
    if (type instanceof ArrayType a) {
      return new ArrayType(allNullable(a.element()), true);
    }
    if (type instanceof MapType m) {
      return new MapType(allNullable(m.key()), allNullable(m.value()), true);
    }
    if (type instanceof RowType r) {
      return new RowType(
          r.fields().stream().map(f -> new RowType.Field(f.name(), allNullable(f.type()))).toList(),
          true);
    }
    return type.withNullable(true);
  }

  default String suffix() {
    return nullable() ? "" : " NOT NULL";
  }
}
