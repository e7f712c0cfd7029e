package io.codeanatomy.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.codeanatomy.spec.type.TypeSpec;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class SpecValidatorTest {

  private static void fails(String yaml, Consumer<SpecException> check) {
    Spec spec = SpecFixtures.read(yaml);
    assertThatThrownBy(() -> SpecValidator.validate(spec))
        .isInstanceOfSatisfying(SpecException.class, check);
  }

  @Test
  void validSpec_derivesColumnsOrderAndConsumers() {
    ValidatedSpec v = SpecValidator.validate(SpecFixtures.read(SpecFixtures.BASE));
    assertThat(v.viewOrder()).containsExactly("all_files", "py_files", "def_with_file");
    assertThat(v.columnsOf("def_with_file"))
        .extracting(DerivedColumn::name)
        .containsExactly("def_id", "path", "label");
    assertThat(v.columnsOf("def_with_file").get(0).type())
        .isEqualTo(TypeSpec.parse("STRING NOT NULL"));
    assertThat(v.consumerCount("def_with_file")).isEqualTo(1);
    assertThat(v.warnings()).isEmpty();
  }

  @Test
  void duplicateNames_acrossInputsAndViews() {
    fails(
        SpecFixtures.edit("- name: all_files", "- name: defs"),
        e -> {
          assertThat(e.path()).isEqualTo("views[0].name");
          assertThat(e.getMessage()).contains("duplicate name 'defs' (also at inputs[1])");
        });
  }

  @Test
  void unknownReference_suggestsTheClosestName() {
    fails(
        SpecFixtures.edit("input: all_files", "input: all_file"),
        e -> {
          assertThat(e.path()).isEqualTo("views[1].input");
          assertThat(e.getMessage())
              .contains("unknown input or view 'all_file'; did you mean 'all_files'?");
        });
    fails(
        SpecFixtures.edit("view: def_with_file", "view: def_with_files"),
        e -> {
          assertThat(e.path()).isEqualTo("outputs[0].view");
          assertThat(e.getMessage()).contains("did you mean 'def_with_file'?");
        });
  }

  @Test
  void cycles_areNamed() {
    String yaml =
        SpecFixtures.edit("input: all_files", "input: def_with_file")
            .replace("right: py_files", "right: py_files");
    fails(
        yaml,
        e ->
            assertThat(e.getMessage())
                .contains("views form a cycle: py_files -> def_with_file -> py_files"));
  }

  @Test
  void unknownColumns_throughEachKind() {
    fails(
        SpecFixtures.edit("{is_not_null: {col: module}}", "{is_not_null: {col: modul}}"),
        e -> {
          assertThat(e.path()).isEqualTo("views[1].where.is_not_null.col");
          assertThat(e.getMessage()).contains("did you mean 'module'?");
        });
    fails(
        SpecFixtures.edit(
            "on: [{left: file_id, right: file_id}]", "on: [{left: file_id, right: fileid}]"),
        e -> assertThat(e.path()).isEqualTo("views[2].on[0].right"));
    fails(
        SpecFixtures.edit("{col: right.path}", "{col: left.path}"),
        e -> {
          assertThat(e.path()).isEqualTo("views[2].select[1].expr.col");
          assertThat(e.getMessage())
              .contains("'path' is a column of the right side; write right.path");
        });
    fails(
        SpecFixtures.edit("{col: right.path}", "{col: path}"),
        e -> assertThat(e.getMessage()).contains("unqualified column 'path' in a JOIN"));
    fails(
        SpecFixtures.edit("input: files\n", "input: files\n    columns: [file_id, pth]\n"),
        e -> assertThat(e.path()).isEqualTo("views[0].columns[1]"));
    // A column dropped by an earlier view is unknown downstream.
    fails(
        SpecFixtures.edit("input: files\n", "input: files\n    columns: [file_id, path]\n"),
        e -> assertThat(e.path()).isEqualTo("views[1].where.is_not_null.col"));
  }

  @Test
  void unionAndAggregate_trackColumns() {
    String yaml =
        SpecFixtures.BASE.replace(
            "outputs:",
            """
              - name: both
                kind: UNION
                inputs: [all_files, def_with_file]
              - name: per_path
                kind: AGGREGATE
                input: both
                group_by: [path]
                aggregates:
                  - {name: n, function: count}
                  - {name: any_label, function: max, arg: {col: label}}
            outputs:
              - name: counts
                view: per_path
                primary_key: [path]
                columns:
                  - {name: path, type: STRING}
                  - {name: n, type: BIGINT, nullable: false}
                  - {name: any_label, type: STRING}
            """);
    ValidatedSpec v = SpecValidator.validate(SpecFixtures.read(yaml));
    assertThat(v.columnsOf("both"))
        .extracting(DerivedColumn::name)
        .containsExactly("file_id", "path", "module", "def_id", "label");
    assertThat(v.consumerCount("def_with_file")).isEqualTo(2);

    String badType =
        yaml.replace("{name: n, type: BIGINT, nullable: false}", "{name: n, type: INT}");
    fails(
        badType,
        e -> {
          assertThat(e.path()).isEqualTo("outputs[0].columns[1].type");
          assertThat(e.getMessage()).contains("produces BIGINT").contains("declares INT");
        });
    String badGroup = yaml.replace("group_by: [path]", "group_by: [paths]");
    fails(badGroup, e -> assertThat(e.path()).isEqualTo("views[4].group_by[0]"));
  }

  @Test
  void unusedViews_areWarningsNotErrors() {
    String yaml =
        SpecFixtures.BASE.replace(
            "outputs:",
            """
              - name: orphan
                kind: PROJECT
                input: defs
                select: [{name: n, expr: {col: name}}]
            outputs:""");
    ValidatedSpec v = SpecValidator.validate(SpecFixtures.read(yaml));
    assertThat(v.warnings())
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.path()).isEqualTo("views[3]");
              assertThat(w.message()).contains("'orphan' is not used by any output");
            });
  }

  @Test
  void severalProblems_areReportedTogether() {
    String yaml =
        SpecFixtures.edit("{col: right.path}", "{col: right.pth}")
            .replace("{is_not_null: {col: module}}", "{is_not_null: {col: modul}}");
    fails(
        yaml,
        e -> {
          assertThat(e.problems()).hasSize(2);
          assertThat(e.getMessage()).startsWith("2 problems in the spec:");
        });
  }

  @Test
  void typesAndLiterals_areChecked() {
    fails(
        SpecFixtures.edit("type: ARRAY<STRING>", "type: ARRAY<STRNG>"),
        e -> {
          assertThat(e.path()).isEqualTo("inputs[1].columns[3].type");
          assertThat(e.getMessage()).contains("unknown type 'STRNG'");
        });
    fails(
        SpecFixtures.edit(
            "{is_not_null: {col: module}}", "{eq: [{col: module}, {lit: x, type: INT}]}"),
        e -> assertThat(e.path()).isEqualTo("views[1].where.eq[1].lit"));
    fails(
        SpecFixtures.edit(
            "{is_not_null: {col: module}}", "{cast: {expr: {col: module}, type: INT}}"),
        e -> assertThat(e.getMessage()).contains("a condition must be BOOLEAN, but this is INT"));
  }
}
