package io.codeanatomy.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.read.SnapshotReader;
import io.codeanatomy.job.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --param NAME=VALUE} through {@code Main.run}: a spec whose FILTER reads two typed
 * parameters, run over the bundled sample's extraction tables with different values, gives
 * different rows; plan bundles record the values under one template digest; and every bad value is
 * a one-line usage error (exit 2) naming the parameter and its type, before anything runs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ParameterCommandIT {
  static final Path SAMPLE = Path.of("../examples/sample-repo").toAbsolutePath().normalize();
  static final String SPEC =
      """
      name: picked-defs
      version: 1
      parameters:
        - {position: 1, type: INT, name: min_line}
        - {position: 2, type: STRING, name: skip_name}
      inputs:
        - name: defs
          primary_key: [def_id]
          columns:
            - {name: def_id, type: STRING, nullable: false, semantic: DefId}
            - {name: name, type: STRING, nullable: false, semantic: Name}
            - {name: start_line, type: INT, nullable: false}
      views:
        - name: picked
          kind: FILTER
          input: defs
          where:
            and:
              - {ge: [{col: start_line}, {param: 1}]}
              - {ne: [{col: name}, {param: 2}]}
      outputs:
        - {name: picked_defs, view: picked, primary_key: [def_id]}
      """;

  @TempDir static Path tmp;
  Path warehouse;
  Path spec;

  record Run(int exit, String out, String err) {}

  @BeforeAll
  void extract() throws IOException {
    warehouse = tmp.resolve("warehouse");
    spec = Files.writeString(tmp.resolve("picked.yaml"), SPEC);
    Run extract = cli("extract", SAMPLE.toString(), "--warehouse", warehouse.toString());
    assertThat(extract.exit()).as(extract.err()).isZero();
  }

  @Test
  void differentValuesGiveDifferentRows() {
    Map<String, Integer> all = runWith("--param", "min_line=1", "--param", "skip_name=-");
    Map<String, Integer> late = runWith("--param", "1=30", "--param", "2=slugify");

    assertThat(all).containsKey("slugify").hasSizeGreaterThan(late.size());
    assertThat(late).isNotEmpty().doesNotContainKey("slugify");
    assertThat(late.values()).allMatch(line -> line >= 30);
    all.forEach(
        (name, line) -> {
          if (line >= 30 && !name.equals("slugify")) {
            assertThat(late).containsKey(name);
          }
        });
  }

  @Test
  void bundlesRecordTheValuesUnderOneTemplateDigest() throws IOException {
    Path a = tmp.resolve("plan-a");
    Path b = tmp.resolve("plan-b");
    Run first = plan(a, "--param", "min_line=1", "--param", "skip_name=x");
    Run second = plan(b, "--param", "min_line=30", "--param", "skip_name=slugify");
    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(second.exit()).as(second.err()).isZero();

    ObjectMapper json = new ObjectMapper();
    JsonNode ma = json.readTree(a.resolve("manifest.json").toFile());
    JsonNode mb = json.readTree(b.resolve("manifest.json").toFile());
    assertThat(ma.path("spec").path("template_digest").asText())
        .hasSize(64)
        .isEqualTo(mb.path("spec").path("template_digest").asText());
    assertThat(ma.path("parameters").path("1").path("name").asText()).isEqualTo("min_line");
    assertThat(ma.path("parameters").path("1").path("value").asText()).isEqualTo("1");
    assertThat(mb.path("parameters").path("1").path("value").asText()).isEqualTo("30");
    assertThat(mb.path("parameters").path("2").path("value").asText()).isEqualTo("slugify");
    assertThat(mb.path("parameters").path("2").path("type").asText()).startsWith("STRING");
    // The values are literals of the plan: the SQL text shows them.
    assertThat(Files.readString(b.resolve("sql/picked_defs.sql")))
        .contains(">= 30")
        .contains("'slugify'");
  }

  @Test
  void badValuesAreUsageErrorsNamingParameterAndType() {
    String wh = warehouse.toString();
    String sp = spec.toString();
    Run missing = cli("run", "--warehouse", wh, "--spec", sp, "--param", "min_line=3");
    assertThat(missing.exit()).isEqualTo(Main.USAGE);
    assertThat(missing.err())
        .contains("needs a value for parameter 2 (skip_name)")
        .contains("--param skip_name=<STRING>")
        .hasLineCount(1);

    Run unknown =
        cli("plan", "--warehouse", wh, "--spec", sp, "--param", "max_line=3", "--param", "2=x");
    assertThat(unknown.exit()).isEqualTo(Main.USAGE);
    assertThat(unknown.err())
        .contains("declares no parameter max_line")
        .contains("1 min_line INT, 2 skip_name STRING")
        .hasLineCount(1);

    Run notAnInt =
        cli("run", "--warehouse", wh, "--spec", sp, "--param", "min_line=ten", "--param", "2=x");
    assertThat(notAnInt.exit()).isEqualTo(Main.USAGE);
    assertThat(notAnInt.err())
        .contains("parameter 1 (min_line) is INT, and 'ten' is not a whole number")
        .hasLineCount(1);

    Run tooLarge =
        cli("run", "--warehouse", wh, "--spec", sp, "--param", "1=3000000000", "--param", "2=x");
    assertThat(tooLarge.exit()).isEqualTo(Main.USAGE);
    assertThat(tooLarge.err()).contains("is INT, and '3000000000' is not").hasLineCount(1);

    Run twice =
        cli("run", "--warehouse", wh, "--spec", sp, "--param", "1=3", "--param", "min_line=4");
    assertThat(twice.exit()).isEqualTo(Main.USAGE);
    assertThat(twice.err()).contains("parameter 1 (min_line) already has a value");

    Run noEquals = cli("run", "--warehouse", wh, "--spec", sp, "--param", "min_line");
    assertThat(noEquals.exit()).isEqualTo(Main.USAGE);
    assertThat(noEquals.err()).contains("write NAME=VALUE").hasLineCount(1);

    Run shippedSpec = cli("plan", "--warehouse", wh, "--param", "min_line=3");
    assertThat(shippedSpec.exit()).isEqualTo(Main.USAGE);
    assertThat(shippedSpec.err()).contains("declares no parameter min_line (it has none)");

    // build and watch check the values before they extract anything.
    Path fresh = tmp.resolve("untouched");
    Run build = cli("build", SAMPLE.toString(), "--warehouse", fresh.toString(), "--spec", sp);
    assertThat(build.exit()).isEqualTo(Main.USAGE);
    assertThat(build.err()).contains("needs a value for parameter 1 (min_line)");
    Run watch =
        cli(
            "watch",
            SAMPLE.toString(),
            "--warehouse",
            fresh.toString(),
            "--spec",
            sp,
            "--param",
            "min_line=x");
    assertThat(watch.exit()).isEqualTo(Main.USAGE);
    assertThat(watch.err()).contains("is INT, and 'x' is not");
    assertThat(fresh).doesNotExist();
  }

  /** Runs the spec with {@code params}; the output's rows as name → start_line. */
  private Map<String, Integer> runWith(String... params) {
    String[] args =
        concat(
            List.of("run", "--warehouse", warehouse.toString(), "--spec", spec.toString()), params);
    Run run = cli(args);
    assertThat(run.exit()).as(run.err()).isZero();
    DeltaTable table = DeltaTable.forPath(warehouse.resolve("cpg/picked_defs"));
    Map<String, Integer> rows = new TreeMap<>();
    for (Object[] row :
        SnapshotReader.readColumns(table, table.snapshot(), List.of("name", "start_line"))) {
      rows.merge((String) row[0], (Integer) row[1], Math::min);
    }
    return rows;
  }

  private Run plan(Path out, String... params) {
    return cli(
        concat(
            List.of(
                "plan",
                "--warehouse",
                warehouse.toString(),
                "--spec",
                spec.toString(),
                "--out",
                out.toString()),
            params));
  }

  private static String[] concat(List<String> head, String... tail) {
    String[] all = head.toArray(new String[head.size() + tail.length]);
    System.arraycopy(tail, 0, all, head.size(), tail.length);
    return all;
  }

  private static Run cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(exit, out.toString(), err.toString());
  }
}
