package io.codeanatomy.extract;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Opt-in probe of a real corpus: {@code -Dcodeanatomy.corpus=<dir>}. Prints throughput beside
 * CPython's own {@code ast.parse} of the same files (measured in the same run, best of two), and
 * the agreement of our defs, scopes, symbols and name references with CPython; asserts nothing
 * about speed (speed claims belong in the {@code bench extract} command).
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
    Double astSeconds = cpythonParseSeconds(root);
    if (astSeconds != null) {
      System.out.printf(
          "cpython ast.parse of the same files: %.2f s = %.1f files/s (single thread);"
              + " extraction/ast.parse time ratio %.2f%n",
          astSeconds, files / astSeconds, seconds / astSeconds);
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
    SymtableOracle symtable = SymtableOracle.cpython(root, List.of());
    if (symtable != null) {
      SymtableOracle.agreement("corpus", symtable, SymtableOracle.ours(extraction));
    }
  }

  /**
   * Seconds CPython needs to read and {@code ast.parse} every {@code .py} file under {@code root}
   * (the walk is not timed), measured in this run; null without python3.
   */
  private static Double cpythonParseSeconds(Path root) throws Exception {
    String script =
        """
        import ast, os, sys, time
        paths = []
        for d, dirs, names in os.walk(sys.argv[1]):
            dirs[:] = [x for x in dirs if not x.startswith('.') and x != '__pycache__']
            paths += [os.path.join(d, n) for n in names if n.endswith('.py') and not n.startswith('.')]
        best = None
        for _ in range(2):
            t0 = time.perf_counter()
            for p in paths:
                try:
                    with open(p, 'rb') as f:
                        ast.parse(f.read())
                except Exception:
                    pass
            t = time.perf_counter() - t0
            best = t if best is None else min(best, t)
        print(best)
        """;
    Process p;
    try {
      p =
          new ProcessBuilder("python3", "-c", script, root.toString())
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
    } catch (java.io.IOException e) {
      return null;
    }
    String out = new String(p.getInputStream().readAllBytes()).strip();
    if (!p.waitFor(10, java.util.concurrent.TimeUnit.MINUTES) || p.exitValue() != 0) {
      return null;
    }
    return Double.parseDouble(out);
  }
}
