package io.codeanatomy.job.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.codeanatomy.extract.IncrementalExtractor;
import io.codeanatomy.extract.PythonExtractor;
import io.codeanatomy.job.run.BatchRun;
import io.codeanatomy.job.run.RunPlan;
import io.codeanatomy.job.run.Warehouse;
import io.codeanatomy.spec.Spec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.internal.TableEnvironmentImpl;
import org.apache.flink.table.planner.delegation.PlannerBase;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQL text a plan bundle holds for each output of the shipped spec is not only readable: run in
 * batch over the bundled sample's extraction tables (each input registered under its spec name), it
 * gives exactly the rows of the compiled Table-API plan.
 */
class OutputSqlIT {
  static final Path SAMPLE = Path.of("../examples/sample-repo").toAbsolutePath().normalize();

  @TempDir Path tmp;

  @Test
  void outputSqlGivesTheRowsOfThePlan() throws Exception {
    Warehouse warehouse = new Warehouse(tmp.resolve("warehouse"));
    new IncrementalExtractor(new PythonExtractor(), warehouse.extractDir()).sync(SAMPLE);
    Spec spec = BatchRun.loadSpec(null);
    RunPlan plan = BatchRun.plan(warehouse, spec, BatchRun.latestInputVersions(warehouse, spec), 1);
    PlannerBase planner = (PlannerBase) ((TableEnvironmentImpl) plan.env()).getPlanner();
    var inputNames = OutputSql.inputNames(planner, plan.compiled());
    // Every input the plan reads (parse_errors is declared but read by no view) has its name.
    assertThat(inputNames.values())
        .contains("defs", "files")
        .containsExactlyInAnyOrderElementsOf(plan.compiled().inputs().keySet());
    plan.compiled().inputs().forEach((name, table) -> plan.env().createTemporaryView(name, table));

    for (String output : List.of("cpg_nodes", "cpg_edges")) {
      Table compiled = plan.compiled().output(output);
      String sql = OutputSql.unparseRaw(planner, compiled, inputNames);
      assertThat(FlinkSqlParsing.parses(sql)).as(output).isNull();
      List<String> fromSql = rows(plan.env().sqlQuery(sql));
      assertThat(fromSql).as(output).isNotEmpty().isEqualTo(rows(compiled));
    }
  }

  private static List<String> rows(Table table) throws Exception {
    List<String> rows = new ArrayList<>();
    try (CloseableIterator<Row> it = table.execute().collect()) {
      it.forEachRemaining(row -> rows.add(row.toString()));
    }
    Collections.sort(rows);
    return rows;
  }
}
