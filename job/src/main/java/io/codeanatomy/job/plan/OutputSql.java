package io.codeanatomy.job.plan;

import io.codeanatomy.job.compile.CompiledSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.rel2sql.RelToSqlConverter;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.dialect.CalciteSqlDialect;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.internal.TableEnvironmentImpl;
import org.apache.flink.table.planner.delegation.PlannerBase;

/**
 * Each output's logical plan unparsed to SQL text by Calcite's {@link RelToSqlConverter}, for
 * people to read. It is never parsed back: the compiler builds plans from the spec, never from SQL.
 * An output whose plan Calcite cannot express as SQL (a planner-specific node, say) gets a comment
 * saying so instead.
 */
final class OutputSql {
  private static final SqlDialect DIALECT = CalciteSqlDialect.DEFAULT;

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
    Map<String, String> sql = new LinkedHashMap<>();
    compiled.outputs().forEach((name, table) -> sql.put(name + ".sql", unparse(planner, table)));
    compiled
        .views()
        .forEach((name, table) -> sql.put("views/" + name + ".sql", unparse(planner, table)));
    return sql;
  }

  private static String unparse(PlannerBase planner, Table table) {
    return PlanDigest.normalise(unparseRaw(planner, table));
  }

  private static String unparseRaw(PlannerBase planner, Table table) {
    try {
      RelNode rel = planner.createRelBuilder().queryOperation(table.getQueryOperation()).build();
      return new RelToSqlConverter(DIALECT)
          .visitRoot(rel)
          .asStatement()
          .toSqlString(DIALECT)
          .getSql();
    } catch (RuntimeException | AssertionError e) { // Calcite asserts on what it cannot unparse
      return "-- Calcite cannot express this output's plan as SQL: "
          + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse(""));
    }
  }
}
