package io.codeanatomy.spec;

import io.codeanatomy.spec.expr.Literal;
import io.codeanatomy.spec.type.ScalarKind;
import io.codeanatomy.spec.type.ScalarType;
import io.codeanatomy.spec.type.TypeSpec;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Binds supplied values to a spec's declared parameters, as typed {@link Literal}s the compiler
 * puts where {@code {param: n}} stands. Values are checked against the declared types; a mismatch
 * is a {@link SpecException} at {@code parameters[i]}.
 *
 * <p>{@link #placeholders} binds every parameter to one fixed value of its type: the plan compiled
 * that way is the spec's <em>template</em>, whose digest does not depend on the values a run uses.
 */
public final class ParameterBinding {
  /** The types a parameter may have: the scalar types a literal can carry. */
  public static final Set<ScalarKind> TYPES =
      EnumSet.of(
          ScalarKind.STRING,
          ScalarKind.BOOLEAN,
          ScalarKind.TINYINT,
          ScalarKind.SMALLINT,
          ScalarKind.INT,
          ScalarKind.BIGINT,
          ScalarKind.FLOAT,
          ScalarKind.DOUBLE,
          ScalarKind.DATE,
          ScalarKind.TIMESTAMP);

  private ParameterBinding() {}

  /**
   * The literal for each position: {@code values.get(i)} binds position {@code i + 1}. Values are
   * {@code String}, {@code Integer}/{@code Long}, {@code Float}/{@code Double}, {@code Boolean},
   * {@code LocalDate}/{@code LocalDateTime} (or ISO text for DATE/TIMESTAMP), or null for a
   * nullable parameter.
   */
  public static Map<Integer, Literal> bind(Spec spec, List<?> values) {
    List<ParameterSpec> declared = spec.parameters();
    List<SpecProblem> problems = new ArrayList<>();
    if (values.size() != declared.size()) {
      problems.add(
          new SpecProblem(
              "parameters",
              "the spec declares "
                  + declared.size()
                  + " parameter(s) but "
                  + values.size()
                  + " value(s) were supplied"));
      throw new SpecException(problems);
    }
    Map<Integer, Literal> bound = new LinkedHashMap<>();
    for (int i = 0; i < declared.size(); i++) {
      ParameterSpec p = declared.get(i);
      String path = "parameters[" + i + "]";
      TypeSpec type = TypeSpec.parse(p.type());
      Object raw = values.get(p.position() - 1);
      Object value = normalise(raw);
      if (value == null ? !type.nullable() : !fits(value, (ScalarType) type)) {
        problems.add(
            new SpecProblem(
                path,
                "parameter "
                    + p.position()
                    + (p.name() == null ? "" : " (" + p.name() + ")")
                    + " is "
                    + type.render()
                    + "; the value "
                    + describe(raw)
                    + " does not fit it"));
        continue;
      }
      if (value instanceof Long l
          && type instanceof ScalarType st
          && (st.kind() == ScalarKind.FLOAT || st.kind() == ScalarKind.DOUBLE)) {
        value = l.doubleValue();
      }
      bound.put(p.position(), new Literal(value, type.render()));
    }
    if (!problems.isEmpty()) {
      throw new SpecException(problems);
    }
    return bound;
  }

  /** Every parameter bound to one fixed value of its type, for the template plan. */
  public static Map<Integer, Literal> placeholders(Spec spec) {
    Map<Integer, Literal> bound = new LinkedHashMap<>();
    for (ParameterSpec p : spec.parameters()) {
      ScalarType type = (ScalarType) TypeSpec.parse(p.type());
      Object value =
          switch (type.kind()) {
            case STRING -> "?";
            case BOOLEAN -> Boolean.FALSE;
            case FLOAT, DOUBLE -> 0.0d;
            case DATE -> "1970-01-01";
            case TIMESTAMP -> "1970-01-01T00:00:00";
            default -> 0L;
          };
      bound.put(p.position(), new Literal(value, type.render()));
    }
    return bound;
  }

  /** Java values in the literal domain: String, Long, Double, Boolean. */
  private static Object normalise(Object v) {
    if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof Float f) {
      return f.doubleValue();
    }
    if (v instanceof LocalDate || v instanceof LocalDateTime) {
      return v.toString();
    }
    return v;
  }

  static boolean fits(Object value, ScalarType type) {
    return switch (type.kind()) {
      case STRING -> value instanceof String;
      case BOOLEAN -> value instanceof Boolean;
      case TINYINT -> value instanceof Long l && l >= Byte.MIN_VALUE && l <= Byte.MAX_VALUE;
      case SMALLINT -> value instanceof Long l && l >= Short.MIN_VALUE && l <= Short.MAX_VALUE;
      case INT -> value instanceof Long l && l == l.intValue();
      case BIGINT -> value instanceof Long;
      case FLOAT, DOUBLE -> value instanceof Double || value instanceof Long;
      case DATE -> value instanceof String s && parses(() -> LocalDate.parse(s));
      case TIMESTAMP -> value instanceof String s && parses(() -> LocalDateTime.parse(s));
      default -> false;
    };
  }

  private static boolean parses(Runnable parse) {
    try {
      parse.run();
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static String describe(Object v) {
    return v == null ? "null" : v + " (" + v.getClass().getSimpleName() + ")";
  }
}
