package io.codeanatomy.job.cli;

import io.codeanatomy.extract.incremental.RewriteThreshold;
import io.codeanatomy.job.bench.DeltaBench;
import io.codeanatomy.job.bench.ExtractBench;
import io.codeanatomy.job.bench.IncrementalBench;
import io.codeanatomy.job.run.RuntimeProfile;
import io.codeanatomy.job.run.StreamingRun;
import io.codeanatomy.job.run.Warehouse;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code codeanatomy bench ...}: benchmarks with their baseline measured in the same run. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks, each beside a baseline measured in the same run.",
    subcommands = {
      BenchCommand.Extract.class,
      BenchCommand.Incremental.class,
      BenchCommand.Delta.class
    })
final class BenchCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing a benchmark name");
  }

  /** {@code bench extract}: our extraction against CPython's {@code ast.parse}. */
  @Command(
      name = "extract",
      mixinStandardHelpOptions = true,
      description = {
        "Times the full extraction of a corpus (parse and analysis into every table's rows,"
            + " then the Delta write of all tables into a temporary directory, each phase printed"
            + " too) against CPython's ast.parse of the same files, in the same run. Default corpus: the CPython 3.11.7"
            + " standard library installed by pyenv, without test/ and site-packages/; skipped"
            + " when absent."
      })
  static final class Extract implements Callable<Integer> {
    static final List<String> DEFAULT_EXCLUDES = List.of("test", "site-packages");

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--corpus", paramLabel = "DIR", description = "Directory of Python files.")
    Path corpus;

    @Option(
        names = "--exclude",
        paramLabel = "DIR",
        description = "Repo-relative directory to leave out (repeatable).")
    List<String> excludes;

    @Option(
        names = "--runs",
        defaultValue = "3",
        description = "Extraction runs; the first one pays the JVM warm-up (default: 3).")
    int runs;

    @Option(names = "--verbose", description = "Print stack traces of failures.")
    boolean verbose;

    @Override
    public Integer call() {
      Path target = corpus != null ? corpus : defaultCorpus();
      List<String> skip =
          excludes != null ? excludes : corpus == null ? DEFAULT_EXCLUDES : List.of();
      if (!Files.isDirectory(target)) {
        if (corpus != null) {
          throw new UsageException("corpus " + target.toAbsolutePath() + " does not exist");
        }
        spec.commandLine()
            .getOut()
            .println(
                "bench extract: skipped, the default corpus "
                    + target
                    + " is not installed (pyenv install 3.11.7, or pass --corpus DIR)");
        return Main.OK;
      }
      if (runs < 1) {
        throw new UsageException("--runs must be at least 1");
      }
      ExtractBench.run(target, Set.copyOf(skip), runs).print(spec.commandLine().getOut());
      return Main.OK;
    }

    private static Path defaultCorpus() {
      return stdlib("3.11.7");
    }
  }

  /** The standard library pyenv installed for {@code version} (which may be absent). */
  static Path stdlib(String version) {
    String pyenv = System.getenv("PYENV_ROOT");
    Path root = pyenv != null ? Path.of(pyenv) : Path.of(System.getProperty("user.home"), ".pyenv");
    String minor = version.substring(0, version.lastIndexOf('.'));
    return root.resolve("versions/" + version + "/lib/python" + minor);
  }

  /** {@code bench incremental}: change-to-CPG latency of the continuous job. */
  @Command(
      name = "incremental",
      mixinStandardHelpOptions = true,
      description = {
        "Times the continuous job: (a) single-file edits of a corpus (default: the CPython 3.11.7"
            + " stdlib), from the extraction commit to the CPG commit holding the edit, p50 and"
            + " p95; (b) replacing one corpus by another as one change set (default: the 3.12.1"
            + " stdlib by 3.13.0), until the CPG equals a full batch rebuild of the new corpus,"
            + " which is timed in the same run. Stdlibs come from pyenv and exclude test/ and"
            + " site-packages/; the bench is skipped when they are absent. Defaults: profile"
            + " large (RocksDB state), checkpoints every second."
      })
  static final class Incremental implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--corpus", paramLabel = "DIR", description = "Corpus for the single edits.")
    Path corpus;

    @Option(names = "--from", paramLabel = "DIR", description = "Corpus before the change set.")
    Path from;

    @Option(names = "--to", paramLabel = "DIR", description = "Corpus after the change set.")
    Path to;

    @Option(
        names = "--edits",
        defaultValue = "20",
        description = "Single edits to time (default: ${DEFAULT-VALUE}).")
    int edits;

    @Option(
        names = "--merge-change-set",
        description =
            "Have the running job merge the change set, however large, instead of rewriting the"
                + " tables and rebuilding the CPG in batch past the rewrite threshold (as watch"
                + " does).")
    boolean mergeChangeSet;

    @Option(names = "--skip-change-set", description = "Only time the single edits.")
    boolean skipChangeSet;

    @CommandLine.Mixin StreamingOptions streaming;

    @Option(names = "--verbose", description = "Print stack traces of failures.")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      Path editCorpus = corpus != null ? corpus : stdlib("3.11.7");
      Path before = from != null ? from : stdlib("3.12.1");
      Path after = to != null ? to : stdlib("3.13.0");
      for (Path dir : skipChangeSet ? List.of(editCorpus) : List.of(editCorpus, before, after)) {
        if (!Files.isDirectory(dir)) {
          out.println(
              "bench incremental: skipped, corpus "
                  + dir
                  + " is not installed (pyenv install it, or pass --corpus/--from/--to)");
          return Main.OK;
        }
      }
      if (edits < 1) {
        throw new UsageException("--edits must be at least 1");
      }
      if (streaming.checkpointInterval == null) {
        streaming.checkpointInterval = java.time.Duration.ofSeconds(1);
      }
      Path work = Files.createTempDirectory("codeanatomy-bench-");
      // A whole stdlib's join state is gigabytes: RocksDB keeps it off the heap.
      StreamingRun.Options options =
          streaming.toOptions(new Warehouse(work.resolve("unused")), RuntimeProfile.LARGE);
      IncrementalBench bench =
          new IncrementalBench(Set.copyOf(Extract.DEFAULT_EXCLUDES), options, out);
      out.printf(
          "bench incremental: profile %s, checkpoint every %d ms, poll every %d ms, work dir %s%n",
          options.profile().name().toLowerCase(java.util.Locale.ROOT),
          options.checkpointInterval().orElseThrow().toMillis(),
          options.profile().pollInterval().toMillis(),
          work);
      out.flush();
      List<Long> latencies = bench.singleEdits(editCorpus, edits, work);
      out.printf(
          "  single edits   %s, %d edits: p50 %d ms, p95 %d ms, max %d ms"
              + " (target p50 <= 2000 ms, p95 <= 5000 ms)%n",
          editCorpus,
          latencies.size(),
          percentile(latencies, 50),
          percentile(latencies, 95),
          latencies.stream().mapToLong(Long::longValue).max().orElseThrow());
      out.flush();
      if (!skipChangeSet) {
        IncrementalBench.ChangeSet change =
            bench.changeSet(
                before,
                after,
                mergeChangeSet ? RewriteThreshold.NEVER : RewriteThreshold.DEFAULT,
                work);
        out.printf(
            "  change set     %s -> %s (%d -> %d files; %s), %s: extract %.1f s + to CPG %.1f s ="
                + " %.1f s%n",
            before,
            after,
            change.filesBefore(),
            change.filesAfter(),
            change.changes(),
            change.rewritten()
                ? "tables rewritten, CPG rebuilt in batch"
                : "merged by the running job",
            change.extractMillis() / 1e3,
            change.toCpgMillis() / 1e3,
            change.totalMillis() / 1e3);
        out.printf(
            "  full rebuild   %s: %.1f s (extract %.1f s, batch job %.1f s)%n",
            after,
            change.rebuildMillis() / 1e3,
            change.rebuild().extractMillis() / 1e3,
            change.rebuild().run().jobMillis() / 1e3);
        out.printf("  ratio          %.2f of the full rebuild (target <= 0.30)%n", change.ratio());
      }
      out.flush();
      return Main.OK;
    }

    /** The nearest-rank percentile. */
    static long percentile(List<Long> values, int p) {
      List<Long> sorted = values.stream().sorted().toList();
      int rank = (int) Math.ceil(p / 100.0 * sorted.size());
      return sorted.get(Math.max(0, rank - 1));
    }
  }

  /** {@code bench delta}: delta-core's write and filtered read against Flink's Parquet sink. */
  @Command(
      name = "delta",
      mixinStandardHelpOptions = true,
      description = {
        "Writes rows shaped like ast_nodes (synthetic, seeded, about 2000 source files) into a"
            + " fresh Delta table with delta-core as one commit, in the extraction store's layout;"
            + " reads them back whole and with selective filters (files and row groups skipped);"
            + " and writes the same rows with Flink's own Parquet FileSink on a local MiniCluster"
            + " in BATCH mode, in the same run: same codec (ZSTD), row group size and parallelism"
            + " (1). For a million rows give the JVM a few GB (CODEANATOMY_JAVA_OPTS=-Xmx4g)."
      })
  static final class Delta implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--rows",
        defaultValue = "1000000",
        description = "Rows to write (default: ${DEFAULT-VALUE}).")
    int rows;

    @Option(
        names = "--seed",
        defaultValue = "42",
        description = "Seed of the synthetic rows (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
        names = "--work-dir",
        paramLabel = "DIR",
        description =
            "Where to write the tables, kept afterwards (default: a temporary directory,"
                + " deleted afterwards).")
    Path workDir;

    @Option(names = "--verbose", description = "Print stack traces of failures.")
    boolean verbose;

    @Override
    public Integer call() throws IOException {
      if (rows < 1) {
        throw new UsageException("--rows must be at least 1");
      }
      if (workDir != null && Files.exists(workDir) && !isEmptyDirectory(workDir)) {
        throw new UsageException("--work-dir " + workDir + " must be empty or absent");
      }
      Path work = workDir != null ? workDir : Files.createTempDirectory("codeanatomy-bench-delta-");
      try {
        DeltaBench.run(rows, seed, work).print(spec.commandLine().getOut());
      } finally {
        if (workDir == null) {
          deleteRecursively(work);
        }
      }
      return Main.OK;
    }

    private static boolean isEmptyDirectory(Path dir) throws IOException {
      if (!Files.isDirectory(dir)) {
        return false;
      }
      try (Stream<Path> entries = Files.list(dir)) {
        return entries.findAny().isEmpty();
      }
    }

    private static void deleteRecursively(Path dir) throws IOException {
      try (Stream<Path> paths = Files.walk(dir)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
      }
    }
  }
}
