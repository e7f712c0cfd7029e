package io.codeanatomy.job.cli;

import io.codeanatomy.extract.ExtractionRun;
import io.codeanatomy.extract.IncrementalExtractor;
import io.codeanatomy.extract.PythonExtractor;
import io.codeanatomy.extract.RepositoryWatcher;
import io.codeanatomy.extract.incremental.RewriteThreshold;
import io.codeanatomy.job.run.BatchRun;
import io.codeanatomy.job.run.ContinuousCpg;
import io.codeanatomy.job.run.StreamingJob;
import io.codeanatomy.job.run.StreamingRun;
import io.codeanatomy.job.run.Warehouse;
import io.codeanatomy.spec.Spec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

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

  @Mixin RepositoryOptions repository;

  @Mixin EngineOptions engine;

  @Mixin ParameterOptions parameters;

  @Mixin StreamingOptions streaming;

  @Override
  public Integer call() throws InterruptedException {
    Path repo = repository.repo();
    Warehouse warehouse = new Warehouse(engine.warehouse);
    Spec spec = BatchRun.loadSpec(engine.specFile());
    List<Object> values = parameters.values(spec);
    StreamingRun.Options options = streaming.toOptions(warehouse);
    PythonExtractor extractor = repository.extractor();
    PrintWriter out = command.commandLine().getOut();
    ExtractionRun first = new IncrementalExtractor(extractor, warehouse.extractDir()).sync(repo);
    ExtractCommand.print(first, out);
    if (first.rewritten()) {
      // The savepoint's job would read the rewrite as every row deleted and inserted again.
      options = options.fresh();
    }

    ContinuousCpg cpg = ContinuousCpg.start(warehouse, spec, values, options);
    StreamingJob job = cpg.job();
    out.printf(
        "continuous job %s %s; %s (Ctrl-C stops)%n",
        job.jobId(),
        job.fresh() ? "started from the tables' snapshots" : "resumed from its savepoint",
        repository.watching());
    out.flush();
    RepositoryWatcher watcher =
        repository.watcher(
            extractor,
            new IncrementalExtractor(
                extractor, warehouse.extractDir(), RewriteThreshold.DEFAULT, cpg::beforeRewrite));
    new ContinuousSession(warehouse, cpg, watcher, out).run();
    return Main.OK;
  }
}
