package io.codeanatomy.delta.constraint;

/**
 * The types the evaluator distinguishes, each with one Java representation of its values: {@code
 * INTEGRAL} = {@link Long} (byte to long), {@code DECIMAL} = {@link java.math.BigDecimal}, {@code
 * FRACTIONAL} = {@link Double} (float, double), {@code STRING} = {@link String}, {@code BOOLEAN} =
 * {@link Boolean}, {@code DATE} = {@link java.time.LocalDate}, {@code TIMESTAMP} = {@link Long}
 * microseconds since the epoch (UTC for TIMESTAMP, wall clock for TIMESTAMP_NTZ). {@code NULL} is
 * the type of the NULL literal; {@code OTHER} (binary, arrays, maps, structs) only takes {@code IS
 * [NOT] NULL}.
 */
enum SqlType {
  BOOLEAN,
  INTEGRAL,
  DECIMAL,
  FRACTIONAL,
  STRING,
  DATE,
  TIMESTAMP,
  NULL,
  OTHER;

  boolean isNumeric() {
    return this == INTEGRAL || this == DECIMAL || this == FRACTIONAL;
  }

  boolean isDatetime() {
    return this == DATE || this == TIMESTAMP;
  }
}
