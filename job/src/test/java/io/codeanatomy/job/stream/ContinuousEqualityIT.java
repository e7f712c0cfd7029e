package io.codeanatomy.job.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.commit.CommitInfo;
import io.codeanatomy.delta.commit.CommittedActions;
import io.codeanatomy.delta.commit.SetTransaction;
import io.codeanatomy.extract.ExtractionRun;
import io.codeanatomy.extract.IncrementalExtractor;
import io.codeanatomy.extract.PythonExtractor;
import io.codeanatomy.extract.incremental.RewriteThreshold;
import io.codeanatomy.job.run.BatchRun;
import io.codeanatomy.job.run.ContinuousCpg;
import io.codeanatomy.job.run.RuntimeProfile;
import io.codeanatomy.job.run.StreamingJob;
import io.codeanatomy.job.run.StreamingRun;
import io.codeanatomy.job.run.Warehouse;
import io.codeanatomy.spec.OutputSpec;
import io.codeanatomy.spec.Spec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The continuous job's promise: at every quiescent point the CPG tables it maintains equal, row for
 * row, a batch rebuild over the same extraction-table versions. Seeded random edits, additions,
 * deletions and renames of a copy of the sample repository drive it.
 *
 * <p>{@code -Dequality.seeds=N} runs N seeds and {@code -Dequality.steps=M} M edits per seed (CI: 2
 * seeds of 3 edits).
 */
class ContinuousEqualityIT {
  static final Path SAMPLE = Path.of("../examples/sample-repo").toAbsolutePath().normalize();
  static final Duration QUIESCENCE_TIMEOUT = Duration.ofSeconds(120);

  @TempDir Path tmp;
  final Spec spec = BatchRun.loadSpec(null);

  static LongStream seeds() {
    return LongStream.rangeClosed(1, Long.getLong("equality.seeds", 2));
  }

  static int steps() {
    return Integer.getInteger("equality.steps", 3);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void theContinuousResultEqualsABatchRebuildAfterEveryEdit(long seed) throws Exception {
    Path repo = copyOfSample();
    Warehouse warehouse = new Warehouse(tmp.resolve("warehouse"));
    IncrementalExtractor extractor =
        new IncrementalExtractor(new PythonExtractor(), warehouse.extractDir());
    ExtractionRun initial = extractor.sync(repo);

    StreamingJob job = start(warehouse, RuntimeProfile.SMALL, null);
    try {
      assertEqualsRebuild(warehouse, initial.versions(), "the bootstrap");
      RepoMutator mutator = new RepoMutator(repo, seed);
      for (int step = 1; step <= steps(); step++) {
        String edit = mutator.mutate();
        ExtractionRun run = extractor.sync(repo);
        assertEqualsRebuild(warehouse, run.versions(), "step " + step + ": " + edit);
      }
    } finally {
      job.cancel();
    }
    assertNoCheckpointCommittedTwice(warehouse);
  }

  /**
   * The same with the job cancelled and restarted from its last retained checkpoint between edits —
   * and once with an edit committed while no job runs — with each profile's state backend (heap;
   * RocksDB behind the changelog state backend).
   */
  @ParameterizedTest(name = "profile {0}")
  @EnumSource(RuntimeProfile.class)
  void restoringFromCheckpointsKeepsTheResultEqualAndCommitsNoCheckpointTwice(
      RuntimeProfile profile) throws Exception {
    Path repo = copyOfSample();
    Warehouse warehouse = new Warehouse(tmp.resolve("warehouse"));
    IncrementalExtractor extractor =
        new IncrementalExtractor(new PythonExtractor(), warehouse.extractDir());
    ExtractionRun run = extractor.sync(repo);
    StreamingJob job = start(warehouse, profile, null);
    RepoMutator mutator = new RepoMutator(repo, 42);
    try {
      assertEqualsRebuild(warehouse, run.versions(), "the bootstrap");
      for (int restart = 1; restart <= 2; restart++) {
        String edit = mutator.mutate();
        run = extractor.sync(repo);
        assertEqualsRebuild(warehouse, run.versions(), "before restart " + restart + ": " + edit);
        job.cancel();
        edit = mutator.mutate();
        run = extractor.sync(repo); // committed while no job runs
        Path checkpoint = StreamingJob.latestRetainedCheckpoint(warehouse).orElseThrow();
        job = start(warehouse, profile, checkpoint);
        assertEqualsRebuild(warehouse, run.versions(), "after restart " + restart + ": " + edit);
      }
    } finally {
      job.cancel();
    }
    assertNoCheckpointCommittedTwice(warehouse);
  }

  /**
   * A change set past the rewrite threshold (here: every file edited) stops the job before the
   * tables are rewritten; the CPG is rebuilt in batch, and a fresh job carries the next edit.
   */
  @Test
  void aRewrittenChangeSetIsRebuiltInBatchAndAFreshJobFollowsTheNextEdit() throws Exception {
    Path repo = copyOfSample();
    Warehouse warehouse = new Warehouse(tmp.resolve("warehouse"));
    ExtractionRun run =
        new IncrementalExtractor(new PythonExtractor(), warehouse.extractDir()).sync(repo);
    ContinuousCpg cpg =
        ContinuousCpg.start(
            warehouse,
            spec,
            StreamingRun.Options.of(RuntimeProfile.SMALL)
                .withCheckpointInterval(Duration.ofMillis(500))
                .withParallelism(2));
    try {
      assertEqualsRebuild(warehouse, run.versions(), "the bootstrap");
      StreamingJob first = cpg.job();
      IncrementalExtractor extractor =
          new IncrementalExtractor(
              new PythonExtractor(),
              warehouse.extractDir(),
              new RewriteThreshold(2, 0.5),
              cpg::beforeRewrite);
      try (Stream<Path> files = Files.walk(repo)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".py")).toList()) {
          Files.writeString(file, "\n# touched\n", java.nio.file.StandardOpenOption.APPEND);
        }
      }

