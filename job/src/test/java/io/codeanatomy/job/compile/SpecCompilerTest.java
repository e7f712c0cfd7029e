package io.codeanatomy.job.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.codeanatomy.spec.Spec;
import io.codeanatomy.spec.SpecException;
import io.codeanatomy.spec.SpecLoader;
import io.codeanatomy.udf.CodeAnatomyFunctions;
import io.codeanatomy.udf.id.StableId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Compiles small specs and runs them on a MiniCluster in batch mode. */
class SpecCompilerTest {
  private static final String INPUTS =
      """
      name: compiler-test
      version: 1
      inputs:
        - name: people
          primary_key: [id]
          columns:
            - {name: id, type: INT, nullable: false}
            - {name: name, type: STRING, nullable: false}
            - {name: team, type: STRING}
            - {name: score, type: DOUBLE}
            - {name: tags, type: ARRAY<STRING>, nullable: false}
        - name: teams
          primary_key: [team]
          columns:
            - {name: team, type: STRING, nullable: false}
            - {name: lead, type: STRING}
      """;

  private TableEnvironment env;
  private RowsBinder binder;

  @BeforeEach
  void setUp() {
    env = TableEnvironment.create(EnvironmentSettings.inBatchMode());
    CodeAnatomyFunctions.registerAll(env);
    binder =
        new RowsBinder(env)
            .add("people", 1, "alice", "red", 3.5, new String[] {"a"})
            .add("people", 2, "bob", null, 9.0, new String[] {})
            .add("people", 3, "carol", "blue", 1.0, new String[] {"x", "y"})
            .add("people", 4, "dave", "red", 2.5, new String[] {})
            .add("teams", "red", "alice")
            .add("teams", "blue", "zed");
  }

  private static Spec spec(String viewsAndOutputs) {
    return SpecLoader.parse(INPUTS + viewsAndOutputs, SpecLoader.Format.YAML, "test.yaml");
  }

  private CompiledSpec compile(String viewsAndOutputs) {
    return SpecCompiler.compile(spec(viewsAndOutputs), env, binder);
  }

