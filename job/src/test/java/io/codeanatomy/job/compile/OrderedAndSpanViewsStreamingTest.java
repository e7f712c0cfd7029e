package io.codeanatomy.job.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.codeanatomy.spec.ColumnSpec;
import io.codeanatomy.spec.InputSpec;
import io.codeanatomy.spec.SpecException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.ExplainDetail;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.runtime.typeutils.ExternalTypeInfo;
import org.apache.flink.table.types.DataType;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DEDUPE, WINDOW and SPAN_JOIN views in streaming mode over changelog inputs (inserts, updates,
 * deletes): the plan uses the changelog-aware operators (Rank, non-time OVER aggregate, hashed
 * join), and the outputs' changelogs, applied, end equal to a batch run over the inputs' final
 * state — the continuous job's contract, view kind by view kind.
 */
class OrderedAndSpanViewsStreamingTest {
  private StreamExecutionEnvironment streams;
  private StreamTableEnvironment env;

  /** Changelog rows per input; applied in order they leave the sample rows of the batch test. */
  private final Map<String, List<Row>> changelog = new HashMap<>();

  @BeforeEach
  void setUp() {
    streams = StreamExecutionEnvironment.getExecutionEnvironment();
    // One task per operator keeps each input's changelog in order end to end.
    streams.setParallelism(1);
    env = StreamTableEnvironment.create(streams, EnvironmentSettings.inStreamingMode());
    change("defs", RowKind.INSERT, "d1", "f1", "run", 0, 100, 1.0);
    change("defs", RowKind.INSERT, "d6", "f1", "run", 0, 10, 9.0); // wins f1/run until deleted
    change("defs", RowKind.INSERT, "d2", "f1", "run", 10, 50, 2.0);
    change("defs", RowKind.INSERT, "d5", "f1", "run", 5, 40, 1.0);
    change("defs", RowKind.INSERT, "d3", "f2", "run", 0, 100, null);
    change("defs", RowKind.INSERT, "d4", "f1", "stop", 120, 130, 5.0);
    change("defs", RowKind.UPDATE_BEFORE, "d5", "f1", "run", 5, 40, 1.0);
    change("defs", RowKind.UPDATE_AFTER, "d5", "f1", "run", 0, 40, 1.0);
    change("defs", RowKind.DELETE, "d6", "f1", "run", 0, 10, 9.0);
    change("refs", RowKind.INSERT, "r1", "f1", 20, 25);
    change("refs", RowKind.INSERT, "r2", "f1", 60, 70);
    change("refs", RowKind.INSERT, "r6", "f1", 0, 5);
    change("refs", RowKind.INSERT, "r3", "f1", 95, 105);
    change("refs", RowKind.INSERT, "r4", "f2", 5, 6);
    change("refs", RowKind.DELETE, "r6", "f1", 0, 5);
    change("refs", RowKind.INSERT, "r5", "f1", 200, 210);
  }

  private void change(String input, RowKind kind, Object... values) {
    changelog.computeIfAbsent(input, k -> new ArrayList<>()).add(Row.ofKind(kind, values));
  }

  private Table bind(InputSpec input) {
    List<DataTypes.Field> fields = new ArrayList<>();
    for (ColumnSpec c : input.columns()) {
      fields.add(DataTypes.FIELD(c.name(), FlinkTypes.of(c.typeSpec())));
    }
    DataType rowType = DataTypes.ROW(fields.toArray(DataTypes.Field[]::new)).notNull();
    @SuppressWarnings("unchecked")
    TypeInformation<Row> info =
        (TypeInformation<Row>) (TypeInformation<?>) ExternalTypeInfo.of(rowType);
    DataStream<Row> stream = streams.fromData(changelog.get(input.name()), info);
    return env.fromChangelogStream(
        stream, Schema.newBuilder().fromRowDataType(rowType).build(), ChangelogMode.all());
  }

  private CompiledSpec compileStreaming(String viewsAndOutputs) {
    return SpecCompiler.compile(
        OrderedAndSpanViewsCompileTest.spec(viewsAndOutputs), env, this::bind);
  }

  private static List<Row> batchRows(String viewsAndOutputs, String output) {
    TableEnvironment batch = TableEnvironment.create(EnvironmentSettings.inBatchMode());
    CompiledSpec compiled =
        SpecCompiler.compile(
            OrderedAndSpanViewsCompileTest.spec(viewsAndOutputs),
            batch,
            OrderedAndSpanViewsCompileTest.sampleRows(new RowsBinder(batch)));
    return OrderedAndSpanViewsCompileTest.rows(compiled.output(output));
  }