      run = extractor.sync(repo);

      assertThat(run.rewritten()).isTrue();
      assertThat(first.status()).isEqualTo(JobStatus.CANCELED);
      assertThat(cpg.afterSync(run)).isPresent();
      assertThat(cpg.job().jobId()).isNotEqualTo(first.jobId());
      assertEqualsRebuild(warehouse, run.versions(), "the rewrite");

      String edit = new RepoMutator(repo, 7).mutate();
      run = extractor.sync(repo);
      assertThat(run.rewritten()).isFalse();
      assertEqualsRebuild(warehouse, run.versions(), "an edit after the rewrite: " + edit);
    } finally {
      cpg.cancel();
    }
    assertNoCheckpointCommittedTwice(warehouse);
  }

  /**
   * A fresh start takes no checkpoint while its sources read their snapshots, so however often it
   * would checkpoint otherwise, the bootstrap reaches each CPG table as one version — after at most
   * one early partial version: Flink 2.3 triggers the first checkpoint even during backlog
   * (FLINK-39108), and under load the sources may have emitted some rows before its barrier.
   */
  @Test
  void theBootstrapReachesEachCpgTableAsOneVersion() throws Exception {
    Path repo = copyOfSample();
    for (int copy = 1; copy <= 8; copy++) {
      copyTree(SAMPLE, repo.resolve("copy" + copy)); // a snapshot that takes many intervals
    }
    Warehouse warehouse = new Warehouse(tmp.resolve("warehouse"));
    ExtractionRun run =
        new IncrementalExtractor(new PythonExtractor(), warehouse.extractDir()).sync(repo);
    StreamingJob job =
        StreamingRun.start(
            warehouse,
            spec,
            StreamingRun.Options.of(RuntimeProfile.SMALL)
                .withCheckpointInterval(Duration.ofMillis(50))
                .withParallelism(2));
    try {
      assertEqualsRebuild(warehouse, run.versions(), "the bootstrap");
      Thread.sleep(1_000); // a few more intervals: a late partial commit would show
    } finally {
      job.cancel();
    }
    for (OutputSpec output : spec.outputs()) {
      DeltaTable table = warehouse.cpgTable(output.name());
      List<String> commits = new ArrayList<>();
      for (long version = 0; version <= table.latestVersion(); version++) {
        commits.add(version + ": " + CommittedActions.read(table, version).of(CommitInfo.class));
      }
      assertThat(commits)
          .as("versions of %s after the bootstrap", output.name())
          .hasSizeBetween(1, 2);
    }
  }

  private StreamingJob start(Warehouse warehouse, RuntimeProfile profile, Path checkpoint) {
    StreamingRun.Options options =
        StreamingRun.Options.of(profile)
            .withCheckpointInterval(Duration.ofMillis(500))
            .withParallelism(2);
    return StreamingRun.start(
        warehouse, spec, checkpoint == null ? options : options.resumingFrom(checkpoint));
  }

  /**
   * Rebuilds the CPG in batch over {@code versions} in a second warehouse that shares the
   * extraction tables, then waits until the continuous job's tables hold the same rows.
   */
  private void assertEqualsRebuild(Warehouse warehouse, Map<String, Long> versions, String when)
      throws Exception {
    Path rebuildRoot = Files.createTempDirectory(tmp, "rebuild");
    Files.createSymbolicLink(rebuildRoot.resolve("extract"), warehouse.extractDir());
    Warehouse rebuild = new Warehouse(rebuildRoot);
    Map<String, Long> inputs = new LinkedHashMap<>();
    spec.inputs().forEach(input -> inputs.put(input.name(), versions.get(input.name())));
    BatchRun.run(rebuild, spec, inputs);

    long start = System.nanoTime();
    long deadline = start + QUIESCENCE_TIMEOUT.toNanos();
    while (true) {
      List<String> differences = differences(warehouse, rebuild);
      if (differences.isEmpty()) {
        System.out.printf(
            "%s: equal to the rebuild %.1f s after it finished%n",
            when, (System.nanoTime() - start) / 1e9);
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "after "
                + when
                + ", the continuous CPG still differs from a batch rebuild of "
                + inputs
                + " after "
                + QUIESCENCE_TIMEOUT.toSeconds()
                + " s:\n"
                + String.join("\n", differences));
      }
      Thread.sleep(250);
    }
  }

  private List<String> differences(Warehouse continuous, Warehouse rebuild) {
    List<String> differences = new ArrayList<>();
    for (OutputSpec output : spec.outputs()) {
      List<String> actual = CpgTables.rows(continuous.cpgTable(output.name()));
      List<String> expected = CpgTables.rows(rebuild.cpgTable(output.name()));
      if (actual.equals(expected)) {
        continue;
      }
      List<String> missing = new ArrayList<>(expected);
      missing.removeAll(new HashSet<>(actual));
      List<String> extra = new ArrayList<>(actual);
      extra.removeAll(new HashSet<>(expected));
      differences.add(
          output.name()
              + ": "
              + actual.size()
              + " rows, expected "
              + expected.size()
              + "; missing "
              + missing.stream().limit(3).toList()
              + (missing.size() > 3 ? " and " + (missing.size() - 3) + " more" : "")
              + "; unexpected "
              + extra.stream().limit(3).toList()
              + (extra.size() > 3 ? " and " + (extra.size() - 3) + " more" : ""));
    }
    return differences;
  }

  /** Every (application id, checkpoint id) appears in at most one commit of each CPG table. */
  private void assertNoCheckpointCommittedTwice(Warehouse warehouse) {
    for (OutputSpec output : spec.outputs()) {
      DeltaTable table = warehouse.cpgTable(output.name());
      Set<String> seen = new HashSet<>();
      for (long version = 0; version <= table.latestVersion(); version++) {
        for (SetTransaction txn : CommittedActions.read(table, version).of(SetTransaction.class)) {
          assertThat(seen.add(txn.appId() + "@" + txn.version()))
              .as(
                  "checkpoint %s of %s committed again in version %s",
                  txn.version(), txn.appId(), version)
              .isTrue();
        }
      }
    }
  }

  private Path copyOfSample() throws IOException {
    Path repo = tmp.resolve("repo");
    copyTree(SAMPLE, repo);
    return repo;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : paths.toList()) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target);
        }
      }
    }
  }
}