  private static List<Row> rows(Table table) {
    List<Row> out = new ArrayList<>();
    try (CloseableIterator<Row> it = table.execute().collect()) {
      it.forEachRemaining(out::add);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    out.sort(Comparator.comparing(Row::toString));
    return out;
  }

  @Test
  void sourceFilterProject_everyExpressionForm() {
    CompiledSpec compiled =
        compile(
            """
            views:
              - {name: p, kind: SOURCE, input: people, columns: [id, name, team, score]}
              - name: f
                kind: FILTER
                input: p
                where:
                  and:
                    - {is_not_null: {col: team}}
                    - {or: [{gt: [{col: score}, 1.5]}, {in: {expr: {col: name}, values: [carol]}}]}
                    - {not: {eq: [{col: id}, 99]}}
              - name: out
                kind: PROJECT
                input: f
                select:
                  - {name: id, expr: {col: id}}
                  - {name: label, expr: {call: concat, args: [{call: upper, args: [{col: name}]}, '@', {col: team}]}}
                  - name: grade
                    expr: {case: {when: [{if: {ge: [{col: score}, 3.0]}, then: high}, {if: {ge: [{col: score}, 2.0]}, then: mid}], else: low}}
                  - {name: score_text, expr: {cast: {expr: {col: score}, type: STRING}}}
                  - {name: next_id, expr: {add: [{col: id}, 1]}}
                  - {name: loc, expr: {struct: {line: {col: id}, col: {lit: 0, type: INT}}}}
                  - {name: props, expr: {map: {team: {col: team}, name: {col: name}}}}
                  - {name: pair, expr: {array: [{col: name}, {col: team}]}}
                  - {name: nick, expr: {coalesce: [{lit: null, type: STRING}, {col: name}]}}
                  - {name: hid, expr: {call: stable_hash_id, args: [person, {col: name}]}}
                  - {name: maybe, expr: {case: {when: [{if: {eq: [{col: id}, 1]}, then: one}]}}}
            outputs:
              - {name: out, view: out}
            """);
    Table out = compiled.output("out");
    assertThat(
            out.getResolvedSchema().getColumnDataTypes().get(5).getLogicalType().asSummaryString())
        .isEqualTo("ROW<`line` INT NOT NULL, `col` INT NOT NULL> NOT NULL");
    List<Row> rows = rows(out);
    assertThat(rows).extracting(r -> r.getField(0)).containsExactly(1, 3, 4);
    Row alice = rows.get(0);
    assertThat(alice.getField("label")).isEqualTo("ALICE@red");
    assertThat(alice.getField("grade")).isEqualTo("high");
    assertThat(alice.getField("score_text")).isEqualTo("3.5");
    assertThat(alice.getField("next_id")).isEqualTo(2);
    assertThat(alice.getField("loc")).isEqualTo(Row.of(1, 0));
    assertThat(alice.getField("props")).isEqualTo(Map.of("team", "red", "name", "alice"));
    assertThat((String[]) alice.getField("pair")).containsExactly("alice", "red");
    assertThat(alice.getField("nick")).isEqualTo("alice");
    assertThat(alice.getField("hid")).isEqualTo(StableId.of("person", "alice"));
    assertThat(alice.getField("maybe")).isEqualTo("one");
    assertThat(rows.get(1).getField("grade")).isEqualTo("low");
    assertThat(rows.get(2).getField("grade")).isEqualTo("mid");
    assertThat(rows.get(2).getField("maybe")).isNull();
  }

  @Test
  void join_innerAndLeftWithResidual() {
    CompiledSpec compiled =
        compile(
            """
            views:
              - name: inner_join
                kind: JOIN
                left: people
                right: teams
                on: [{left: team, right: team}]
                select:
                  - {name: name, expr: {col: left.name}}
                  - {name: lead, expr: {col: right.lead}}
              - name: left_join
                kind: JOIN
                left: people
                right: teams
                type: left
                on: [{left: team, right: team}]
                where: {ne: [{col: right.lead}, {col: left.name}]}
                select:
                  - {name: name, expr: {col: left.name}}
                  - {name: lead, expr: {col: right.lead}}
            outputs:
              - {name: inner_join, view: inner_join}
              - {name: left_join, view: left_join}
            """);
    assertThat(rows(compiled.output("inner_join")))
        .containsExactly(Row.of("alice", "alice"), Row.of("carol", "zed"), Row.of("dave", "alice"));
    // alice leads her own team, so the residual rejects her match; an outer join keeps her row.
    assertThat(rows(compiled.output("left_join")))
        .containsExactly(
            Row.of("alice", null),
            Row.of("bob", null),
            Row.of("carol", "zed"),
            Row.of("dave", "alice"));
  }

  @Test
  void union_alignsByNameAndFillsNulls() {
    CompiledSpec compiled =
        compile(
            """
            views:
              - name: a
                kind: PROJECT
                input: people
                select: [{name: id, expr: {col: id}}, {name: name, expr: {col: name}}]
              - name: b
                kind: PROJECT
                input: teams
                select: [{name: lead, expr: {col: lead}}, {name: name, expr: {col: team}}]
              - {name: all, kind: UNION, inputs: [a, b]}
              - {name: names, kind: PROJECT, input: all, select: [{name: name, expr: {col: name}}]}
              - {name: distinct_names, kind: UNION, inputs: [names, names], distinct: true}
            outputs:
              - {name: all, view: all}
              - {name: distinct_names, view: distinct_names}
            """);
    Table all = compiled.output("all");
    assertThat(all.getResolvedSchema().getColumnNames()).containsExactly("id", "name", "lead");
    assertThat(rows(all))
        .containsExactly(
            Row.of(1, "alice", null),
            Row.of(2, "bob", null),
            Row.of(3, "carol", null),
            Row.of(4, "dave", null),
            Row.of(null, "blue", "zed"),
            Row.of(null, "red", "alice"));
    assertThat(rows(compiled.output("distinct_names"))).hasSize(6);
  }

  @Test
  void aggregate_groupedAndGlobal() {
    CompiledSpec compiled =
        compile(
            """
            views:
              - name: per_team
                kind: AGGREGATE
                input: people
                group_by: [team]
                aggregates:
                  - {name: n, function: count}
                  - {name: best, function: max, arg: {col: score}}
                  - {name: first_name, function: min, arg: {col: name}}
                  - {name: total, function: sum, arg: {col: score}}
              - name: overall
                kind: AGGREGATE
                input: people
                aggregates:
                  - {name: teams, function: count_distinct, arg: {col: team}}
                  - {name: people, function: count, arg: {col: team}}
            outputs:
              - {name: per_team, view: per_team}
              - {name: overall, view: overall}
            """);
    assertThat(rows(compiled.output("per_team")))
        .containsExactlyInAnyOrder(
            Row.of("blue", 1L, 1.0, "carol", 1.0),
            Row.of("red", 2L, 3.5, "alice", 6.0),
            Row.of(null, 1L, 9.0, "bob", 9.0));
    assertThat(rows(compiled.output("overall"))).containsExactly(Row.of(2L, 3L));
  }

  @Test
  void unnest_dropsOrKeepsEmptyArrays() {
    CompiledSpec compiled =
        compile(
            """
            views:
              - {name: tags, kind: UNNEST, input: people, column: tags, as: tag}
              - {name: tags_all, kind: UNNEST, input: people, column: tags, as: tag, keep_empty: true}
              - name: t
                kind: PROJECT
                input: tags
                select: [{name: name, expr: {col: name}}, {name: tag, expr: {col: tag}}]
              - name: t_all
                kind: PROJECT
                input: tags_all
                select: [{name: name, expr: {col: name}}, {name: tag, expr: {col: tag}}]
            outputs:
              - {name: t, view: t}
              - {name: t_all, view: t_all}
            """);
    assertThat(rows(compiled.output("t")))
        .containsExactly(Row.of("alice", "a"), Row.of("carol", "x"), Row.of("carol", "y"));
    assertThat(rows(compiled.output("t_all")))
        .containsExactly(
            Row.of("alice", "a"),
            Row.of("bob", null),
            Row.of("carol", "x"),
            Row.of("carol", "y"),
            Row.of("dave", null));
  }

  @Test
  void unnest_twoArraysUnionedAndGrouped() {
    CompiledSpec compiled =
        compile(
            """
            views:
              - {name: t1, kind: UNNEST, input: people, column: tags, as: tag}
              - {name: t2, kind: UNNEST, input: people, column: tags, as: tag}
              - name: p1
                kind: PROJECT
                input: t1
                select: [{name: name, expr: {col: name}}, {name: tag, expr: {col: tag}}]
              - name: p2
                kind: PROJECT
                input: t2
                select: [{name: name, expr: {col: name}}, {name: tag, expr: {call: concat, args: [{col: tag}, '!']}}]
              - {name: u, kind: UNION, inputs: [p1, p2]}
              - name: j
                kind: JOIN
                left: u
                right: people
                on: [{left: name, right: name}]
                select: [{name: name, expr: {col: left.name}}, {name: tag, expr: {col: left.tag}}]
              - name: g
                kind: AGGREGATE
                input: j
                group_by: [name, tag]
                aggregates: [{name: n, function: count}]
            outputs:
              - {name: g, view: g}
            """);
    assertThat(rows(compiled.output("g"))).hasSize(6);
  }

  @Test
  void unknownFunction_isASpecErrorWithPathAndSuggestion() {
    assertThatThrownBy(
            () ->
                compile(
                    """
                    views:
                      - name: v
                        kind: PROJECT
                        input: people
                        select:
                          - {name: id, expr: {col: id}}
                          - {name: u, expr: {concat: []}}
                    outputs: [{name: v, view: v}]
                    """))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("views[0].select[1].expr");
    assertThatThrownBy(
            () ->
                compile(
                    """
                    views:
                      - name: v
                        kind: PROJECT
                        input: people
                        select:
                          - {name: id, expr: {col: id}}
                          - {name: u, expr: {call: uper, args: [{col: name}]}}
                    outputs: [{name: v, view: v}]
                    """))
        .isInstanceOfSatisfying(
            SpecException.class,
            e -> {
              assertThat(e.path()).isEqualTo("views[0].select[1].expr.call");
              assertThat(e.getMessage()).contains("unknown function 'uper'; did you mean 'upper'?");
            });
  }

  @Test
  void typeMismatch_isASpecErrorAtTheExpression() {
    assertThatThrownBy(
            () ->
                compile(
                    """
                    views:
                      - name: v
                        kind: PROJECT
                        input: people
                        select:
                          - {name: id, expr: {col: id}}
                          - {name: bad, expr: {call: upper, args: [{col: tags}]}}
                    outputs: [{name: v, view: v}]
                    """))
        .isInstanceOfSatisfying(
            SpecException.class,
            e -> {
              assertThat(e.path()).isEqualTo("views[0].select[1].expr");
              assertThat(e.getMessage()).contains("Flink rejected this expression");
            });
    assertThatThrownBy(
            () ->
                compile(
                    """
                    views:
                      - name: v
                        kind: FILTER
                        input: people
                        where: {not: {col: name}}
                    outputs: [{name: v, view: v}]
                    """))
        .isInstanceOfSatisfying(
            SpecException.class, e -> assertThat(e.path()).startsWith("views[0].where"));
  }

  @Test
  void boundInputOfTheWrongShape_isReportedAtTheDeclaration() {
    InputBinder wrong =
        input ->
            input.name().equals("teams")
                ? env.fromValues(
                    DataTypes.ROW(
                        DataTypes.FIELD("team", DataTypes.STRING()),
                        DataTypes.FIELD("lead", DataTypes.INT())),
                    Row.of("red", 1))
                : binder.bind(input);
    Spec spec =
        spec(
            """
            views:
              - {name: v, kind: SOURCE, input: teams}
            outputs: [{name: v, view: v}]
            """);
    assertThatThrownBy(() -> SpecCompiler.compile(spec, env, wrong))
        .isInstanceOfSatisfying(
            SpecException.class,
            e -> {
              assertThat(e.path()).isEqualTo("inputs[1].columns[1].type");
              assertThat(e.getMessage()).contains("declared STRING but the bound table has INT");
            });
  }

  @Test
  void outputContract_isCheckedAgainstFlinkTypes() {
    assertThatThrownBy(
            () ->
                compile(
                    """
                    views:
                      - name: v
                        kind: PROJECT
                        input: people
                        select:
                          - {name: id, expr: {col: id}}
                          - {name: label, expr: {call: concat, args: [{col: name}, x]}}
                    outputs:
                      - name: v
                        view: v
                        columns:
                          - {name: id, type: INT}
                          - {name: label, type: BIGINT}
                    """))
        .isInstanceOfSatisfying(
            SpecException.class,
            e -> {
              assertThat(e.path()).isEqualTo("outputs[0].columns[1].type");
              assertThat(e.getMessage()).contains("produces STRING").contains("declares BIGINT");
            });
  }
}
