package io.codeanatomy.job.compile;

import static org.assertj.core.api.Assertions.assertThat;

import io.codeanatomy.spec.Spec;
import io.codeanatomy.spec.SpecLoader;
import io.codeanatomy.spec.view.JoinKey;
import io.codeanatomy.udf.CodeAnatomyFunctions;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;

/** A JOIN without {@code on} joins on the inferred keys, which the compiled spec records. */
class JoinKeyInferenceCompileTest {
  private static final String SPEC =
      """
      name: infer
      version: 1
      inputs:
        - name: defs
          columns:
            - {name: def_id, type: STRING, nullable: false, semantic: DefId}
            - {name: file_id, type: STRING, nullable: false, semantic: FileId}
            - {name: name, type: STRING, nullable: false, semantic: Name}
        - name: files
          columns:
            - {name: fid, type: STRING, nullable: false, semantic: FileId}
            - {name: name, type: STRING, nullable: false, semantic: Name}
      views:
        - name: def_files
          kind: JOIN
          left: defs
          right: files
          type: left
          select:
            - {name: def_id, expr: {col: left.def_id}}
            - {name: file_name, expr: {col: right.name}}
      outputs:
        - {name: out, view: def_files}
      """;

  @Test
  void inferredKeys_joinAndAreRecorded() throws Exception {
    TableEnvironment env = TableEnvironment.create(EnvironmentSettings.inBatchMode());
    CodeAnatomyFunctions.registerAll(env);
    RowsBinder binder =
        new RowsBinder(env)
            .add("defs", "d1", "f1", "run")
            .add("defs", "d2", "f2", "go")
            .add("defs", "d3", "f9", "lost")
            .add("files", "f1", "a.py")
            .add("files", "f2", "b.py");
    Spec spec = SpecLoader.parse(SPEC, SpecLoader.Format.YAML, "infer.yaml");
    CompiledSpec compiled = SpecCompiler.compile(spec, env, binder);
    // Name is not an identifying semantic type, so only FileId pairs up.
    assertThat(compiled.inferredJoinKeys())
        .containsExactly(java.util.Map.entry("def_files", List.of(new JoinKey("file_id", "fid"))));
    List<String> rows = new ArrayList<>();
    try (CloseableIterator<Row> it = compiled.output("out").execute().collect()) {
      it.forEachRemaining(r -> rows.add(r.getField(0) + "=" + r.getField(1)));
    }
    assertThat(rows).containsExactlyInAnyOrder("d1=a.py", "d2=b.py", "d3=null");
  }
}
