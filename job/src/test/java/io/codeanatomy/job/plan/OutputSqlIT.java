package io.codeanatomy.job.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.codeanatomy.extract.IncrementalExtractor;
import io.codeanatomy.extract.PythonExtractor;
import io.codeanatomy.job.run.BatchRun;
import io.codeanatomy.job.run.RunPlan;
import io.codeanatomy.job.run.Warehouse;
import io.codeanatomy.spec.Spec;
import io.codeanatomy.spec.SpecLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.internal.TableEnvironmentImpl;
import org.apache.flink.table.planner.delegation.PlannerBase;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQL text a plan bundle holds for each output of the shipped spec is not only readable: run in
 * batch over the bundled sample's extraction tables (each input registered under its spec name), it
 * gives exactly the rows of the compiled Table-API plan.
 */
class OutputSqlIT {
  static final Path SAMPLE = Path.of("../examples/sample-repo").toAbsolutePath().normalize();

  @TempDir static Path tmp;
  static Warehouse warehouse;

  @BeforeAll
  static void extract() {
    warehouse = new Warehouse(tmp.resolve("warehouse"));
    new IncrementalExtractor(new PythonExtractor(), warehouse.extractDir()).sync(SAMPLE);
  }

  @Test
  void outputSqlGivesTheRowsOfThePlan() throws Exception {
    RunPlan plan = plan(BatchRun.loadSpec(null));
    PlannerBase planner = (PlannerBase) ((TableEnvironmentImpl) plan.env()).getPlanner();
    var inputNames = OutputSql.inputNames(planner, plan.compiled());
    // Every input the plan reads (parse_errors is declared but read by no view) has its name.
    assertThat(inputNames.values())
        .contains("defs", "files")
        .containsExactlyInAnyOrderElementsOf(plan.compiled().inputs().keySet());
    assertSqlGivesTheRowsOfThePlan(plan, List.of("cpg_nodes", "cpg_edges"));
  }

  /** A UDTF view, inner and left: {@code [CROSS|LEFT] JOIN LATERAL TABLE(f(...))}. */
  @Test
  void lateralTableFunctionsGiveTheRowsOfThePlan() throws Exception {
    Spec spec =
        SpecLoader.load(
            Files.writeString(
                tmp.resolve("prefixes.yaml"),
                """
                name: prefixes
                version: 1
                inputs:
                  - name: imports
                    primary_key: [import_id]
                    columns:
                      - {name: import_id, type: STRING, nullable: false, semantic: ImportId}
                      - {name: module, type: STRING, semantic: ModuleName}
                views:
                  - name: prefixes
                    kind: UDTF
                    input: imports
                    function: qualname_prefixes
                    args: [{col: module}]
                    columns:
                      - {name: prefix, type: STRING, nullable: false}
                      - {name: depth, type: INT, nullable: false}
                  - name: all_prefixes
                    kind: UDTF
                    input: imports
                    function: qualname_prefixes
                    join: left
                    args: [{col: module}]
                    columns:
                      - {name: prefix, type: STRING, nullable: false}
                      - {name: depth, type: INT, nullable: false}
                outputs:
                  - {name: prefixes, view: prefixes}
                  - {name: all_prefixes, view: all_prefixes}
                """));
    RunPlan plan = plan(spec);
    assertThat(OutputSql.of(plan.compiled(), plan.env()))
        .hasEntrySatisfying(
            "prefixes.sql",
            sql ->
                assertThat(sql)
                    .contains("CROSS JOIN LATERAL TABLE(`qualname_prefixes`(`t`.`module`))"))
        .hasEntrySatisfying(
            "all_prefixes.sql",
            sql ->
                assertThat(sql)
                    .contains("LEFT JOIN LATERAL TABLE(`qualname_prefixes`(`t`.`module`))")
                    .contains("ON TRUE")
                    .contains("CAST(NULL AS VARCHAR(2147483647))"));
    assertSqlGivesTheRowsOfThePlan(plan, List.of("prefixes", "all_prefixes"));
  }

  private static RunPlan plan(Spec spec) {
    return BatchRun.plan(warehouse, spec, BatchRun.latestInputVersions(warehouse, spec), 1);
  }

  /**
   * Runs each output's SQL text in the plan's session, its inputs registered under their names, and
   * compares the rows with the compiled output's.
   */
  private static void assertSqlGivesTheRowsOfThePlan(RunPlan plan, List<String> outputs)
      throws Exception {
    PlannerBase planner = (PlannerBase) ((TableEnvironmentImpl) plan.env()).getPlanner();
    var inputNames = OutputSql.inputNames(planner, plan.compiled());
    plan.compiled().inputs().forEach((name, table) -> plan.env().createTemporaryView(name, table));
    for (String output : outputs) {
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
