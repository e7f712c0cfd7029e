package io.codeanatomy.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.codeanatomy.spec.type.TypeSpec;
import io.codeanatomy.spec.view.CdfView;
import io.codeanatomy.spec.view.LateralJoin;
import io.codeanatomy.spec.view.UdtfView;
import io.codeanatomy.spec.view.WindowCall;
import io.codeanatomy.spec.view.WindowView;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Validation of the UDTF, CDF, METADATA and FILE_MANIFEST view kinds and of WINDOW's lead and lag:
 * derived columns, defaults and hashes, paths and did-you-mean.
 */
class TableAndLateralViewsTest {
  static final String SPEC =
      """
      name: tables
      version: 1
      inputs:
        - name: imports
          columns:
            - {name: import_id, type: STRING, nullable: false, semantic: ImportId}
            - {name: file_id, type: STRING, nullable: false, semantic: FileId}
            - {name: module, type: STRING, nullable: false}
            - {name: bstart, type: INT, nullable: false}
      views:
        - name: prefixes
          kind: UDTF
          input: imports
          function: qualname_prefixes
          args: [{col: module}]
          columns:
            - {name: prefix, type: STRING, nullable: false}
            - {name: depth, type: INT, nullable: false}
        - name: import_changes
          kind: CDF
          input: imports
          start_version: 1
          end_version: 3
        - name: import_meta
          kind: METADATA
          input: imports
        - name: import_files
          kind: FILE_MANIFEST
          input: imports
        - name: neighbours
          kind: WINDOW
          input: imports
          partition_by: [file_id]
          order_by: [{column: bstart}]
          functions:
            - {name: next_module, function: lead, arg: {col: module}}
            - {name: prev_module, function: lag, arg: {col: module}, offset: 2, default: ''}
      outputs:
        - {name: prefixes, view: prefixes}
        - {name: changes, view: import_changes}
        - {name: meta, view: import_meta}
        - {name: files, view: import_files}
        - {name: neighbours, view: neighbours}
      """;

  private static Spec read(String yaml) {
    return SpecLoader.parse(yaml, SpecLoader.Format.YAML, null);
  }

  private static String edit(String from, String to) {
    assertThat(SPEC).contains(from);
    return SPEC.replace(from, to);
  }

  private static void fails(String yaml, String path, String message) {
    Consumer<SpecException> check =
        e ->
            assertThat(e.problems())
                .anySatisfy(
                    p -> {
                      assertThat(p.path()).isEqualTo(path);
                      assertThat(p.message()).contains(message);
                    });
    assertThatThrownBy(() -> SpecValidator.validate(read(yaml)))
        .isInstanceOfSatisfying(SpecException.class, check);
  }

  @Test
  void validSpec_derivesColumnsAndFillsDefaults() {
    ValidatedSpec v = SpecValidator.validate(read(SPEC));
    assertThat(v.warnings()).isEmpty();
    assertThat(v.columnsOf("prefixes"))
        .extracting(DerivedColumn::name)
        .containsExactly("import_id", "file_id", "module", "bstart", "prefix", "depth");
    assertThat(v.columnsOf("prefixes").get(5).type()).isEqualTo(TypeSpec.parse("INT NOT NULL"));
    UdtfView udtf = (UdtfView) v.spec().views().get(0);
    assertThat(udtf.join()).isEqualTo(LateralJoin.CROSS);

    assertThat(v.columnsOf("import_changes"))
        .extracting(DerivedColumn::name)
        .containsExactly(
            "import_id",
            "file_id",
            "module",
            "bstart",
            "_change_type",
            "_commit_version",
            "_commit_timestamp");
    assertThat(v.columnsOf("import_changes").get(6).type())
        .isEqualTo(TypeSpec.parse("TIMESTAMP_LTZ NOT NULL"));
    assertThat(((CdfView) v.spec().views().get(1)).openEnded()).isFalse();

    assertThat(v.columnsOf("import_meta"))
        .extracting(DerivedColumn::name)
        .startsWith("version", "commit_timestamp")
        .contains("num_files", "schema_json", "properties", "min_reader_version");
    assertThat(v.columnsOf("import_files"))
        .extracting(DerivedColumn::name)
        .contains("path", "size_bytes", "min_values", "null_counts", "bucket");

    assertThat(v.columnsOf("neighbours"))
        .extracting(DerivedColumn::name)
        .endsWith("next_module", "prev_module");
    assertThat(v.columnsOf("neighbours").get(4).type()).isEqualTo(TypeSpec.parse("STRING"));
    WindowView window = (WindowView) v.spec().views().get(4);
    WindowCall lead = window.functions().get(0);
    assertThat(lead.offset()).isEqualTo(1);
    assertThat(lead.defaultValue()).isNull();
  }

