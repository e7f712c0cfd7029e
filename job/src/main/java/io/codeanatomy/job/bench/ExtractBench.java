package io.codeanatomy.job.bench;

import io.codeanatomy.extract.Extraction;
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
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code bench extract}: the extractor's full extraction of a corpus (every table, in memory)
 * beside CPython's own {@code ast.parse} of the same files, measured in the same run. The JVM is
 * cold on the first run, so the bench runs several times and reports each.
 */
public final class ExtractBench {
  private static final String PYTHON = "python3";

  /** One measurement of the whole bench. */
  public record Result(
      Path corpus,
      int files,
      int parsed,
      int threads,
      List<Long> runMillis,
      long peakHeapBytes,
      double cpythonSeconds,
      int cpythonParsed,
      String cpythonVersion) {

    public long bestMillis() {
      return runMillis.stream().mapToLong(Long::longValue).min().orElseThrow();
    }

    public double ratio() {
      return bestMillis() / 1000.0 / cpythonSeconds;
    }

    public void print(PrintWriter out) {
      out.println("bench extract: " + corpus);
      out.printf(
          "  files              %d (%d parsed by us, %d by CPython)%n",
          files, parsed, cpythonParsed);
      List<String> runs = new ArrayList<>();
      for (int i = 0; i < runMillis.size(); i++) {
        runs.add(String.format("run %d %.2f s", i + 1, runMillis.get(i) / 1000.0));
      }
      out.printf(
          "  codeanatomy        %s; best %.2f s = %.0f files/s, %d threads, peak heap %d MB%n",
          String.join(", ", runs),
          bestMillis() / 1000.0,
          files / (bestMillis() / 1000.0),
          threads,
          peakHeapBytes / (1024 * 1024));
      out.printf(
          "  cpython ast.parse  %.2f s = %.0f files/s, 1 thread (Python %s)%n",
          cpythonSeconds, files / cpythonSeconds, cpythonVersion);
      out.printf("  ratio              %.1fx CPython's parse-only time (target <= 2x)%n", ratio());
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
    List<Long> millis = new ArrayList<>();
    int parsed = 0;
    try (HeapSampler heap = new HeapSampler()) {
      for (int i = 0; i < runs; i++) {
        long start = System.nanoTime();
        Extraction extraction = extractor.extract(corpus);
        millis.add((System.nanoTime() - start) / 1_000_000);
        parsed = countParsed(extraction);
      }
      String[] cpython = cpythonParse(sources);
      return new Result(
          corpus,
          sources.size(),
          parsed,
          extractor.threads(),
          millis,
          heap.peak(),
          Double.parseDouble(cpython[0]),
          Integer.parseInt(cpython[1]),
          cpython[3]);
    }
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
