package io.codeanatomy.spec.type;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The scalar type roots a spec may name. Aliases map SQL spellings onto one canonical root. */
public enum ScalarKind {
  STRING,
  BYTES,
  BOOLEAN,
  TINYINT,
  SMALLINT,
  INT,
  BIGINT,
  FLOAT,
  DOUBLE,
  DATE,
  TIMESTAMP,
  TIMESTAMP_LTZ;

  /** The root for a keyword, accepting {@code INTEGER}, {@code VARCHAR} and {@code BOOL}. */
  public static Optional<ScalarKind> of(String keyword) {
    String k = keyword.toUpperCase(Locale.ROOT);
    switch (k) {
      case "INTEGER":
        return Optional.of(INT);
      case "VARCHAR":
        return Optional.of(STRING);
      case "BOOL":
        return Optional.of(BOOLEAN);
      default:
        return Arrays.stream(values()).filter(v -> v.name().equals(k)).findFirst();
    }
  }

  public boolean isNumeric() {
    return this == TINYINT
        || this == SMALLINT
        || this == INT
        || this == BIGINT
        || this == FLOAT
        || this == DOUBLE;
  }

  /**
   * The numeric type both {@code a} and {@code b} widen to without loss of range (TINYINT &lt;
   * SMALLINT &lt; INT &lt; BIGINT &lt; FLOAT &lt; DOUBLE), as a UNION needs; empty unless both are
   * numeric.
   */
  public static Optional<ScalarKind> widen(ScalarKind a, ScalarKind b) {
    if (!a.isNumeric() || !b.isNumeric()) {
      return a == b ? Optional.of(a) : Optional.empty();
    }
    return Optional.of(a.ordinal() >= b.ordinal() ? a : b);
  }
}
