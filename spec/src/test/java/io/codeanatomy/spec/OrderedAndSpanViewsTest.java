package io.codeanatomy.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.codeanatomy.spec.type.TypeSpec;
import io.codeanatomy.spec.view.SpanJoinView;
import io.codeanatomy.spec.view.WindowFrame;
import io.codeanatomy.spec.view.WindowView;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Validation of the DEDUPE, WINDOW and SPAN_JOIN view kinds: columns, types, defaults, paths. */
class OrderedAndSpanViewsTest {
  private static final String SPEC =
      """
      name: spans
      version: 1
      inputs:
        - name: defs
          columns:
            - {name: def_id, type: STRING, nullable: false, semantic: DefId}
            - {name: file_id, type: STRING, nullable: false, semantic: FileId}
            - {name: name, type: STRING, nullable: false}
            - {name: bstart, type: INT, nullable: false}
            - {name: bend, type: INT, nullable: false}
            - {name: decorators, type: ARRAY<STRING>, nullable: false}
        - name: refs
          columns:
            - {name: ref_id, type: STRING, nullable: false}
            - {name: file_id, type: STRING, nullable: false, semantic: FileId}
            - {name: name, type: STRING, nullable: false}
            - {name: start, type: INT, nullable: false}
            - {name: stop, type: INT, nullable: false}
      views:
        - name: first_def
          kind: DEDUPE
          input: defs
          key: [file_id, name]
          order_by: [{column: bstart}]
        - name: numbered
          kind: WINDOW
          input: first_def
          partition_by: [file_id]
          order_by: [{column: bstart, direction: desc}]
          functions:
            - {name: idx, function: row_number}
            - {name: running, function: sum, arg: {sub: [{col: bend}, {col: bstart}]}}
            - {name: first_name, function: first_value, arg: {col: name}}
        - name: refs_in_defs
          kind: SPAN_JOIN
          left: numbered
          right: refs
          right_span: {start: start, end: stop}
          select:
            - {name: def_id, expr: {col: left.def_id}}
            - {name: ref_id, expr: {col: right.ref_id}}
            - {name: idx, expr: {col: left.idx}}
      outputs:
        - {name: out, view: refs_in_defs}
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
        e -> {
          assertThat(e.problems())
              .anySatisfy(
                  p -> {
                    assertThat(p.path()).isEqualTo(path);
                    assertThat(p.message()).contains(message);
                  });
        };
    assertThatThrownBy(() -> SpecValidator.validate(read(yaml)))
        .isInstanceOfSatisfying(SpecException.class, check);
  }

  @Test
  void validSpec_derivesColumnsAndFillsDefaults() {
    ValidatedSpec v = SpecValidator.validate(read(SPEC));
    assertThat(v.warnings()).isEmpty();
    assertThat(v.columnsOf("first_def")).isEqualTo(v.columnsOf("defs"));
    assertThat(v.columnsOf("numbered"))
        .extracting(DerivedColumn::name)
        .containsExactly(
            "def_id",
            "file_id",
            "name",
            "bstart",
            "bend",
            "decorators",
            "idx",
            "running",
            "first_name");
    assertThat(v.columnsOf("numbered").get(6).type()).isEqualTo(TypeSpec.parse("BIGINT NOT NULL"));
    assertThat(v.columnsOf("numbered").get(8).type()).isEqualTo(TypeSpec.parse("STRING"));
    assertThat(v.columnsOf("refs_in_defs"))
        .extracting(DerivedColumn::name)
        .containsExactly("def_id", "ref_id", "idx");

    WindowView window = (WindowView) v.spec().views().get(1);
    assertThat(window.frame()).isEqualTo(WindowFrame.RUNNING);
    SpanJoinView span = (SpanJoinView) v.spec().views().get(2);
    assertThat(span.on()).singleElement().satisfies(k -> assertThat(k.left()).isEqualTo("file_id"));
    assertThat(span.leftSpan().start()).isEqualTo("bstart");
  }

  @Test
  void spelledOutDefaults_hashTheSame() {
    String explicit =
        SPEC.replace(
                "order_by: [{column: bstart}]",
                "order_by: [{column: bstart, direction: asc, nulls: last}]")
            .replace(
                "    functions:\n      - {name: idx",
                "    frame: {unit: rows, following: 0}\n    functions:\n      - {name: idx")
            .replace(
                "right: refs\n",
                "right: refs\n    mode: contain\n    type: inner\n"
                    + "    on: [{left: file_id, right: file_id}]\n"
                    + "    left_span: {start: bstart, end: bend}\n");
    assertThat(explicit).isNotEqualTo(SPEC);
    assertThat(SpecHash.sha256(read(explicit))).isEqualTo(SpecHash.sha256(read(SPEC)));
  }

  @Test
  void unknownColumns_areReportedWithDidYouMean() {
    fails(
        edit("key: [file_id, name]", "key: [fileid, name]"),
        "views[0].key[0]",
        "unknown column 'fileid' for input 'defs'; did you mean 'file_id'?");
    fails(
        edit("order_by: [{column: bstart}]", "order_by: [{column: bstrat}]"),
        "views[0].order_by[0].column",
        "did you mean 'bstart'?");
    fails(
        edit("partition_by: [file_id]", "partition_by: [fileid]"),
        "views[1].partition_by[0]",
        "did you mean 'file_id'?");
    fails(
        edit("arg: {col: name}", "arg: {col: nam}"),
        "views[1].functions[2].arg.col",
        "did you mean 'name'?");
    fails(
        edit("right_span: {start: start, end: stop}", "right_span: {start: start, end: stp}"),
        "views[2].right_span.end",
        "did you mean 'stop'?");
    fails(
        edit("right_span: {start: start, end: stop}", ""),
        "views[2].right_span.start",
        "unknown column 'bstart' for 'refs'");
    fails(
        edit("{col: left.idx}", "{col: left.idxx}"),
        "views[2].select[2].expr.col",
        "did you mean 'left.idx'?");
  }

  @Test
  void typesAreChecked() {
    fails(
        edit("order_by: [{column: bstart}]", "order_by: [{column: decorators}]"),
        "views[0].order_by[0].column",
        "cannot order by 'decorators': it is ARRAY<STRING>");
    fails(
        edit("function: first_value, arg: {col: name}", "function: sum, arg: {col: name}"),
        "views[1].functions[2].arg",
        "sum needs a numeric arg, but this is STRING");
    fails(
        edit("right_span: {start: start, end: stop}", "right_span: {start: name, end: stop}"),
        "views[2].right_span.start",
        "a span bound is a byte offset, an integer column, but 'name' is STRING");
  }

  @Test
  void shapesAreChecked() {
    fails(edit("key: [file_id, name]", "key: []"), "views[0].key", "at least one key column");
    fails(edit("order_by: [{column: bstart}]", "order_by: []"), "views[0].order_by", "order_by");
    fails(
        edit("    functions:\n", "    frame: {preceding: 2}\n    functions:\n"),
        "views[1].frame",
        "row_number (functions[0]) numbers the partition from its first row");
    fails(
        edit(
                "    functions:\n      - {name: idx, function: row_number}\n",
                "    frame: {unit: range, preceding: 2, following: 0}\n    functions:\n")
            .replace(
                "order_by: [{column: bstart, direction: desc}]",
                "order_by: [{column: bstart}, {column: bend}]"),
        "views[1].frame",
        "order by exactly one numeric column");
    fails(
        edit("{name: first_name, function", "{name: idx, function"),
        "views[1].functions[2].name",
        "column 'idx' already exists");
    fails(
        edit("{name: first_name, function", "{name: bstart, function"),
        "views[1].functions[2].name",
        "column 'bstart' already exists");
    fails(
        edit("{name: idx, function: row_number}", "{name: idx, function: row_number, arg: 1}"),
        "views[1].functions[0].arg",
        "row_number takes no arg");
  }

  @Test
  void missingAndUnknownFields_areLoaderErrors() {
    assertThatThrownBy(() -> read(edit("    key: [file_id, name]\n", "")))
        .isInstanceOfSatisfying(
            SpecException.class, e -> assertThat(e.path()).isEqualTo("views[0].key"));
    assertThatThrownBy(() -> read(edit("kind: SPAN_JOIN", "kind: SPANJOIN")))
        .isInstanceOfSatisfying(
            SpecException.class, e -> assertThat(e.getMessage()).contains("SPAN_JOIN"));
    assertThatThrownBy(
            () -> read(edit("right_span: {start: start, end: stop}", "right_span: {begin: start}")))
        .isInstanceOfSatisfying(
            SpecException.class, e -> assertThat(e.path()).startsWith("views[2].right_span"));
  }
}
