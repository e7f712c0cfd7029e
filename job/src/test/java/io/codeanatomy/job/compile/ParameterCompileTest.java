package io.codeanatomy.job.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.codeanatomy.job.plan.DeclaredShapeBinder;
import io.codeanatomy.job.plan.PlanDigest;
import io.codeanatomy.spec.Spec;
import io.codeanatomy.spec.SpecException;
import io.codeanatomy.spec.SpecLoader;
import io.codeanatomy.udf.CodeAnatomyFunctions;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;

/**
 * {@code {param: n}} compiles to a typed literal of the bound value; the plan digest follows the
 * values while the template digest (parameters masked) does not.
 */
class ParameterCompileTest {
  private static final String SPEC =
      """
      name: params
      version: 1
      parameters:
        - {position: 1, type: STRING, name: team}
        - {position: 2, type: DOUBLE, name: min_score}
      inputs:
        - name: people
          columns:
            - {name: id, type: INT, nullable: false}
            - {name: team, type: STRING}
            - {name: score, type: DOUBLE}
      views:
        - name: picked
          kind: FILTER
          input: people
          where: {and: [{eq: [{col: team}, {param: 1}]}, {ge: [{col: score}, {param: 2}]}]}
        - name: labelled
          kind: PROJECT
          input: picked
          select:
            - {name: id, expr: {col: id}}
            - {name: label, expr: {call: concat, args: [{param: 1}, ':', {col: team}]}}
      outputs:
        - {name: out, view: labelled}
      """;

  private static final Spec PARSED = SpecLoader.parse(SPEC, SpecLoader.Format.YAML, "params.yaml");

  private static TableEnvironment env() {
    TableEnvironment env = TableEnvironment.create(EnvironmentSettings.inBatchMode());
    CodeAnatomyFunctions.registerAll(env);
    return env;
  }

  private static RowsBinder binder(TableEnvironment env) {
    return new RowsBinder(env)
        .add("people", 1, "red", 3.5)
        .add("people", 2, "red", 1.0)
        .add("people", 3, "blue", 9.0);
  }

  // Digests over opaque sources: over constant rows the optimizer would fold the filter away.
  private static PlanDigest digest(List<?> values) {
    TableEnvironment env = env();
    return PlanDigest.of(
        SpecCompiler.compile(PARSED, env, new DeclaredShapeBinder(env), values), env);
  }

  private static PlanDigest templateDigest() {
    TableEnvironment env = env();
    return PlanDigest.of(
        SpecCompiler.compileTemplate(PARSED, env, new DeclaredShapeBinder(env)), env);
  }

  @Test
  void parameters_bindAsTypedLiterals() throws Exception {
    TableEnvironment env = env();
    CompiledSpec compiled = SpecCompiler.compile(PARSED, env, binder(env), List.of("red", 2));
    List<String> rows = new ArrayList<>();
    try (CloseableIterator<Row> it = compiled.output("out").execute().collect()) {
      it.forEachRemaining(r -> rows.add(r.getField(0) + "=" + r.getField(1)));
    }
    assertThat(rows).containsExactly("1=red:red");
    assertThat(compiled.parameters()).containsOnlyKeys(1, 2);
  }

  @Test
  void templateDigest_isTheSameAcrossValues_planDigestIsNot() {
    PlanDigest red = digest(List.of("red", 2.0));
    PlanDigest blue = digest(List.of("blue", 0.5));
    assertThat(red.optimizedPlan()).contains("red");
    assertThat(red.optimizedDigest()).isNotEqualTo(blue.optimizedDigest());
    assertThat(red.logicalDigest()).isNotEqualTo(blue.logicalDigest());

    PlanDigest template = templateDigest();
    assertThat(templateDigest().optimizedDigest()).isEqualTo(template.optimizedDigest());
    assertThat(template.optimizedDigest())
        .isNotEqualTo(red.optimizedDigest())
        .isNotEqualTo(blue.optimizedDigest());
    assertThat(template.optimizedPlan()).contains("'?'").doesNotContain("red");
    assertThat(operators(red.optimizedPlan())).isEqualTo(operators(blue.optimizedPlan()));
  }

  /** The operator tree without arguments: the plan's shape. */
  private static String operators(String plan) {
    return plan.replaceAll("\\(.*", "");
  }

  @Test
  void valuesOfTheWrongType_areSpecErrors() {
    TableEnvironment env = env();
    assertThatThrownBy(() -> SpecCompiler.compile(PARSED, env, binder(env), List.of(7, 1.0)))
        .isInstanceOfSatisfying(
            SpecException.class, e -> assertThat(e.path()).isEqualTo("parameters[0]"));
    assertThatThrownBy(() -> SpecCompiler.compile(PARSED, env, binder(env)))
        .isInstanceOfSatisfying(
            SpecException.class, e -> assertThat(e.getMessage()).contains("declares 2"));
  }
}
