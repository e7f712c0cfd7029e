package io.codeanatomy.delta.constraint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.codeanatomy.delta.DeltaException;
import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What every row written into a table's data files must satisfy: its NOT NULL columns (nested
 * fields of non-null structs included), its CHECK constraints and its legacy column invariants.
 * Writers check a whole batch before writing anything, so a violating batch leaves no file and no
 * commit behind.
 */
public final class TableConstraints {
  /** Table property prefix of CHECK constraints: {@code delta.constraints.<name>}. */
  public static final String PROPERTY_PREFIX = "delta.constraints.";

  /** Column metadata key of a legacy invariant: {@code {"expression":{"expression":"<sql>"}}}. */
  public static final String INVARIANTS_KEY = "delta.invariants";

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final int MAX_VALUE_CHARS = 64;

  private final String tablePath;
  private final StructType schema;
  private final List<CheckConstraint> checks;

  private TableConstraints(String tablePath, StructType schema, List<CheckConstraint> checks) {
    this.tablePath = tablePath;
    this.schema = schema;
    this.checks = List.copyOf(checks);
  }

  /**
   * The constraints of a table with this schema and these properties.
   *
   * @throws DeltaException naming the constraint and the construct when a CHECK or invariant
   *     expression is outside what this module evaluates: such a table is refused for writing
   *     rather than written unchecked
   */
  public static TableConstraints of(
      String tablePath, StructType schema, Map<String, String> properties) {
    List<CheckConstraint> checks = new ArrayList<>();
    for (Map.Entry<String, String> property : new TreeMap<>(properties).entrySet()) {
      if (!property.getKey().startsWith(PROPERTY_PREFIX)) {
        continue;
      }
      String name = property.getKey().substring(PROPERTY_PREFIX.length());
      String sql = property.getValue();
      try {
        checks.add(CheckConstraint.of(name, sql, schema));
      } catch (UnsupportedExpressionException e) {
        throw unenforceable(tablePath, "CHECK constraint `" + name + "`", sql, e.getMessage());
      }
    }
    collectInvariants(tablePath, schema, schema, "", false, checks);
    return new TableConstraints(tablePath, schema, checks);
  }

  /** The invariants in the column metadata of {@code type}'s fields, nested ones included. */
  private static void collectInvariants(
      String tablePath,
      StructType schema,
      DataType type,
      String prefix,
      boolean inCollection,
      List<CheckConstraint> out) {
    if (type instanceof StructType struct) {
      for (StructField field : struct.fields()) {
        String column = prefix + field.getName();
        if (field.getMetadata().contains(INVARIANTS_KEY)) {
          String label = "invariant of column `" + column + "`";
          Object value = field.getMetadata().get(INVARIANTS_KEY);
          String sql = invariantExpression(value);
          if (sql == null) {
            throw unenforceable(
                tablePath,
                label,
                String.valueOf(value),
                "its " + INVARIANTS_KEY + " is not {\"expression\":{\"expression\":...}}");
          }
          if (inCollection) {
            throw unenforceable(
                tablePath, label, sql, "invariants inside array or map elements are not supported");
          }
          try {
            out.add(CheckConstraint.invariant(column, sql, schema));
          } catch (UnsupportedExpressionException e) {
            throw unenforceable(tablePath, label, sql, e.getMessage());
          }
        }
        collectInvariants(tablePath, schema, field.getDataType(), column + ".", inCollection, out);
      }
    } else if (type instanceof ArrayType array) {
      collectInvariants(tablePath, schema, array.getElementType(), prefix, true, out);
    } else if (type instanceof MapType map) {
      collectInvariants(tablePath, schema, map.getKeyType(), prefix, true, out);
      collectInvariants(tablePath, schema, map.getValueType(), prefix, true, out);
    }
  }

