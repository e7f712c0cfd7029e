package io.codeanatomy.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.codeanatomy.job.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

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
