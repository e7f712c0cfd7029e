package io.codeanatomy.job.cli;

import io.codeanatomy.spec.ParameterSpec;
import io.codeanatomy.spec.Spec;
import io.codeanatomy.spec.SpecValidator;
import io.codeanatomy.spec.type.ScalarType;
import io.codeanatomy.spec.type.TypeSpec;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;

/**
 * {@code --param NAME=VALUE}: values for the typed parameters a spec declares ({@code parameters:
 * [{position: 1, type: INT, name: min_line}]}, read as {@code {param: 1}}), shared by every command
 * that compiles a spec (a picocli mixin). A parameter is named by its declared name or by its
 * position; the value is text parsed as the parameter's declared type. A missing, unknown, repeated
 * or unparsable value is a usage error naming the parameter and the type it expects.
 */
final class ParameterOptions {
  @Option(
      names = "--param",
      paramLabel = "NAME=VALUE",
      description =
          "Value of a spec parameter, named by its declared name or its position (--param"
              + " min_line=10, --param 1=10), parsed as the parameter's declared type (STRING,"
              + " BOOLEAN true/false, integers, FLOAT/DOUBLE, DATE 2024-01-31, TIMESTAMP"
              + " 2024-01-31T12:00:00). Repeatable; every declared parameter needs one.")
  List<String> assignments = new ArrayList<>();

  /**
   * The values for {@code spec}'s parameters in position order ({@code values.get(i)} binds
   * position {@code i + 1}), each parsed as its declared type. Validates the spec first, so its
   * parameter declarations are sound.
   */
  List<Object> values(Spec spec) {
    SpecValidator.validate(spec);
    List<ParameterSpec> declared =
        spec.parameters().stream().sorted(Comparator.comparing(ParameterSpec::position)).toList();
    Object[] values = new Object[declared.size()];
    boolean[] given = new boolean[declared.size()];
    for (String assignment : assignments) {
      int eq = assignment.indexOf('=');
      if (eq <= 0) {
        throw new UsageException(
            "--param "
                + assignment
                + ": write NAME=VALUE, NAME being a parameter's declared name or its position;"
                + " the spec's parameters: "
                + describeAll(declared));
      }
      String name = assignment.substring(0, eq).strip();
      ParameterSpec parameter = find(declared, name, assignment);
      int index = parameter.position() - 1;
      if (given[index]) {
        throw new UsageException(
            "--param " + assignment + ": " + describe(parameter) + " already has a value");
      }
      given[index] = true;
      values[index] = parse(parameter, assignment.substring(eq + 1), assignment);
    }
    List<String> missing = new ArrayList<>();
    for (int i = 0; i < declared.size(); i++) {
      if (!given[i]) {
        ParameterSpec p = declared.get(i);
        missing.add(
            describe(p)
                + " (--param "
                + (p.name() != null ? p.name() : p.position())
                + "=<"
                + type(p).kind().name()
                + ">)");
      }
    }
    if (!missing.isEmpty()) {
      throw new UsageException(
          "spec "
              + spec.name()
              + " needs a value for "
              + String.join(", ", missing)
              + "; give one with --param NAME=VALUE");
    }
    return Arrays.asList(values);
  }

  private static ParameterSpec find(List<ParameterSpec> declared, String name, String assignment) {
    for (ParameterSpec p : declared) {
      if (name.equals(p.name()) || name.equals(Integer.toString(p.position()))) {
        return p;
      }
    }
    throw new UsageException(
        "--param "
            + assignment
            + ": the spec declares no parameter "
            + name
            + (declared.isEmpty()
                ? " (it has none)"
                : "; its parameters: " + describeAll(declared)));
  }

  /**
   * {@code text} as a value of {@code parameter}'s type, in the forms {@code ParameterBinding}
   * takes.
   */
  private static Object parse(ParameterSpec parameter, String text, String assignment) {
    ScalarType type = type(parameter);
    String t = text.strip();
    try {
      return switch (type.kind()) {
        case STRING -> text;
        case BOOLEAN -> {
          if (!t.equalsIgnoreCase("true") && !t.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException();
          }
          yield Boolean.valueOf(t.toLowerCase(Locale.ROOT));
        }
        case TINYINT -> inRange(Long.parseLong(t), Byte.MIN_VALUE, Byte.MAX_VALUE);
        case SMALLINT -> inRange(Long.parseLong(t), Short.MIN_VALUE, Short.MAX_VALUE);
        case INT -> inRange(Long.parseLong(t), Integer.MIN_VALUE, Integer.MAX_VALUE);
        case BIGINT -> Long.parseLong(t);
        case FLOAT, DOUBLE -> {
          double d = Double.parseDouble(t);
          if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new IllegalArgumentException();
          }
          yield d;
        }
        case DATE -> LocalDate.parse(t);
        case TIMESTAMP -> LocalDateTime.parse(t);
        default -> throw new IllegalStateException("the validator allows no parameter of " + type);
      };
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw new UsageException(
          "--param "
              + assignment
              + ": "
              + describe(parameter)
              + " is "
              + type.kind().name()
              + ", and '"
              + text
              + "' is not "
              + expected(type));
    }
  }

  private static long inRange(long value, long min, long max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException();
    }
    return value;
  }

  private static String expected(ScalarType type) {
    return switch (type.kind()) {
      case BOOLEAN -> "true or false";
      case TINYINT -> "a whole number from " + Byte.MIN_VALUE + " to " + Byte.MAX_VALUE;
      case SMALLINT -> "a whole number from " + Short.MIN_VALUE + " to " + Short.MAX_VALUE;
      case INT -> "a whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE;
      case BIGINT -> "a whole number from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE;
      case FLOAT, DOUBLE -> "a finite decimal number such as 0.5";
      case DATE -> "an ISO date such as 2024-01-31";
      case TIMESTAMP -> "an ISO timestamp such as 2024-01-31T12:00:00";
      default -> "a " + type.kind().name();
    };
  }

  private static ScalarType type(ParameterSpec parameter) {
    return (ScalarType) TypeSpec.parse(parameter.type());
  }

  private static String describe(ParameterSpec p) {
    return "parameter " + p.position() + (p.name() == null ? "" : " (" + p.name() + ")");
  }

  private static String describeAll(List<ParameterSpec> declared) {
    if (declared.isEmpty()) {
      return "none";
    }
    return declared.stream()
        .map(
            p ->
                p.position()
                    + (p.name() == null ? "" : " " + p.name())
                    + " "
                    + type(p).kind().name())
        .collect(Collectors.joining(", "));
  }
}
