package io.codeanatomy.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.codeanatomy.spec.expr.ColumnRef;
import io.codeanatomy.spec.expr.NullTest;
import io.codeanatomy.spec.view.FilterView;
import io.codeanatomy.spec.view.JoinType;
import io.codeanatomy.spec.view.JoinView;
import io.codeanatomy.spec.view.SourceView;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecLoaderTest {

  @Test
  void readsTheModel() {
    Spec spec = SpecFixtures.read(SpecFixtures.BASE);
    assertThat(spec.name()).isEqualTo("tiny");
    assertThat(spec.inputs().get(0).columns().get(0).semantic()).isEqualTo(SemanticType.FILE_ID);
    assertThat(spec.inputs().get(0).columns().get(2).nullable()).isTrue();
    assertThat(spec.views().get(0)).isInstanceOf(SourceView.class);
    FilterView filter = (FilterView) spec.views().get(1);
    assertThat(filter.where()).isEqualTo(new NullTest(new ColumnRef("module"), true));
    JoinView join = (JoinView) spec.views().get(2);
    assertThat(join.type()).isEqualTo(JoinType.INNER);
    assertThat(join.on().get(0).right()).isEqualTo("file_id");
  }

  @Test
  void loadsFilesByExtension(@TempDir Path dir) throws Exception {
    Path yaml = dir.resolve("s.yaml");
    Files.writeString(yaml, SpecFixtures.BASE);
    Spec fromYaml = SpecLoader.load(yaml);
    Path json = dir.resolve("s.json");
    Files.writeString(json, SpecHash.canonicalJson(fromYaml));
    assertThat(SpecLoader.load(json)).isEqualTo(fromYaml);
    assertThatThrownBy(() -> SpecLoader.load(dir.resolve("s.txt")))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("*.yaml, *.yml or *.json");
    assertThatThrownBy(() -> SpecLoader.load(dir.resolve("missing.yaml")))
        .hasMessageContaining("spec file not found");
  }

  @Test
  void unknownField_isAnErrorWithPathAndSuggestion() {
    String yaml =
        SpecFixtures.edit(
            "  - name: labels\n    view: def_with_file\n",
            "  - name: labels\n    view: def_with_file\n    ownr: file_id\n");
    assertThatThrownBy(() -> SpecFixtures.read(yaml))
        .isInstanceOfSatisfying(
            SpecException.class,
            e -> {
              assertThat(e.path()).isEqualTo("outputs[0].ownr");
              assertThat(e.getMessage()).contains("unknown field 'ownr'; did you mean 'owner'?");
            });
  }

  @Test
  void misspeltRequiredField_pointsAtTheMisspelling() {
    String yaml =
        SpecFixtures.edit(
            "on: [{left: file_id, right: file_id}]", "on: [{left: file_id, rigth: file_id}]");
    assertThatThrownBy(() -> SpecFixtures.read(yaml))
        .isInstanceOfSatisfying(
            SpecException.class,
            e -> {
              assertThat(e.path()).isEqualTo("views[2].on[0].right");
              assertThat(e.getMessage())
                  .contains("found unknown field 'rigth', did you mean 'right'?");
            });
  }

  @Test
  void missingRequiredField_namesTheField() {
    String yaml = SpecFixtures.edit("  - name: py_files\n    kind: FILTER\n", "  - kind: FILTER\n");
    assertThatThrownBy(() -> SpecFixtures.read(yaml))
        .isInstanceOfSatisfying(
            SpecException.class,
            e -> {
              assertThat(e.path()).isEqualTo("views[1].name");
              assertThat(e.getMessage()).contains("missing required field 'name'");
            });
  }

  @Test
  void wrongValueType_isReportedAtItsPath() {
    String yaml = SpecFixtures.edit("primary_key: [def_id]\n  ", "primary_key: def_id\n  ");
    assertThatThrownBy(() -> SpecFixtures.read(yaml))
        .isInstanceOfSatisfying(
            SpecException.class,
            e -> {
              assertThat(e.path()).isEqualTo("inputs[1].primary_key");
              assertThat(e.getMessage()).contains("expected a list");
            });
    assertThatThrownBy(() -> SpecFixtures.read(SpecFixtures.edit("version: 1", "version: '1'")))
        .isInstanceOfSatisfying(
            SpecException.class, e -> assertThat(e.path()).isEqualTo("version"));
  }

  @Test
  void unknownKindAndEnumValues_listTheChoices() {
    assertThatThrownBy(() -> SpecFixtures.read(SpecFixtures.edit("kind: FILTER", "kind: FILTR")))
        .isInstanceOfSatisfying(
            SpecException.class,
            e -> {
              assertThat(e.path()).isEqualTo("views[1].kind");
              assertThat(e.getMessage()).contains("did you mean 'FILTER'?").contains("AGGREGATE");
            });
    assertThatThrownBy(() -> SpecFixtures.read(SpecFixtures.edit("type: inner", "type: innr")))
        .isInstanceOfSatisfying(
            SpecException.class,
            e -> {
              assertThat(e.path()).isEqualTo("views[2].type");
              assertThat(e.getMessage()).contains("did you mean 'inner'?");
            });
    assertThatThrownBy(
            () -> SpecFixtures.read(SpecFixtures.edit("semantic: FileId}", "semantic: FileID}")))
        .isInstanceOfSatisfying(
            SpecException.class,
            e -> assertThat(e.path()).isEqualTo("inputs[0].columns[0].semantic"));
  }

  @Test
  void malformedExpression_pathReachesIntoTheTree() {
    String yaml =
        SpecFixtures.edit(
            "where: {is_not_null: {col: module}}",
            "where: {and: [{is_not_null: {col: module}}, {eqq: [{col: path}, x]}]}");
    assertThatThrownBy(() -> SpecFixtures.read(yaml))
        .isInstanceOfSatisfying(
            SpecException.class,
            e -> {
              assertThat(e.path()).isEqualTo("views[1].where.and[1]");
              assertThat(e.getMessage()).contains("unknown expression form 'eqq'").contains("'eq'");
            });
    String nullLit = SpecFixtures.edit("{col: module}}", "{lit: null}}");
    assertThatThrownBy(() -> SpecFixtures.read(nullLit))
        .isInstanceOfSatisfying(
            SpecException.class,
            e -> {
              assertThat(e.path()).isEqualTo("views[1].where.is_not_null");
              assertThat(e.getMessage()).contains("needs a type");
            });
  }

  @Test
  void duplicateKeysAndSyntaxErrors_areReported() {
    assertThatThrownBy(
            () -> SpecFixtures.read(SpecFixtures.edit("version: 1", "version: 1\nversion: 2")))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("version");
    assertThatThrownBy(() -> SpecLoader.parse("{\"name\": ", SpecLoader.Format.JSON, "x.json"))
        .isInstanceOfSatisfying(
            SpecException.class,
            e -> {
              assertThat(e.source()).isEqualTo("x.json");
              assertThat(e.getMessage()).startsWith("x.json: malformed JSON at line 1");
            });
  }

  @Test
  void shippedSpec_loadsWithoutWarnings() {
    Spec spec = SpecLoader.loadResource("specs/python-cpg.yaml");
    ValidatedSpec validated = SpecValidator.validate(spec);
    assertThat(validated.warnings()).isEmpty();
    assertThat(spec.outputs())
        .extracting(OutputSpec::name)
        .containsExactly("cpg_nodes", "cpg_edges");
    assertThat(spec.inputs())
        .extracting(InputSpec::name)
        .containsExactly(
            "files",
            "parse_errors",
            "ast_nodes",
            "scopes",
            "defs",
            "calls",
            "imports",
            "name_refs",
            "params",
            "call_args");
  }
}
