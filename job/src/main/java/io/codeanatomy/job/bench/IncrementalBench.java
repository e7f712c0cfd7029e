package io.codeanatomy.job.bench;

import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.read.SnapshotReader;
import io.codeanatomy.extract.ExtractionRun;
import io.codeanatomy.extract.ExtractionTables;
import io.codeanatomy.extract.IncrementalExtractor;
import io.codeanatomy.extract.PythonExtractor;
import io.codeanatomy.extract.incremental.RewriteThreshold;
import io.codeanatomy.extract.repo.SourceFile;
import io.codeanatomy.job.run.BatchRun;
import io.codeanatomy.job.run.BuildException;
import io.codeanatomy.job.run.BuildSummary;
import io.codeanatomy.job.run.ContinuousCpg;
import io.codeanatomy.job.run.CpgBuild;
import io.codeanatomy.job.run.StreamingJob;
import io.codeanatomy.job.run.StreamingRun;
import io.codeanatomy.job.run.Warehouse;
import io.codeanatomy.spec.OutputSpec;
import io.codeanatomy.spec.Spec;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * {@code bench incremental}: how fast the continuous job carries a change into the CPG.
 *
 * <ol>
 *   <li><b>Single edits.</b> On a copy of a corpus under {@code watch}-like operation, append a
 *       uniquely named function to one file at a time and time from the extraction commit (the
 *       run's first table version) to the CPG commit whose change feed inserts that function.
 *   <li><b>A change set.</b> On a copy of one corpus, replace every file with another corpus's (one
 *       stdlib version by the next) as one extraction run and time from its start until the CPG
 *       equals a full batch rebuild of the new corpus — itself timed in the same run as the
 *       baseline. The change set takes the way {@code watch} gives it: past the extractor's rewrite
 *       threshold the tables are rewritten and the CPG rebuilt in batch ({@link ContinuousCpg}),
 *       otherwise the running job merges it; {@code RewriteThreshold.NEVER} forces the latter.
 * </ol>
 */
public final class IncrementalBench {
  private static final Duration EDIT_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration CHANGE_SET_TIMEOUT = Duration.ofMinutes(30);

  private final Set<String> excludes;
  private final StreamingRun.Options options;
  private final PrintWriter log;
  private final Spec spec = BatchRun.loadSpec(null);

  public IncrementalBench(Set<String> excludes, StreamingRun.Options options, PrintWriter log) {
    this.excludes = Set.copyOf(excludes);
    this.options = options;
    this.log = log;
  }

  /** Single-edit latencies in milliseconds, in edit order. */
  public List<Long> singleEdits(Path corpus, int edits, Path work) throws Exception {
    Path repo = copyPythonFiles(corpus, work.resolve("edits-repo"));
    Warehouse warehouse = new Warehouse(work.resolve("edits-warehouse"));
    IncrementalExtractor extractor = extractor(warehouse);
    ExtractionRun initial = extractor.sync(repo);
    progress(
        "extracted %d files in %.1f s", initial.changes().added().size(), initial.millis() / 1e3);
    List<String> parsed = parsedFiles(warehouse);
    StreamingJob job = StreamingRun.start(warehouse, spec, options);
    try {
      awaitBootstrap(repo, extractor, warehouse);
      List<Long> latencies = new ArrayList<>();
      for (int i = 1; i <= edits; i++) {
        String path = parsed.get((int) ((i * 7919L) % parsed.size()));
        EditTiming timing = timeEdit(repo, warehouse, extractor, path, i);
        latencies.add(timing.latencyMillis());
        progress(
            "edit %d of %s: %d ms (extraction commits span %d ms, then %d ms to the CPG commit)",
            i,
            path,
            timing.latencyMillis(),
            timing.extractionSpanMillis(),
            timing.latencyMillis() - timing.extractionSpanMillis());
      }
      return latencies;
    } finally {
      job.cancel();
    }
  }

  /**
   * One edit's way: from its first extraction commit to the CPG commit holding it, of which the
   * first part is spent until the extraction's last table commit.
   */
  private record EditTiming(long latencyMillis, long extractionSpanMillis) {}

