package io.codeanatomy.job.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.codeanatomy.spec.Spec;
import io.codeanatomy.spec.SpecException;
import io.codeanatomy.spec.SpecLoader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DEDUPE, WINDOW and SPAN_JOIN views compiled and run in batch mode on a MiniCluster, with the plan
 * shapes the planner gives them.
 */
class OrderedAndSpanViewsCompileTest {
  static final String INPUTS =
      """
      name: ordered-test
      version: 1
      inputs:
        - name: defs
          columns:
            - {name: def_id, type: STRING, nullable: false}
            - {name: file_id, type: STRING, nullable: false}
            - {name: name, type: STRING, nullable: false}
            - {name: bstart, type: INT, nullable: false}
            - {name: bend, type: INT, nullable: false}
            - {name: score, type: DOUBLE}
        - name: refs
          columns:
            - {name: ref_id, type: STRING, nullable: false}
            - {name: file_id, type: STRING, nullable: false}
            - {name: bstart, type: INT, nullable: false}
            - {name: bend, type: INT, nullable: false}
      """;

  private TableEnvironment env;

  @BeforeEach
  void setUp() {
    env = TableEnvironment.create(EnvironmentSettings.inBatchMode());
  }

  /** Rows shared with the streaming test, which ends in this state after its updates. */
  static RowsBinder sampleRows(RowsBinder binder) {
    return binder
        .add("defs", "d1", "f1", "run", 0, 100, 1.0)
        .add("defs", "d2", "f1", "run", 10, 50, 2.0)
        .add("defs", "d3", "f2", "run", 0, 100, null)
        .add("defs", "d4", "f1", "stop", 120, 130, 5.0)
        .add("defs", "d5", "f1", "run", 0, 40, 1.0)
        .add("refs", "r1", "f1", 20, 25)
        .add("refs", "r2", "f1", 60, 70)
        .add("refs", "r3", "f1", 95, 105)
        .add("refs", "r4", "f2", 5, 6)
        .add("refs", "r5", "f1", 200, 210);
  }

  static Spec spec(String viewsAndOutputs) {
    return SpecLoader.parse(INPUTS + viewsAndOutputs, SpecLoader.Format.YAML, "test.yaml");
  }

  private CompiledSpec compile(String viewsAndOutputs) {
    return SpecCompiler.compile(spec(viewsAndOutputs), env, sampleRows(new RowsBinder(env)));
  }

