package io.codeanatomy.job.cli;

import io.codeanatomy.extract.IncrementalExtractor;
import io.codeanatomy.extract.PythonExtractor;
import io.codeanatomy.extract.RepositoryWatcher;
import io.codeanatomy.job.run.BatchRun;
import io.codeanatomy.job.run.StreamingJob;
import io.codeanatomy.job.run.StreamingRun;
import io.codeanatomy.job.run.Warehouse;
import io.codeanatomy.spec.Spec;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code codeanatomy watch <repo>}: keep the CPG fresh as the repository changes. */
@Command(
    name = "watch",
    mixinStandardHelpOptions = true,
    description = {
      "Keeps a repository's code property graph fresh: extracts the repository, then watches it"
          + " (committing each batch of file changes to the extraction tables) while a"
          + " continuous Flink job reads the tables' Change Data Feed, runs the spec in streaming"
          + " mode and commits the CPG tables on every checkpoint.",
      "Ctrl-C stops after the commit under way, with a savepoint that --resume continues from."
    })
final class WatchCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec command;

  @Parameters(index = "0", paramLabel = "<repo>", description = "Root of the Python repository.")
  Path repo;

  @Mixin EngineOptions engine;

  @Mixin StreamingOptions streaming;

  @Option(
      names = "--exclude",
      paramLabel = "DIR",
      description = "Repo-relative directory to leave out, e.g. venv (repeatable).")
  List<String> excludes = List.of();

  @Option(
      names = "--interval",
      paramLabel = "DURATION",
      defaultValue = "1s",
      converter = DurationConverter.class,
      description = "How often the repository is polled (default: ${DEFAULT-VALUE}).")
  Duration interval;

  @Option(
      names = "--debounce",
      paramLabel = "DURATION",
      defaultValue = "300ms",
      converter = DurationConverter.class,
      description =
          "How long files must stay untouched before they are extracted (default:"
              + " ${DEFAULT-VALUE}).")
  Duration debounce;

  @Override
  public Integer call() throws InterruptedException {
    if (!Files.isDirectory(repo)) {
      throw new UsageException(
          "repository " + repo.toAbsolutePath() + " does not exist or is not a directory");
    }
    Warehouse warehouse = new Warehouse(engine.warehouse);
    Spec spec = BatchRun.loadSpec(engine.specFile());
    StreamingRun.Options options = streaming.toOptions(warehouse);
    PythonExtractor extractor =
        new PythonExtractor().excluding(Set.copyOf(excludes)).reporting(ProgressBar.onTerminal());
    PrintWriter out = command.commandLine().getOut();
    ExtractCommand.print(
        new IncrementalExtractor(extractor, warehouse.extractDir()).sync(repo), out);

    StreamingJob job = StreamingRun.start(warehouse, spec, options);
    out.printf(
        "continuous job %s %s; watching %s every %s (Ctrl-C stops)%n",
        job.jobId(),
        job.fresh() ? "started from the tables' snapshots" : "resumed from its savepoint",
        repo.toAbsolutePath().normalize(),
        DurationConverter.format(interval));
    out.flush();
    RepositoryWatcher watcher =
        new RepositoryWatcher(extractor, warehouse.extractDir(), repo, interval, debounce);
    new ContinuousSession(warehouse, job, watcher, out).run();
    return Main.OK;
  }
}