  private EditTiming timeEdit(
      Path repo, Warehouse warehouse, IncrementalExtractor extractor, String path, int i)
      throws Exception {
    String probe = "codeanatomy_probe_" + i;
    CpgProbe nodes = new CpgProbe(warehouse.cpgTable("cpg_nodes"), "name");
    appendFunction(repo.resolve(path), probe, i);
    ExtractionRun run = extractor.sync(repo);
    long committed = firstCommitMillis(warehouse, run);
    Duration timeout = EDIT_TIMEOUT;
    CpgProbe.Commit arrival =
        nodes
            .awaitInsertOf(probe, timeout)
            .orElseThrow(
                () ->
                    new BuildException(
                        "the CPG did not receive "
                            + probe
                            + " within "
                            + timeout.toMinutes()
                            + " min"));
    return new EditTiming(
        arrival.committedMillis() - committed, lastCommitMillis(warehouse, run) - committed);
  }

  /**
   * Waits until the job has carried the snapshot into the CPG. An edit committed right after the
   * start follows the snapshot in every source's feed, and no checkpoint is taken while a source
   * still reads its snapshot, so the first CPG commit holding the edit holds the whole snapshot.
   * (Watching for versions to stop would not do: the bootstrap is one long, silent commit.)
   */
  private void awaitBootstrap(Path repo, IncrementalExtractor extractor, Warehouse warehouse)
      throws Exception {
    long start = System.nanoTime();
    String probe = "codeanatomy_bootstrap_probe";
    appendFunction(repo.resolve(parsedFiles(warehouse).get(0)), probe, 0);
    extractor.sync(repo);
    new CpgProbe(warehouse.cpgTable("cpg_nodes"), "name")
        .awaitInsertOf(probe, CHANGE_SET_TIMEOUT)
        .orElseThrow(
            () ->
                new BuildException(
                    "the job did not finish carrying the snapshot into the CPG within "
                        + CHANGE_SET_TIMEOUT.toMinutes()
                        + " min"));
    progress(
        "bootstrap done: %s after %.1f s",
        cpgVersions(warehouse), (System.nanoTime() - start) / 1e9);
  }