  static List<Row> rows(Table table) {
    List<Row> out = new ArrayList<>();
    try (CloseableIterator<Row> it = table.execute().collect()) {
      it.forEachRemaining(out::add);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    out.sort(Comparator.comparing(Row::toString));
    return out;
  }

  static final String DEDUPE =
      """
      views:
        - name: first_def
          kind: DEDUPE
          input: defs
          key: [file_id, name]
          order_by: [{column: bstart}, {column: score, direction: desc, nulls: last}]
        - name: picked
          kind: PROJECT
          input: first_def
          select:
            - {name: file_id, expr: {col: file_id}}
            - {name: name, expr: {col: name}}
            - {name: def_id, expr: {col: def_id}}
        - name: first_ids
          kind: PROJECT
          input: first_def
          select: [{name: def_id, expr: {col: def_id}}]
      outputs:
        - {name: picked, view: picked}
        - {name: first_ids, view: first_ids}
      """;

  @Test
  void dedupe_keepsTheFirstRowPerKey_andSurvivesBeingShared() {
    CompiledSpec compiled = compile(DEDUPE);
    // f1/run: d1 and d5 both start at 0; d5 has no higher score (1.0 each), so the tie-breakers
    // (remaining columns ascending: def_id first) pick d1. f2/run: d3 alone. f1/stop: d4.
    assertThat(rows(compiled.output("picked")))
        .containsExactly(
            Row.of("f1", "run", "d1"), Row.of("f1", "stop", "d4"), Row.of("f2", "run", "d3"));
    assertThat(compiled.registeredViews()).contains("first_def");
    assertThat(rows(compiled.output("first_ids")))
        .containsExactly(Row.of("d1"), Row.of("d3"), Row.of("d4"));
    String plan = compiled.output("picked").explain();
    // Batch plans ROW_NUMBER = 1 as a sorted OVER aggregate and a filter: Flink's batch Rank
    // operator only implements RANK.
    assertThat(plan)
        .contains("OverAggregate(partitionBy=[file_id, name], orderBy=[bstart ASC, score DESC,")
        .contains("ROW_NUMBER(*)");
  }

  static final String WINDOW =
      """
      views:
        - name: numbered
          kind: WINDOW
          input: defs
          partition_by: [file_id]
          order_by: [{column: bstart}]
          functions:
            - {name: idx, function: row_number}
            - {name: rnk, function: rank}
            - {name: dense, function: dense_rank}
            - {name: seen, function: count}
            - {name: width_so_far, function: sum, arg: {sub: [{col: bend}, {col: bstart}]}}
            - {name: first_name, function: first_value, arg: {col: def_id}}
        - name: out
          kind: PROJECT
          input: numbered
          select:
            - {name: def_id, expr: {col: def_id}}
            - {name: idx, expr: {col: idx}}
            - {name: rnk, expr: {col: rnk}}
            - {name: dense, expr: {col: dense}}
            - {name: seen, expr: {col: seen}}
            - {name: width_so_far, expr: {col: width_so_far}}
      outputs:
        - {name: out, view: out}
      """;

  @Test
  void window_ranksAndRunningAggregates() {
    CompiledSpec compiled = compile(WINDOW);
    Table out = compiled.output("out");
    assertThat(
            out.getResolvedSchema().getColumnDataTypes().get(1).getLogicalType().asSummaryString())
        .isEqualTo("BIGINT NOT NULL");
    List<Row> rows = rows(out);
    // f1 by bstart: d1 (0) and d5 (0) tie, then d2 (10), d4 (120). Row numbers among the tie are
    // the engine's choice, so only ranks are asserted for d1/d5.
    Row d2 = rows.stream().filter(r -> r.getField(0).equals("d2")).findFirst().orElseThrow();
    assertThat(d2.getField("idx")).isEqualTo(3L);
    assertThat(d2.getField("rnk")).isEqualTo(3L);
    assertThat(d2.getField("dense")).isEqualTo(2L);
    assertThat(d2.getField("seen")).isEqualTo(3L);
    assertThat(d2.getField("width_so_far")).isEqualTo(100 + 40 + 40);
    Row d4 = rows.stream().filter(r -> r.getField(0).equals("d4")).findFirst().orElseThrow();
    assertThat(d4.getField("idx")).isEqualTo(4L);
    assertThat(d4.getField("dense")).isEqualTo(3L);
    assertThat(rows)
        .filteredOn(r -> r.getField(0).equals("d1") || r.getField(0).equals("d5"))
        .allSatisfy(r -> assertThat(r.getField("rnk")).isEqualTo(1L))
        .extracting(r -> r.getField("idx"))
        .containsExactlyInAnyOrder(1L, 2L);
    Row d3 = rows.stream().filter(r -> r.getField(0).equals("d3")).findFirst().orElseThrow();
    assertThat(d3.getField("idx")).isEqualTo(1L);
    assertThat(out.explain()).contains("OverAggregate(partitionBy=[file_id], orderBy=[bstart ASC]");
  }

  @Test
  void window_boundedFramesRunInBatch() {
    CompiledSpec compiled =
        compile(
            """
            views:
              - name: moving
                kind: WINDOW
                input: defs
                partition_by: [file_id]
                order_by: [{column: bstart}, {column: def_id}]
                frame: {unit: rows, preceding: 1, following: 1}
                functions:
                  - {name: near_max, function: max, arg: {col: bend}}
                  - {name: near, function: count}
              - name: out
                kind: PROJECT
                input: moving
                select:
                  - {name: def_id, expr: {col: def_id}}
                  - {name: near_max, expr: {col: near_max}}
                  - {name: near, expr: {col: near}}
            outputs:
              - {name: out, view: out}
            """);
    // f1 in order: d1 (0), d5 (0), d2 (10), d4 (120).
    assertThat(rows(compiled.output("out")))
        .containsExactly(
            Row.of("d1", 100, 2L),
            Row.of("d2", 130, 3L),
            Row.of("d3", 100, 1L),
            Row.of("d4", 130, 2L),
            Row.of("d5", 100, 3L));
  }

  static final String LEAD_LAG =
      """
      views:
        - name: neighbours
          kind: WINDOW
          input: defs
          partition_by: [file_id]
          order_by: [{column: def_id}]
          functions:
            - {name: next_def, function: lead, arg: {col: def_id}}
            - {name: prev2_start, function: lag, arg: {col: bstart}, offset: 2, default: -1}
            - {name: prev_score, function: lag, arg: {col: score}, default: 0}
        - name: out
          kind: PROJECT
          input: neighbours
          select:
            - {name: def_id, expr: {col: def_id}}
            - {name: next_def, expr: {col: next_def}}
            - {name: prev2_start, expr: {col: prev2_start}}
            - {name: prev_score, expr: {col: prev_score}}
      outputs:
        - {name: out, view: out}
      """;

  @Test
  void window_leadAndLagReadRowsByOffsetWithDefaults() {
    CompiledSpec compiled = compile(LEAD_LAG);
    Table out = compiled.output("out");
    // f1 by def_id: d1 (bstart 0, score 1.0), d2 (10, 2.0), d4 (120, 5.0), d5 (0, 1.0); f2: d3.
    // The INT default of a DOUBLE argument is cast to it.
    assertThat(rows(out))
        .containsExactly(
            Row.of("d1", "d2", -1, 0.0),
            Row.of("d2", "d4", -1, 1.0),
            Row.of("d3", null, -1, 0.0),
            Row.of("d4", "d5", 0, 2.0),
            Row.of("d5", null, 10, 5.0));
    assertThat(
            out.getResolvedSchema().getColumnDataTypes().get(3).getLogicalType().asSummaryString())
        .isEqualTo("DOUBLE");
    assertThat(out.explain()).contains("LEAD(").contains("LAG(");
  }

  static final String SPANS =
      """
      views:
        - name: contained
          kind: SPAN_JOIN
          left: defs
          right: refs
          select:
            - {name: def_id, expr: {col: left.def_id}}
            - {name: ref_id, expr: {col: right.ref_id}}
        - name: overlapping
          kind: SPAN_JOIN
          left: defs
          right: refs
          mode: overlap
          type: left
          where: {ne: [{col: left.name}, skip]}
          select:
            - {name: def_id, expr: {col: left.def_id}}
            - {name: ref_id, expr: {col: right.ref_id}}
      outputs:
        - {name: contained, view: contained}
        - {name: overlapping, view: overlapping}
      """;

  @Test
  void spanJoin_containmentAndOverlapWithinAFile() {
    CompiledSpec compiled = compile(SPANS);
    assertThat(rows(compiled.output("contained")))
        .containsExactly(
            Row.of("d1", "r1"),
            Row.of("d1", "r2"),
            Row.of("d2", "r1"),
            Row.of("d3", "r4"),
            Row.of("d5", "r1"));
    // r3 [95, 105) overlaps d1 [0, 100) without lying inside it; d4 overlaps nothing and stays,
    // NULL-extended, in the left join.
    assertThat(rows(compiled.output("overlapping")))
        .containsExactly(
            Row.of("d1", "r1"),
            Row.of("d1", "r2"),
            Row.of("d1", "r3"),
            Row.of("d2", "r1"),
            Row.of("d3", "r4"),
            Row.of("d4", null),
            Row.of("d5", "r1"));
    // The file key is an equi condition beside the span comparison (defs.file_id = $1, refs.file_id
    // = $7), so the planner can hash-partition on it; on inputs this small it broadcasts instead.
    assertThat(compiled.output("contained").explain())
        .contains(
            "LogicalJoin(condition=[AND(=($1, $7), <=($3, $8), <=($9, $4))], joinType=[inner])");
  }

  @Test
  void sumOverText_isRejectedAtTheArgument() {
    assertThatThrownBy(
            () ->
                compile(
                    """
                    views:
                      - name: bad
                        kind: WINDOW
                        input: defs
                        order_by: [{column: bstart}]
                        functions: [{name: s, function: sum, arg: {col: name}}]
                    outputs:
                      - {name: bad, view: bad}
                    """))
        .isInstanceOfSatisfying(
            SpecException.class,
            e ->
                assertThat(e.getMessage())
                    .contains("views[0].functions[0].arg: sum needs a numeric arg"));
  }
}
