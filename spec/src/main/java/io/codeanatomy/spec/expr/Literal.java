package io.codeanatomy.spec.expr;

import java.util.List;

/**
 * {@code {lit: value, type: T}} or a bare scalar. {@code value} is a {@code String}, {@code Long},
 * {@code Double}, {@code Boolean} or null; {@code type} (type text) is required for null and
 * optional otherwise: integers default to INT (BIGINT when they do not fit), decimals to DOUBLE,
 * text to STRING.
 */
public record Literal(Object value, String type) implements Expr {
  public Literal {
    if (value != null
        && !(value instanceof String
            || value instanceof Long
            || value instanceof Double
            || value instanceof Boolean)) {
      throw new IllegalArgumentException(
          "literal value must be text, a number or a boolean, not " + value.getClass());
    }
  }

  public static Literal of(Object value) {
    if (value instanceof Integer i) {
      return new Literal(i.longValue(), null);
    }
    return new Literal(value, null);
  }

  /** The type text: the declared one, or the one implied by the value. */
  public String effectiveType() {
    if (type != null) {
      return type;
    }
    if (value instanceof Long l) {
      return l == l.intValue() ? "INT NOT NULL" : "BIGINT NOT NULL";
    }
    if (value instanceof Double) {
      return "DOUBLE NOT NULL";
    }
    if (value instanceof Boolean) {
      return "BOOLEAN NOT NULL";
    }
    if (value instanceof String) {
      return "STRING NOT NULL";
    }
    return null;
  }

  @Override
  public <R> R accept(ExprVisitor<R> visitor) {
    return visitor.visitLiteral(this);
  }

  @Override
  public List<Child> children() {
    return List.of();
  }
}