  @Test
  void leftLateralJoin_makesTheFunctionsColumnsNullable() {
    ValidatedSpec v =
        SpecValidator.validate(
            read(
                edit(
                    "function: qualname_prefixes", "function: qualname_prefixes\n    join: left")));
    assertThat(v.columnsOf("prefixes").get(5).type()).isEqualTo(TypeSpec.parse("INT"));
  }

  @Test
  void spelledOutDefaults_hashTheSame() {
    String explicit =
        edit("function: qualname_prefixes", "function: qualname_prefixes\n    join: cross")
            .replace(
                "{name: next_module, function: lead, arg: {col: module}}",
                "{name: next_module, function: lead, arg: {col: module}, offset: 1}");
    assertThat(explicit).isNotEqualTo(SPEC);
    assertThat(SpecHash.sha256(read(explicit))).isEqualTo(SpecHash.sha256(read(SPEC)));
    assertThat(SpecHash.sha256(read(edit("end_version: 3", "end_version: 4"))))
        .isNotEqualTo(SpecHash.sha256(read(SPEC)));
  }

  @Test
  void udtf_problemsAreReportedAtTheirPaths() {
    fails(
        edit("args: [{col: module}]", "args: [{col: modul}]"),
        "views[0].args[0].col",
        "unknown column 'modul' for 'imports'; did you mean 'module'?");
    fails(
        edit("{name: prefix, type: STRING", "{name: module, type: STRING"),
        "views[0].columns[0].name",
        "column 'module' already exists in 'imports'");
    fails(
        edit("{name: depth, type: INT", "{name: depth, type: INTEGR"),
        "views[0].columns[1].type",
        "INTEGR");
    fails(
        edit("function: qualname_prefixes", "function: qualname_prefixes\n    join: outer"),
        "views[0].join",
        "outer");
    fails(
        edit(
            "    columns:\n      - {name: prefix, type: STRING, nullable: false}\n"
                + "      - {name: depth, type: INT, nullable: false}\n",
            "    columns: []\n"),
        "views[0].columns",
        "a UDTF needs its output columns");
    fails(
        edit("function: qualname_prefixes", "function: 'qualname prefixes'"),
        "views[0].function",
        "not a valid name");
  }

  @Test
  void cdf_rangeProblemsAreReportedAtTheirPaths() {
    fails(edit("    start_version: 1\n", ""), "views[1]", "needs where its range starts");
    fails(
        edit(
            "start_version: 1\n",
            "start_version: 1\n    start_timestamp: '2026-01-01T00:00:00Z'\n"),
        "views[1].start_timestamp",
        "not both");
    fails(edit("end_version: 3", "end_version: 0"), "views[1].end_version", "before it starts");
    fails(edit("start_version: 1", "start_version: -1"), "views[1].start_version", "start at 0");
    fails(
        edit("start_version: 1", "start_timestamp: 'yesterday'"),
        "views[1].start_timestamp",
        "not an ISO-8601 instant");
    fails(
        edit("start_version: 1", "start_verison: 1"),
        "views[1].start_verison",
        "did you mean 'start_version'");
  }

  @Test
  void tableReadingKinds_readInputsNotViews() {
    fails(
        edit("kind: CDF\n    input: imports", "kind: CDF\n    input: prefixes"),
        "views[1].input",
        "a CDF view reads the Delta table behind an input, but 'prefixes' is a view");
    fails(
        edit("kind: METADATA\n    input: imports", "kind: METADATA\n    input: import"),
        "views[2].input",
        "unknown input or view 'import'; did you mean 'imports'?");
    fails(
        edit(
            "kind: FILE_MANIFEST\n    input: imports",
            "kind: FILE_MANIFEST\n    input: neighbours"),
        "views[3].input",
        "a FILE_MANIFEST view reads the Delta table behind an input");
    fails(
        edit("kind: FILE_MANIFEST", "kind: FILE_MANIFEST\n    columns: [path]"),
        "views[3].columns",
        "unknown field");
  }

  @Test
  void leadAndLag_checkOffsetAndDefault() {
    fails(edit("offset: 2", "offset: 0"), "views[4].functions[1].offset", "1 or more");
    fails(
        edit("default: ''", "default: 7"),
        "views[4].functions[1].default",
        "the default of lag stands in for arg, which is STRING, but the default is INT");
    fails(
        edit(
            "{name: next_module, function: lead, arg: {col: module}}",
            "{name: next_module, function: max, arg: {col: module}, offset: 1}"),
        "views[4].functions[0].offset",
        "max takes no offset");
    fails(
        edit(
            "functions:\n      - {name: next_module",
            "frame: {unit: rows, preceding: 1, following: 1}\n    functions:\n      - {name: next_module"),
        "views[4].frame",
        "lead (functions[0])");
    fails(
        edit(
            "{name: next_module, function: lead, arg: {col: module}}",
            "{name: next_module, function: lead}"),
        "views[4].functions[0].arg",
        "missing");
  }
}
