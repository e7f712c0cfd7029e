package io.codeanatomy.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.codeanatomy.job.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code codeanatomy plan} and {@code plan diff} through {@code Main.run} over the extraction
 * tables of the bundled sample: a bundle per mode, the same bundle twice, a diff that names what
 * changed, and bad requests answered in one line.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlanCommandIT {
  static final Path SAMPLE = Path.of("../examples/sample-repo").toAbsolutePath().normalize();
  static final List<String> BATCH_ARTIFACTS =
      List.of(
          "manifest.json", "p0-logical.txt", "p1-optimized.txt", "p2-execution.json", "views.dot");

  @TempDir static Path tmp;
  Path warehouse;

  record Run(int exit, String out, String err) {}

  @BeforeAll
  void extract() {
    warehouse = tmp.resolve("warehouse");
    Run extract = cli("extract", SAMPLE.toString(), "--warehouse", warehouse.toString());
    assertThat(extract.exit()).as(extract.err()).isZero();
  }

  @Test
  void writesBundlesAndDiffsThem() throws IOException {
    Path a = tmp.resolve("a");
    Run batch = cli("plan", "--warehouse", warehouse.toString(), "--out", a.toString());
    assertThat(batch.exit()).as(batch.err()).isZero();
    assertThat(batch.out())
        .contains("CodeAnatomy plan bundle")
        .contains("python-cpg v1")
        .contains("mode         batch")
        .contains("p1-optimized.txt")
        .contains("no compiled plan: Flink 2.3");
    for (String file : BATCH_ARTIFACTS) {
      assertThat(a.resolve(file)).isRegularFile();
    }
    assertThat(a.resolve("compiled-plan.json")).doesNotExist();

    // Without --out the bundle goes under the warehouse, named by its digest: the same bytes.
    Run again = cli("plan", "--warehouse", warehouse.toString());
    assertThat(again.exit()).as(again.err()).isZero();
    Path defaultDir;
    try (Stream<Path> plans = Files.list(warehouse.resolve("_plans"))) {
      defaultDir = plans.findFirst().orElseThrow();
    }
    assertThat(defaultDir.getFileName().toString()).matches("[0-9a-f]{12}");
    assertThat(Files.readString(defaultDir.resolve("manifest.json")))
        .isEqualTo(Files.readString(a.resolve("manifest.json")));
    Run same = cli("plan", "diff", a.toString(), defaultDir.toString(), "--exit-code");
    assertThat(same.exit()).as(same.err()).isZero();
    assertThat(same.out()).contains("plans are identical");

    Path s = tmp.resolve("s");
    Run streaming =
        cli(
            "plan",
            "--warehouse",
            warehouse.toString(),
            "--mode",
            "streaming",
            "--profile",
            "large",
            "--out",
            s.toString());
    assertThat(streaming.exit()).as(streaming.err()).isZero();
    assertThat(streaming.out()).contains("mode         streaming, profile large");
    assertThat(s.resolve("compiled-plan.json")).isRegularFile();

    Run differs = cli("plan", "diff", a.toString(), s.toString(), "--exit-code");
    assertThat(differs.exit()).isEqualTo(Main.FAILURE);
    assertThat(differs.out())
        .contains("mode: batch -> streaming")
        .contains("profile: batch -> large")
        .contains("compiled_plan.written: false -> true")
        .contains("compiled-plan.json   (absent) -> ")
        .contains("--- " + a + "/p1-optimized.txt")
        .contains("+++ " + s + "/p1-optimized.txt");
    Run brief = cli("plan", "diff", a.toString(), s.toString(), "--brief");
    assertThat(brief.exit()).isZero();
    assertThat(brief.out()).contains("artifacts that differ:").doesNotContain("+++");
  }

  @Test
  void badRequestsFailWithOneLine() throws IOException {
    Path notABundle = Files.createDirectories(tmp.resolve("not-a-bundle"));
    Run noWarehouse = cli("plan", "--warehouse", tmp.resolve("nope").toString());
    Run profileInBatch = cli("plan", "--warehouse", warehouse.toString(), "--profile", "large");
    Run noInputs =
        cli("plan", "--warehouse", Files.createDirectories(tmp.resolve("bare")).toString());
    Run missingBundle = cli("plan", "diff", notABundle.toString(), tmp.resolve("nope").toString());
    Run noManifest = cli("plan", "diff", notABundle.toString(), notABundle.toString());

    assertThat(noWarehouse.exit()).isEqualTo(Main.USAGE);
    assertThat(noWarehouse.err()).contains("does not exist").hasLineCount(1);
    assertThat(profileInBatch.exit()).isEqualTo(Main.USAGE);
    assertThat(profileInBatch.err()).contains("--mode streaming").hasLineCount(1);
    assertThat(noInputs.exit()).isEqualTo(Main.FAILURE);
    assertThat(noInputs.err()).contains("has no Delta table at").hasLineCount(1);
    assertThat(missingBundle.exit()).isEqualTo(Main.USAGE);
    assertThat(missingBundle.err()).contains("does not exist").hasLineCount(1);
    assertThat(noManifest.exit()).isEqualTo(Main.FAILURE);
    assertThat(noManifest.err()).contains("is not a plan bundle").hasLineCount(1);
  }

  private static Run cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(exit, out.toString(), err.toString());
  }
}
