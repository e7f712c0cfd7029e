package io.codeanatomy.spec.expr;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;

/**
 * A scalar expression of the spec language: a small tree written as single-key JSON/YAML objects
 * ({@code {col: x}}, {@code {eq: [a, b]}}, ...). A bare scalar is a literal. The forms and their
 * JSON shape are listed in {@link ExprJson} and in {@code spec/README.md}.
 */
@JsonDeserialize(using = ExprJson.Deserializer.class)
@JsonSerialize(using = ExprJson.Serializer.class)
public sealed interface Expr
    permits ColumnRef,
        Literal,
        FunctionCall,
        Comparison,
        Logical,
        Not,
        NullTest,
        Arithmetic,
        In,
        CaseWhen,
        Cast,
        StructOf,
        MapOf,
        ArrayOf,
        Coalesce,
        Parameter {

  <R> R accept(ExprVisitor<R> visitor);

  /**
   * The direct sub-expressions with the path step that reaches each from this node, e.g. {@code
   * and[1]} or {@code case.when[0].then}; validation walks these to report precise paths.
   */
  List<Child> children();

  /** A sub-expression and the path step to it. */
  record Child(String step, Expr expr) {}

  static Expr col(String name) {
    return new ColumnRef(name);
  }
}