  /** The rows a changelog leaves behind: inserts and update-afters add, the others retract. */
  private static List<Row> applied(Table table) {
    List<Row> state = new ArrayList<>();
    try (CloseableIterator<Row> it = table.execute().collect()) {
      while (it.hasNext()) {
        Row change = it.next();
        RowKind kind = change.getKind();
        change.setKind(RowKind.INSERT);
        if (kind == RowKind.INSERT || kind == RowKind.UPDATE_AFTER) {
          state.add(change);
        } else {
          assertThat(state.remove(change))
              .as("retracted row %s was emitted before", change)
              .isTrue();
        }
      }
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    state.sort(Comparator.comparing(Row::toString));
    return state;
  }

  private static String physicalPlan(Table table) {
    String plan = table.explain(ExplainDetail.CHANGELOG_MODE);
    return plan.substring(
        plan.indexOf("== Optimized Physical Plan =="),
        plan.indexOf("== Optimized Execution Plan =="));
  }

  @Test
  void dedupe_isARetractingRank_andEndsAsTheBatchRun() {
    String spec = OrderedAndSpanViewsCompileTest.DEDUPE;
    CompiledSpec compiled = compileStreaming(spec);
    Table picked = compiled.output("picked");
    assertThat(physicalPlan(picked))
        .contains(
            "Rank(strategy=[RetractStrategy], rankType=[ROW_NUMBER], rankRange=[rankStart=1,"
                + " rankEnd=1], partitionBy=[file_id, name], orderBy=[bstart ASC, score DESC,");
    assertThat(applied(picked)).isEqualTo(batchRows(spec, "picked")).hasSize(3);
  }

  private static final String WINDOW =
      """
      views:
        - name: numbered
          kind: WINDOW
          input: defs
          partition_by: [file_id]
          order_by: [{column: def_id}]
          functions:
            - {name: idx, function: row_number}
        - name: ranked
          kind: WINDOW
          input: numbered
          partition_by: [file_id]
          order_by: [{column: bstart}]
          frame: {unit: range, following: 0}
          functions:
            - {name: seen, function: count}
            - {name: width_so_far, function: sum, arg: {sub: [{col: bend}, {col: bstart}]}}
        - name: out
          kind: PROJECT
          input: ranked
          select:
            - {name: def_id, expr: {col: def_id}}
            - {name: idx, expr: {col: idx}}
            - {name: seen, expr: {col: seen}}
            - {name: width_so_far, expr: {col: width_so_far}}
      outputs:
        - {name: out, view: out}
      """;

  @Test
  void window_isANonTimeOverAggregate_andEndsAsTheBatchRun() {
    CompiledSpec compiled = compileStreaming(WINDOW);
    Table out = compiled.output("out");
    assertThat(physicalPlan(out))
        .contains(
            "OverAggregate(partitionBy=[file_id], orderBy=[def_id ASC], window=[ ROWS BETWEEN"
                + " UNBOUNDED PRECEDING AND CURRENT ROW]")
        .contains(
            "OverAggregate(partitionBy=[file_id], orderBy=[bstart ASC], window=[ RANGE BETWEEN"
                + " UNBOUNDED PRECEDING AND CURRENT ROW]");
    List<Row> expected = batchRows(WINDOW, "out");
    // f1 by bstart: d1 and d5 tied at 0 (peers in a range), then d2 (10) and d4 (120).
    assertThat(expected)
        .contains(
            Row.of("d1", 1L, 2L, 100 + 40),
            Row.of("d5", 4L, 2L, 100 + 40),
            Row.of("d2", 2L, 3L, 100 + 40 + 40));
    assertThat(applied(out)).isEqualTo(expected);
  }

  @Test
  void window_shapesStreamingCannotRun_areRefusedAtTheView() {
    assertThatThrownBy(
            () ->
                compileStreaming(
                    WINDOW.replace(
                        "order_by: [{column: def_id}]",
                        "order_by: [{column: bstart}, {column: def_id}]")))
        .isInstanceOfSatisfying(
            SpecException.class,
            e -> {
              assertThat(e.path()).isEqualTo("views[0].order_by");
              assertThat(e.getMessage()).contains("orders by exactly one column");
            });
    assertThatThrownBy(
            () ->
                compileStreaming(
                    WINDOW.replace("frame: {unit: range, following: 0}", "frame: {unit: range}")))
        .isInstanceOfSatisfying(
            SpecException.class, e -> assertThat(e.path()).isEqualTo("views[1].frame"));
    assertThatThrownBy(
            () ->
                compileStreaming(
                    WINDOW.replace(
                        "{name: seen, function: count}",
                        "{name: n, function: row_number}\n      - {name: seen, function: count}")))
        .isInstanceOfSatisfying(
            SpecException.class,
            e -> {
              assertThat(e.path()).isEqualTo("views[1].functions");
              assertThat(e.getMessage()).contains("over one frame");
            });
  }

  @Test
  void window_leadAndLag_areRefusedAtTheView() {
    // Flink 2.3 refuses LEAD in streaming plans and plans LAG over a changelog, but the job then
    // fails (ClassCastException in its OVER aggregate); the view gets a clear error instead.
    assertThatThrownBy(() -> compileStreaming(OrderedAndSpanViewsCompileTest.LEAD_LAG))
        .isInstanceOfSatisfying(
            SpecException.class,
            e -> {
              assertThat(e.path()).isEqualTo("views[0].functions[0].function");
              assertThat(e.getMessage()).contains("lead is batch-only");
            });
    String lagOnly =
        OrderedAndSpanViewsCompileTest.LEAD_LAG
            .replace("      - {name: next_def, function: lead, arg: {col: def_id}}\n", "")
            .replace("      - {name: next_def, expr: {col: next_def}}\n", "");
    assertThatThrownBy(() -> compileStreaming(lagOnly))
        .isInstanceOfSatisfying(
            SpecException.class,
            e -> {
              assertThat(e.path()).isEqualTo("views[0].functions[0].function");
              assertThat(e.getMessage()).contains("lag is batch-only");
            });
  }

  @Test
  void spanJoin_isAHashedJoinOnTheFile_andEndsAsTheBatchRun() {
    String spec = OrderedAndSpanViewsCompileTest.SPANS;
    CompiledSpec compiled = compileStreaming(spec);
    Table contained = compiled.output("contained");
    assertThat(physicalPlan(contained))
        .contains(
            "Join(joinType=[InnerJoin], where=[AND(=(file_id, file_id0), <=(bstart, bstart0),"
                + " <=(bend0, bend))]")
        .contains("Exchange(distribution=[hash[file_id]]");
    assertThat(applied(contained)).isEqualTo(batchRows(spec, "contained"));
    assertThat(applied(compiled.output("overlapping"))).isEqualTo(batchRows(spec, "overlapping"));
  }
}
