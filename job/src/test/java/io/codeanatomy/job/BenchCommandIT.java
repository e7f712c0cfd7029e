package io.codeanatomy.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.codeanatomy.job.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench command runs end to end on a small corpus; its numbers are not asserted. */
class BenchCommandIT {
  @Test
  void extractBenchPrintsOursBesideCpython() {
    assumeTrue(pythonAvailable(), "python3 is absent");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int exit =
        Main.run(
            new String[] {
              "bench",
              "extract",
              "--corpus",
              Path.of("../examples/sample-repo").toString(),
              "--runs",
              "1"
            },
            new PrintWriter(out),
            new PrintWriter(err));

    assertThat(exit).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("files              31 (29 parsed by us, 29 by CPython)")
        .contains("cpython ast.parse")
        .contains("ratio");
  }

  private static boolean pythonAvailable() {
    try {
      return new ProcessBuilder("python3", "--version").start().waitFor() == 0;
    } catch (java.io.IOException e) {
      return false; // not on PATH
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Test
  void deltaBenchPrintsOurWriteAndReadsBesideFlinksFileSink(@TempDir Path work) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int exit =
        Main.run(
            new String[] {
              "bench", "delta", "--rows", "20000", "--work-dir", work.resolve("bench").toString()
            },
            new PrintWriter(out),
            new PrintWriter(err));

    assertThat(exit).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("bench delta: 20000 ast_nodes rows of 2000 synthetic files (seed 42); ZSTD")
        .contains("delta write        ")
        .contains("delta write plain  ")
        .contains("flink file sink")
        .contains("ratio")
        .contains("(20000 rows)") // the full read returns every row written
        .contains("filtered read      file_id = '")
        .contains("filtered read      kind = 'ClassDef' AND bstart < 100")
        .contains("files skipped")
        .contains("row groups skipped");
  }

  @Test
  void deltaBenchWithoutRowsIsAUsageError() {
    StringWriter err = new StringWriter();
    int exit =
        Main.run(
            new String[] {"bench", "delta", "--rows", "0"},
            new PrintWriter(new StringWriter()),
            new PrintWriter(err));
    assertThat(exit).isEqualTo(Main.USAGE);
    assertThat(err.toString()).contains("--rows must be at least 1").hasLineCount(1);
  }

  @Test
  void missingCorpusIsAUsageError() {
    StringWriter err = new StringWriter();
    int exit =
        Main.run(
            new String[] {"bench", "extract", "--corpus", "/nonexistent/corpus"},
            new PrintWriter(new StringWriter()),
            new PrintWriter(err));
    assertThat(exit).isEqualTo(Main.USAGE);
    assertThat(err.toString()).contains("does not exist").hasLineCount(1);
  }
}
