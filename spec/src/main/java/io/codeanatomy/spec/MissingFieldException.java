package io.codeanatomy.spec;

import java.util.List;

/**
 * Thrown by model constructors when a required field is absent. The loader turns it into a {@link
 * SpecException} whose path ends in the field's name.
 */
public final class MissingFieldException extends IllegalArgumentException {
  private final String field;

  public MissingFieldException(String field) {
    super("missing required field '" + field + "'");
    this.field = field;
  }

  public String field() {
    return field;
  }

  /** {@code value}, or a {@link MissingFieldException} naming {@code field} when it is null. */
  public static <T> T require(T value, String field) {
    if (value == null || (value instanceof String s && s.isBlank())) {
      throw new MissingFieldException(field);
    }
    return value;
  }

  /** An immutable copy of {@code list}, or the empty list when absent. */
  public static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : List.copyOf(list);
  }
}
