package io.codeanatomy.job.compile;

import static org.assertj.core.api.Assertions.assertThat;

import io.codeanatomy.spec.Spec;
import io.codeanatomy.spec.SpecLoader;
import io.codeanatomy.udf.CodeAnatomyFunctions;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.StatementSet;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.TableDescriptor;
import org.apache.flink.table.api.TableEnvironment;
import org.junit.jupiter.api.Test;

/**
 * A view read by two outputs is registered once and, with both outputs in one statement set and
 * digest-based block reuse on, planned and computed once.
 */
class SharedViewReuseTest {
  private static final String SPEC =
      """
      name: reuse
      version: 1
      inputs:
        - name: people
          columns:
            - {name: id, type: INT, nullable: false}
            - {name: team, type: STRING}
            - {name: score, type: DOUBLE}
      views:
        - name: per_team
          kind: AGGREGATE
          input: people
          group_by: [team]
          aggregates: [{name: total, function: sum, arg: {col: score}}]
        - name: big_teams
          kind: FILTER
          input: per_team
          where: {gt: [{col: total}, 2.0]}
        - name: labelled
          kind: PROJECT
          input: per_team
          select:
            - {name: team, expr: {coalesce: [{col: team}, none]}}
            - {name: total, expr: {col: total}}
      outputs:
        - {name: big, view: big_teams}
        - {name: labelled, view: labelled}
      """;

  private static String explain() {
    TableEnvironment env = TableEnvironment.create(EnvironmentSettings.inBatchMode());
    env.getConfig().set("table.optimizer.reuse-optimize-block-with-digest-enabled", "true");
    CodeAnatomyFunctions.registerAll(env);
    RowsBinder binder =
        new RowsBinder(env)
            .add("people", 1, "red", 1.5)
            .add("people", 2, "red", 1.0)
            .add("people", 3, "blue", 0.5);
    Spec spec = SpecLoader.parse(SPEC, SpecLoader.Format.YAML, "reuse.yaml");
    CompiledSpec compiled = SpecCompiler.compile(spec, env, binder);
    assertThat(compiled.registeredViews()).containsExactly("per_team");
    StatementSet set = env.createStatementSet();
    for (var out : compiled.outputs().entrySet()) {
      Table t = out.getValue();
      env.createTemporaryTable(
          "sink_" + out.getKey(),
          TableDescriptor.forConnector("blackhole")
              .schema(Schema.newBuilder().fromResolvedSchema(t.getResolvedSchema()).build())
              .build());
      set.add(t.insertInto("sink_" + out.getKey()));
    }
    return set.explain();
  }

  private static int count(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  /** The part of EXPLAIN after the optimizer: what actually runs. */
  private static String executionPlan(String explain) {
    int at = explain.indexOf("== Optimized Execution Plan ==");
    assertThat(at).as("explain output has an execution plan section").isGreaterThanOrEqualTo(0);
    return explain.substring(at);
  }

  @Test
  void sharedView_isOneNodeInTheOptimizedPlan() {
    String plan = executionPlan(explain());
    assertThat(count(plan, "Aggregate\\(")).as(plan).isEqualTo(1);
    assertThat(count(plan, "Values\\(")).as(plan).isEqualTo(1);
    // Both sinks read the one aggregate through a reference to it.
    Matcher agg = Pattern.compile("Aggregate\\(.*\\(reuse_id=\\[(\\d+)]\\)").matcher(plan);
    assertThat(agg.find()).as(plan).isTrue();
    assertThat(count(plan, Pattern.quote("Reused(reference_id=[" + agg.group(1) + "])")))
        .isEqualTo(2);
  }
}