  /** The SQL of a {@code delta.invariants} value, or null when it has another shape. */
  private static String invariantExpression(Object value) {
    if (!(value instanceof String json)) {
      return null;
    }
    try {
      JsonNode sql = JSON.readTree(json).at("/expression/expression");
      return sql.isTextual() ? sql.asText() : null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static DeltaException unenforceable(
      String tablePath, String label, String sql, String reason) {
    return new DeltaException(
        tablePath,
        label
            + " ("
            + sql
            + ") cannot be enforced by this writer: "
            + reason
            + "; refusing to write the table. Rewrite it within the supported subset (see"
            + " delta-core/README.md), or write with Spark");
  }

  /** Only the schema's NOT NULL columns: for tables without CHECK constraints. */
  public static TableConstraints notNullOnly(String tablePath, StructType schema) {
    return new TableConstraints(tablePath, schema, List.of());
  }

  public List<CheckConstraint> checks() {
    return checks;
  }

  public boolean hasChecks() {
    return !checks.isEmpty();
  }

  /**
   * Checks every row: its width, its NOT NULL columns, then every CHECK constraint.
   *
   * @throws DeltaException for the first violation, naming the constraint, its expression and the
   *     row as {@code column=value} pairs
   */
  public void check(List<Object[]> rows) {
    check(rows, "");
  }

  /**
   * Like {@link #check(List)}, for rows that come from {@code source} (e.g. "data file x.parquet"),
   * which the message names.
   */
  public void check(List<Object[]> rows, String source) {
    String in = source.isEmpty() ? "" : "in " + source + ", ";
    for (Object[] row : rows) {
      if (row.length != schema.length()) {
        throw new DeltaException(
            tablePath,
            "a row has "
                + row.length
                + " values but the schema has "
                + schema.length()
                + " columns: "
                + Arrays.deepToString(row));
      }
      checkNotNull(schema, row, "", row, in);
    }
    for (CheckConstraint check : checks) {
      for (Object[] row : rows) {
        Object result;
        try {
          result = check.evaluate(row);
        } catch (ArithmeticException e) {
          throw violation(in, check, row, "evaluating it failed (" + e.getMessage() + ")");
        }
        if (!Boolean.TRUE.equals(result)) {
          throw violation(
              in,
              check,
              row,
              result == null ? "it is NULL, which Delta counts as a violation" : "it is FALSE");
        }
      }
    }
  }

  private DeltaException violation(String in, CheckConstraint check, Object[] row, String why) {
    return new DeltaException(
        tablePath,
        in
            + check.label()
            + " ("
            + check.expression()
            + ") is violated by row "
            + render(schema, row)
            + ": "
            + why
            + ". Fix the rows, or drop the constraint");
  }

  private void checkNotNull(
      StructType struct, Object[] values, String prefix, Object[] row, String in) {
    for (int c = 0; c < struct.length(); c++) {
      StructField field = struct.at(c);
      Object value = values[c];
      if (value == null) {
        if (!field.isNullable()) {
          throw new DeltaException(
              tablePath,
              in
                  + "column `"
                  + prefix
                  + field.getName()
                  + "` is NOT NULL but a row has null: "
                  + render(schema, row));
        }
        continue;
      }
      if (field.getDataType() instanceof StructType nested && value instanceof Object[] inner) {
        checkNotNull(nested, inner, prefix + field.getName() + ".", row, in);
      }
    }
  }

  private static String display(DataType type, Object value) {
    if (value instanceof Object[] array) {
      return Arrays.deepToString(array);
    }
    if (value instanceof Number n && type instanceof DateType) {
      return LocalDate.ofEpochDay(n.longValue()).toString();
    }
    if (value instanceof Number n
        && (type instanceof TimestampType || type instanceof TimestampNTZType)) {
      long micros = n.longValue();
      return Instant.EPOCH.plus(micros, ChronoUnit.MICROS).toString();
    }
    if (value instanceof String text) {
      return "'" + text + "'";
    }
    return String.valueOf(value);
  }

  /** {@code {id='a', n=-1, loc={line=3, col=4}}}, long values cut short. */
  static String render(StructType struct, Object[] values) {
    StringBuilder out = new StringBuilder("{");
    for (int c = 0; c < struct.length(); c++) {
      if (c > 0) {
        out.append(", ");
      }
      out.append(struct.at(c).getName()).append('=');
      DataType type = struct.at(c).getDataType();
      Object value = c < values.length ? values[c] : null;
      if (type instanceof StructType nested && value instanceof Object[] inner) {
        out.append(render(nested, inner));
      } else {
        String text = display(type, value);
        out.append(
            text.length() > MAX_VALUE_CHARS ? text.substring(0, MAX_VALUE_CHARS) + "..." : text);
      }
    }
    return out.append('}').toString();
  }
}