  /** Appends a uniquely named function, which becomes one FUNCTION node named {@code name}. */
  private static void appendFunction(Path file, String name, int value) throws IOException {
    Files.writeString(
        file,
        Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1)
            + "\n\ndef "
            + name
            + "():\n    return "
            + value
            + "\n",
        java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  /**
   * A change set, and the full rebuild of its result, timed in the same run.
   *
   * @param rewritten whether the extraction rewrote the tables (and the CPG was rebuilt in batch)
   *     rather than merging the change for the running job
   */
  public record ChangeSet(
      int filesBefore,
      int filesAfter,
      String changes,
      boolean rewritten,
      long extractMillis,
      long toCpgMillis,
      long rebuildMillis,
      BuildSummary rebuild) {

    public long totalMillis() {
      return extractMillis + toCpgMillis;
    }

    public double ratio() {
      return (double) totalMillis() / rebuildMillis;
    }
  }

  public ChangeSet changeSet(Path from, Path to, RewriteThreshold rewriteThreshold, Path work)
      throws Exception {
    Path target = copyPythonFiles(to, work.resolve("rebuild-repo"));
    Warehouse rebuildWarehouse = new Warehouse(work.resolve("rebuild-warehouse"));
    progress("full batch rebuild of %s ...", to);
    BuildSummary rebuild = CpgBuild.run(target, rebuildWarehouse.root(), null, Set.of());
    progress("full batch rebuild: %.1f s", rebuild.totalMillis() / 1e3);
    Map<String, List<String>> expected = cpgRows(rebuildWarehouse);

    Path repo = copyPythonFiles(from, work.resolve("change-set-repo"));
    Warehouse warehouse = new Warehouse(work.resolve("change-set-warehouse"));
    int before = extractor(warehouse).sync(repo).changes().added().size();
    ContinuousCpg cpg = ContinuousCpg.start(warehouse, spec, options);
    try {
      IncrementalExtractor extractor =
          new IncrementalExtractor(
              new PythonExtractor().excluding(excludes),
              warehouse.extractDir(),
              rewriteThreshold,
              cpg::beforeRewrite);
      awaitBootstrap(repo, extractor, warehouse);
      deleteTree(repo);
      copyPythonFiles(to, repo);
      long started = System.currentTimeMillis();
      ExtractionRun run = extractor.sync(repo);
      long extracted = System.currentTimeMillis();
      progress(
          "change set %s in %.1f s: %s",
          run.rewritten() ? "rewritten" : "merged", run.millis() / 1e3, run.changes().describe());
      cpg.afterSync(run)
          .ifPresent(
              batch ->
                  progress(
                      "CPG rebuilt in batch in %.1f s; the continuous job restarts from the new"
                          + " snapshots",
                      batch.jobMillis() / 1e3));
      long reached = awaitEqual(warehouse, expected);
      return new ChangeSet(
          before,
          rebuild.files(),
          run.changes().describe(),
          run.rewritten(),
          extracted - started,
          reached - extracted,
          rebuild.totalMillis(),
          rebuild);
    } finally {
      cpg.cancel();
    }
  }

  /** Waits until the CPG tables equal {@code expected}; returns that commit's time. */
  private long awaitEqual(Warehouse warehouse, Map<String, List<String>> expected)
      throws InterruptedException {
    long deadline = System.nanoTime() + CHANGE_SET_TIMEOUT.toNanos();
    Map<String, Long> checked = Map.of();
    while (System.nanoTime() < deadline) {
      Map<String, Long> versions = cpgVersions(warehouse);
      if (!versions.equals(checked)) {
        checked = versions;
        if (cpgRows(warehouse).equals(expected)) {
          return spec.outputs().stream()
              .mapToLong(
                  o -> {
                    DeltaTable table = warehouse.cpgTable(o.name());
                    return table.commitMillis(table.latestVersion());
                  })
              .max()
              .orElseThrow();
        }
      }
      Thread.sleep(200);
    }
    throw new BuildException(
        "the CPG did not reach the rebuild's rows within "
            + CHANGE_SET_TIMEOUT.toMinutes()
            + " min");
  }

  private Map<String, Long> cpgVersions(Warehouse warehouse) {
    Map<String, Long> versions = new java.util.TreeMap<>();
    for (OutputSpec output : spec.outputs()) {
      versions.put(output.name(), warehouse.cpgTable(output.name()).latestVersion());
    }
    return versions;
  }

  private Map<String, List<String>> cpgRows(Warehouse warehouse) {
    Map<String, List<String>> rows = new java.util.TreeMap<>();
    for (OutputSpec output : spec.outputs()) {
      List<String> table = new ArrayList<>();
      for (Object[] row : SnapshotReader.readAll(warehouse.cpgTable(output.name()))) {
        table.add(java.util.Arrays.deepToString(row));
      }
      table.sort(null);
      rows.put(output.name(), table);
    }
    return rows;
  }

  /** The earliest commit of an extraction run: where the change starts its way to the CPG. */
  private static long firstCommitMillis(Warehouse warehouse, ExtractionRun run) {
    return commitMillis(warehouse, run).min().orElseThrow();
  }

  private static long lastCommitMillis(Warehouse warehouse, ExtractionRun run) {
    return commitMillis(warehouse, run).max().orElseThrow();
  }

  private static LongStream commitMillis(Warehouse warehouse, ExtractionRun run) {
    List<Long> millis =
        run.tables().entrySet().stream()
            .filter(e -> e.getValue().changed())
            .map(e -> warehouse.extractTable(e.getKey()).commitMillis(e.getValue().version().get()))
            .toList();
    if (millis.isEmpty()) {
      throw new BuildException("the edit committed nothing");
    }
    return millis.stream().mapToLong(Long::longValue);
  }

  /** Paths of the files that parsed, so a probe appended to one becomes a FUNCTION node. */
  private static List<String> parsedFiles(Warehouse warehouse) {
    DeltaTable files = warehouse.extractTable(ExtractionTables.FILES);
    return SnapshotReader.readColumns(files, files.snapshot(), List.of("path", "parse_ok")).stream()
        .filter(row -> (Boolean) row[1])
        .map(row -> (String) row[0])
        .sorted()
        .toList();
  }

  private IncrementalExtractor extractor(Warehouse warehouse) {
    return new IncrementalExtractor(
        new PythonExtractor().excluding(excludes), warehouse.extractDir());
  }

  private Path copyPythonFiles(Path corpus, Path target) throws IOException {
    for (SourceFile file : new PythonExtractor().excluding(excludes).sourceFiles(corpus)) {
      if (!Files.isRegularFile(file.location())) {
        continue;
      }
      Path copy = target.resolve(file.path());
      Files.createDirectories(copy.getParent());
      Files.copy(file.location(), copy);
    }
    return target;
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        if (!path.equals(root)) {
          Files.delete(path);
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private void progress(String format, Object... args) {
    log.printf("  .. " + format + "%n", args);
    log.flush();
  }
}
