package io.codeanatomy.job.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.codeanatomy.spec.DerivedColumn;
import io.codeanatomy.spec.Spec;
import io.codeanatomy.spec.SpecException;
import io.codeanatomy.spec.SpecLoader;
import io.codeanatomy.spec.type.TypeSpec;
import io.codeanatomy.udf.CodeAnatomyFunctions;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;

/** A UNION widens numeric columns (INT + BIGINT is BIGINT, INT + DOUBLE is DOUBLE). */
class UnionWideningTest {
  private static final String SPEC =
      """
      name: widen
      version: 1
      inputs:
        - name: small
          columns:
            - {name: k, type: INT, nullable: false}
            - {name: v, type: INT}
        - name: big
          columns:
            - {name: k, type: BIGINT, nullable: false}
            - {name: v, type: DOUBLE}
      views:
        - {name: both, kind: UNION, inputs: [small, big]}
      outputs:
        - {name: out, view: both}
      """;

  @Test
  void numericColumnsWiden() throws Exception {
    Spec spec = SpecLoader.parse(SPEC, SpecLoader.Format.YAML, "widen.yaml");
    TableEnvironment env = TableEnvironment.create(EnvironmentSettings.inBatchMode());
    CodeAnatomyFunctions.registerAll(env);
    RowsBinder binder = new RowsBinder(env).add("small", 1, 7).add("big", 5_000_000_000L, 2.5);
    CompiledSpec compiled = SpecCompiler.compile(spec, env, binder);
    assertThat(compiled.spec().columnsOf("both"))
        .extracting(DerivedColumn::type)
        .containsExactly(TypeSpec.parse("BIGINT"), TypeSpec.parse("DOUBLE"));
    Table out = compiled.output("out");
    assertThat(out.getResolvedSchema().getColumnDataTypes())
        .containsExactly(DataTypes.BIGINT().notNull(), DataTypes.DOUBLE());
    List<Row> rows = new ArrayList<>();
    try (CloseableIterator<Row> it = out.execute().collect()) {
      it.forEachRemaining(rows::add);
    }
    assertThat(rows).containsExactlyInAnyOrder(Row.of(1L, 7.0), Row.of(5_000_000_000L, 2.5));
  }

  @Test
  void nonNumericDifferences_stillNeedACast() {
    Spec spec =
        SpecLoader.parse(
            SPEC.replace("{name: v, type: DOUBLE}", "{name: v, type: STRING}"),
            SpecLoader.Format.YAML,
            "widen.yaml");
    TableEnvironment env = TableEnvironment.create(EnvironmentSettings.inBatchMode());
    assertThatThrownBy(() -> SpecCompiler.compile(spec, env, new RowsBinder(env)))
        .isInstanceOfSatisfying(
            SpecException.class,
            e -> {
              assertThat(e.path()).isEqualTo("views[0].inputs[1]");
              assertThat(e.getMessage()).contains("only numeric types widen");
            });
  }
}
