package io.codeanatomy.job.plan;

import io.codeanatomy.job.compile.CompiledSpec;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.rel2sql.RelToSqlConverter;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.dialect.CalciteSqlDialect;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.internal.TableEnvironmentImpl;
import org.apache.flink.table.planner.calcite.FlinkTypeSystem;
import org.apache.flink.table.planner.delegation.PlannerBase;

/**
 * Each output's logical plan (P0, before the optimizer) unparsed to SQL text by Calcite's {@link
 * RelToSqlConverter} ({@link FlinkRelToSqlConverter}: lateral joins and input names as Flink SQL
 * writes them), for people to read. Identifiers are quoted with back ticks, as Flink SQL quotes
 * them, and inputs are named as the spec names them, so the text parses as Flink SQL. It is never
 * parsed back: the compiler builds plans from the spec, never from SQL. An output whose plan
 * Calcite cannot express as SQL gets a comment saying why instead.
 */
final class OutputSql {
  /** Calcite's own dialect, written the way Flink SQL reads it. */
  static final SqlDialect DIALECT = new FlinkSqlText();

  private OutputSql() {}

  /**
   * {@code <output>.sql} for every output and {@code views/<view>.sql} for every view → text,
   * normalised like the plans. A view's text includes the views it reads, so where an output as a
   * whole cannot be unparsed, the views show how far SQL gets.
   */
  static Map<String, String> of(CompiledSpec compiled, TableEnvironment env) {
    if (!(env instanceof TableEnvironmentImpl impl
        && impl.getPlanner() instanceof PlannerBase planner)) {
      return Map.of();
    }
    Map<List<String>, String> inputNames = inputNames(planner, compiled);
    Map<String, String> sql = new LinkedHashMap<>();
    compiled
        .outputs()
        .forEach((name, table) -> sql.put(name + ".sql", unparse(planner, table, inputNames)));
    compiled
        .views()
        .forEach(
            (name, table) ->
                sql.put("views/" + name + ".sql", unparse(planner, table, inputNames)));
    return sql;
  }

  /** The SQL text of one table's logical plan, not normalised (it runs in this session). */
  static String unparseRaw(PlannerBase planner, Table table, Map<List<String>, String> inputNames) {
    try {
      RelNode rel = planner.createRelBuilder().queryOperation(table.getQueryOperation()).build();
      return new FlinkRelToSqlConverter(DIALECT, inputNames)
          .visitRoot(FlinkRelToSqlConverter.withTypedNulls(rel))
          .asStatement()
          .toSqlString(DIALECT)
          .getSql();
    } catch (RuntimeException | AssertionError e) { // Calcite asserts on what it cannot unparse
      return "-- Calcite cannot express this output's plan as SQL: "
          + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse(""));
    }
  }

  /**
   * The qualified name of the table each input scans (an anonymous one, as the binders use
   * descriptors) → the input's name. An input bound to anything but a plain scan is left out.
   */
  static Map<List<String>, String> inputNames(PlannerBase planner, CompiledSpec compiled) {
    Map<List<String>, String> names = new HashMap<>();
    compiled
        .inputs()
        .forEach(
            (name, table) -> {
              RelNode rel =
                  planner.createRelBuilder().queryOperation(table.getQueryOperation()).build();
              if (rel instanceof TableScan scan) {
                names.put(scan.getTable().getQualifiedName(), name);
              }
            });
    return names;
  }

  private static String unparse(
      PlannerBase planner, Table table, Map<List<String>, String> inputNames) {
    return PlanDigest.normalise(unparseRaw(planner, table, inputNames));
  }

  /**
   * Calcite's dialect with back-tick identifiers, and without character sets: Flink's strings are
   * UTF-16LE, which Calcite would spell out on every literal ({@code _UTF-16LE'MODULE'}) and every
   * cast ({@code VARCHAR CHARACTER SET `UTF-16LE`}) since it is not Calcite's default charset; and
   * with Flink's type system, so casts keep Flink's precisions.
   */
  private static final class FlinkSqlText extends CalciteSqlDialect {
    FlinkSqlText() {
      // Flink's type system: Calcite's own caps casts at VARCHAR(65536), which would cut strings.
      super(
          CalciteSqlDialect.DEFAULT_CONTEXT
              .withIdentifierQuoteString("`")
              .withDataTypeSystem(FlinkTypeSystem.INSTANCE));
    }

    @Override
    public boolean supportsCharSet() {
      return false;
    }

    @Override
    public void quoteStringLiteral(StringBuilder buf, String charsetName, String val) {
      super.quoteStringLiteral(buf, null, val);
    }
  }
}
