package io.codeanatomy.extract;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Opt-in probe of a real corpus: {@code -Dcodeanatomy.corpus=<dir>}. Prints throughput and the
 * agreement of our defs with CPython; asserts nothing about speed (speed claims belong in
 * benchmarks).
 */
class CorpusProbeTest {
  @Test
  void probeCorpus() throws Exception {
    String dir = System.getProperty("codeanatomy.corpus", System.getenv("CODEANATOMY_CORPUS"));
    assumeTrue(dir != null && Files.isDirectory(Path.of(dir)), "no corpus given");
    Path root = Path.of(dir);
    new PythonExtractor().extract(root); // warm-up: JIT and native library loading
    long t0 = System.nanoTime();
    Extraction extraction = new PythonExtractor().extract(root);
    double seconds = (System.nanoTime() - t0) / 1e9;
    int files = extraction.rows(ExtractionTables.FILES).size();
    System.out.printf(
        "corpus %s: %d files in %.2f s = %.1f files/s on %d threads%n",
        root, files, seconds, files / seconds, Runtime.getRuntime().availableProcessors());
    for (String table : ExtractionTables.names()) {
      System.out.printf("  %-12s %,d rows%n", table, extraction.rows(table).size());
    }
    DefsOracle cpython = DefsOracle.cpython(root);
    if (cpython == null) {
      return;
    }
    DefsOracle ours = DefsOracle.ours(extraction);
    List<String> missed = DefsOracle.missing(cpython, ours);
    List<String> extra = DefsOracle.missing(ours, cpython);
    System.out.printf(
        "oracle: cpython defs %d, ours %d, cpython-missed %d, ours-extra %d%n",
        cpython.defs().size(), ours.defs().size(), missed.size(), extra.size());
    System.out.printf(
        "unparseable: cpython %s ours %s%n", cpython.unparseable(), ours.unparseable());
    missed.stream().limit(20).forEach(m -> System.out.println("  missed " + m));
    extra.stream().limit(20).forEach(m -> System.out.println("  extra  " + m));
  }
}
