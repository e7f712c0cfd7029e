package io.codeanatomy.delta.constraint;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;

/**
 * Operations on non-null values of the evaluator's representation (see {@link SqlType}), with
 * Spark's rules: mixed numbers compare as doubles when one is a double, else as decimals; strings
 * compare by code point (the UTF-8 byte order Spark uses); division of integers gives a double, and
 * division or remainder by zero gives NULL. Integer overflow fails rather than wraps (Spark's ANSI
 * mode), so a constraint never passes on a wrapped value.
 */
final class SqlValues {
  static final long MICROS_PER_DAY = 86_400_000_000L;

  private SqlValues() {}

  static int compare(Object a, Object b) {
    if (a instanceof Long x && b instanceof Long y) {
      return Long.compare(x, y);
    }
    if (a instanceof Number x && b instanceof Number y) {
      if (a instanceof Double || b instanceof Double) {
        double dx = x.doubleValue();
        double dy = y.doubleValue();
        return dx == dy ? 0 : Double.compare(dx, dy); // 0.0 = -0.0, NaN above all, NaN = NaN
      }
      return toDecimal(x).compareTo(toDecimal(y));
    }
    if (a instanceof String x && b instanceof String y) {
      return compareCodePoints(x, y);
    }
    if (a instanceof Boolean x && b instanceof Boolean y) {
      return Boolean.compare(x, y);
    }
    if (a instanceof LocalDate x && b instanceof LocalDate y) {
      return x.compareTo(y);
    }
    throw new IllegalStateException("cannot compare " + a + " with " + b);
  }

  private static int compareCodePoints(String x, String y) {
    int i = 0;
    int j = 0;
    while (i < x.length() && j < y.length()) {
      int cx = x.codePointAt(i);
      int cy = y.codePointAt(j);
      if (cx != cy) {
        return Integer.compare(cx, cy);
      }
      i += Character.charCount(cx);
      j += Character.charCount(cy);
    }
    return Boolean.compare(i < x.length(), j < y.length());
  }

  /** {@code a op b} for + - * / %; {@code type} is the result type the binder chose. */
  static Object arithmetic(char op, SqlType type, Number a, Number b) {
    switch (type) {
      case INTEGRAL:
        long x = a.longValue();
        long y = b.longValue();
        return switch (op) {
          case '+' -> Math.addExact(x, y);
          case '-' -> Math.subtractExact(x, y);
          case '*' -> Math.multiplyExact(x, y);
          case '%' -> y == 0 ? null : x % y;
          default -> throw new IllegalStateException("integral " + op);
        };
      case DECIMAL:
        BigDecimal dx = toDecimal(a);
        BigDecimal dy = toDecimal(b);
        return switch (op) {
          case '+' -> dx.add(dy);
          case '-' -> dx.subtract(dy);
          case '*' -> dx.multiply(dy);
          case '/' -> dy.signum() == 0 ? null : dx.divide(dy, MathContext.DECIMAL128);
          case '%' -> dy.signum() == 0 ? null : dx.remainder(dy);
          default -> throw new IllegalStateException("decimal " + op);
        };
      case FRACTIONAL:
        double fx = a.doubleValue();
        double fy = b.doubleValue();
        return switch (op) {
          case '+' -> fx + fy;
          case '-' -> fx - fy;
          case '*' -> fx * fy;
          case '/' -> fy == 0 ? null : fx / fy;
          case '%' -> fy == 0 ? null : fx % fy;
          default -> throw new IllegalStateException("double " + op);
        };
      default:
        throw new IllegalStateException("arithmetic on " + type);
    }
  }

  static Object negate(Object value) {
    if (value instanceof Long x) {
      return Math.negateExact(x);
    }
    if (value instanceof BigDecimal x) {
      return x.negate();
    }
    return -((Double) value);
  }

  /** A value widened to {@code target} (numbers) or a date moved to its first microsecond. */
  static Object widen(Object value, SqlType target) {
    if (value == null) {
      return null;
    }
    return switch (target) {
      case DECIMAL -> toDecimal((Number) value);
      case FRACTIONAL -> ((Number) value).doubleValue();
      case TIMESTAMP ->
          value instanceof LocalDate date ? date.toEpochDay() * MICROS_PER_DAY : (Long) value;
      default -> value;
    };
  }

  static BigDecimal toDecimal(Number n) {
    if (n instanceof BigDecimal d) {
      return d;
    }
    if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
      return BigDecimal.valueOf(n.longValue());
    }
    return new BigDecimal(n.toString());
  }
}
