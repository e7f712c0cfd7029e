package io.codeanatomy.job.bench;

import io.codeanatomy.extract.Extraction;
import io.codeanatomy.extract.ExtractionStore;
import io.codeanatomy.extract.ExtractionTables;
import io.codeanatomy.extract.PythonExtractor;
import io.codeanatomy.job.run.BuildException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * {@code bench extract}: the extractor's full extraction of a corpus beside CPython's own {@code
 * ast.parse} of the same files, measured in the same run. "Extraction" is everything {@code
 * codeanatomy extract} does for a first run: parse and analysis into the rows of every table (in
 * memory), then the Delta write of all tables into a fresh directory (the extraction store's
 * layout, one commit per table). The two phases are timed and printed separately. The JVM is cold
 * on the first run, so the bench runs several times and reports each run, the best and the median.
 */
public final class ExtractBench {
  private static final String PYTHON = "python3";

  /**
   * One timed run.
   *
   * @param extractMillis parse and analysis of every file into rows, in memory
   * @param writeMillis the Delta write of every table, to the committed versions
   */
  public record Run(long extractMillis, long writeMillis) {
    public long totalMillis() {
      return extractMillis + writeMillis;
    }
  }

  /** One measurement of the whole bench. */
  public record Result(
      Path corpus,
      int files,
      int parsed,
      int threads,
      List<Run> runs,
      long rows,
      long peakHeapBytes,
      double cpythonSeconds,
      int cpythonParsed,
      String cpythonVersion) {

    public Run best() {
      return runs.stream().min(Comparator.comparingLong(Run::totalMillis)).orElseThrow();
    }

    /** The median run by total time (the lower middle one for an even count). */
    public Run median() {
      List<Run> sorted = runs.stream().sorted(Comparator.comparingLong(Run::totalMillis)).toList();
      return sorted.get((sorted.size() - 1) / 2);
    }

    public long bestMillis() {
      return best().totalMillis();
    }

    public double ratio() {
      return bestMillis() / 1000.0 / cpythonSeconds;
    }

    public void print(PrintWriter out) {
      out.println("bench extract: " + corpus);
      out.printf(
          "  files              %d (%d parsed by us, %d by CPython); %d rows in all tables%n",
          files, parsed, cpythonParsed, rows);
      for (int i = 0; i < runs.size(); i++) {
        Run run = runs.get(i);
        out.printf(
            "  run %-2d             %.2f s = parse and analysis %.2f s + Delta write %.2f s%n",
            i + 1,
            run.totalMillis() / 1000.0,
            run.extractMillis() / 1000.0,
            run.writeMillis() / 1000.0);
      }
      Run median = median();
      out.printf(
          "  codeanatomy        best %.2f s = %.0f files/s (parse and analysis %.2f s + Delta write"
              + " %.2f s); median %.2f s; %d threads, peak heap %d MB%n",
          bestMillis() / 1000.0,
          files / (bestMillis() / 1000.0),
          best().extractMillis() / 1000.0,
          best().writeMillis() / 1000.0,
          median.totalMillis() / 1000.0,
          threads,
          peakHeapBytes / (1024 * 1024));
      out.printf(
          "  cpython ast.parse  %.2f s = %.0f files/s, 1 thread (Python %s)%n",
          cpythonSeconds, files / cpythonSeconds, cpythonVersion);
      out.printf(
          "  ratio              %.1fx CPython's parse-only time (best full extraction, write"
              + " included; target <= 2x); %.1fx for parse and analysis alone%n",
          ratio(), best().extractMillis() / 1000.0 / cpythonSeconds);
      out.flush();
    }
  }

  private ExtractBench() {}

  public static Result run(Path corpus, Set<String> excluded, int runs) {
    PythonExtractor extractor = new PythonExtractor().excluding(excluded);
    List<Path> sources = extractor.sources(corpus);
    if (sources.isEmpty()) {
      throw new BuildException("no Python files under " + corpus);
    }
    List<Run> timed = new ArrayList<>();
    int parsed = 0;
    long rows = 0;
    try (HeapSampler heap = new HeapSampler()) {
      for (int i = 0; i < runs; i++) {
        Path tables = tempDir();
        try {
          long start = System.nanoTime();
          Extraction extraction = extractor.extract(corpus);
          long extracted = System.nanoTime();
          ExtractionStore.write(tables, extraction);
          long written = System.nanoTime();
          timed.add(new Run((extracted - start) / 1_000_000, (written - extracted) / 1_000_000));
          parsed = countParsed(extraction);
          rows = countRows(extraction);
        } finally {
          deleteRecursively(tables);
        }
      }
      String[] cpython = cpythonParse(sources);
      return new Result(
          corpus,
          sources.size(),
          parsed,
          extractor.threads(),
          timed,
          rows,
          heap.peak(),
          Double.parseDouble(cpython[0]),
          Integer.parseInt(cpython[1]),
          cpython[3]);
    }
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("codeanatomy-bench-extract-");
    } catch (IOException e) {
      throw new BuildException("cannot create a temporary directory: " + e.getMessage(), e);
    }
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new BuildException("cannot delete " + dir + ": " + e.getMessage(), e);
    }
  }

  private static long countRows(Extraction extraction) {
    return ExtractionTables.names().stream().mapToLong(t -> extraction.rows(t).size()).sum();
  }

  private static int countParsed(Extraction extraction) {
    int ok = ExtractionTables.schema(ExtractionTables.FILES).indexOf("parse_ok");
    return (int)
        extraction.rows(ExtractionTables.FILES).stream().filter(r -> (Boolean) r[ok]).count();
  }

  /** Runs the baseline script with the file list on stdin; returns its four output fields. */
  private static String[] cpythonParse(List<Path> sources) {
    try {
      Path script = Files.createTempFile("codeanatomy-ast-parse", ".py");
      try (InputStream in = ExtractBench.class.getResourceAsStream("/bench/ast_parse.py")) {
        Files.write(script, in.readAllBytes());
      }
      Process python =
          new ProcessBuilder(PYTHON, script.toString())
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      StringBuilder list = new StringBuilder();
      sources.forEach(p -> list.append(p).append('\n'));
      python.getOutputStream().write(list.toString().getBytes(StandardCharsets.UTF_8));
      python.getOutputStream().close();
      String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!python.waitFor(30, TimeUnit.MINUTES) || python.exitValue() != 0) {
        throw new BuildException("the CPython baseline failed: " + out.strip());
      }
      Files.deleteIfExists(script);
      String[] fields = out.strip().split(" ");
      if (fields.length != 4) {
        throw new BuildException("unexpected output of the CPython baseline: " + out.strip());
      }
      return fields;
    } catch (IOException e) {
      throw new BuildException(
          "cannot run " + PYTHON + " for the CPython baseline (is it on PATH?): " + e.getMessage(),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BuildException("interrupted while running the CPython baseline", e);
    }
  }

  /** Samples the used heap every 20 ms; summing per-pool peaks would overstate it. */
  private static final class HeapSampler implements AutoCloseable {
    private final AtomicLong peak = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    HeapSampler() {
      thread =
          new Thread(
              () -> {
                var memory = ManagementFactory.getMemoryMXBean();
                while (running) {
                  peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                  try {
                    Thread.sleep(20);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "heap-sampler");
      thread.setDaemon(true);
      thread.start();
    }

    long peak() {
      return peak.get();
    }

    @Override
    public void close() {
      running = false;
      thread.interrupt();
    }
  }
}
