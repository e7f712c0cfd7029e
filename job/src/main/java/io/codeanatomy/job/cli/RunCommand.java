package io.codeanatomy.job.cli;

import io.codeanatomy.job.run.BatchRun;
import io.codeanatomy.job.run.ContinuousCpg;
import io.codeanatomy.job.run.RunSummary;
import io.codeanatomy.job.run.StreamingJob;
import io.codeanatomy.job.run.Warehouse;
import io.codeanatomy.spec.Spec;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code codeanatomy run}: the engine alone, over extraction tables that already exist. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a spec over the extraction tables already in a warehouse (written by"
          + " `codeanatomy build`, `extract` or another extractor).",
      "--mode batch (default) reads the latest version of every input and replaces the CPG"
          + " tables, one Delta version each. --mode streaming runs a continuous job over the"
          + " inputs' Change Data Feed that commits the CPG tables on every checkpoint until"
          + " Ctrl-C, which stops it with a savepoint (--resume continues from it)."
    })
final class RunCommand implements Callable<Integer> {
  /** How the engine runs: one bounded job, or a continuous one over the Change Data Feed. */
  enum Mode {
    batch,
    streaming
  }

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec command;

  @Mixin EngineOptions engine;

  @Mixin ParameterOptions parameters;

  @Mixin StreamingOptions streaming;

  @Option(
      names = "--mode",
      defaultValue = "batch",
      description = "Execution mode: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Mode mode;

  @Override
  public Integer call() throws InterruptedException {
    if (!Files.isDirectory(engine.warehouse)) {
      throw new UsageException(
          "warehouse " + engine.warehouse.toAbsolutePath() + " does not exist");
    }
    Warehouse target = new Warehouse(engine.warehouse);
    Spec spec = BatchRun.loadSpec(engine.specFile());
    List<Object> values = parameters.values(spec);
    if (mode == Mode.streaming) {
      ContinuousCpg cpg = ContinuousCpg.start(target, spec, values, streaming.toOptions(target));
      StreamingJob job = cpg.job();
      command
          .commandLine()
          .getOut()
          .printf(
              "continuous job %s %s (Ctrl-C stops with a savepoint)%n",
              job.jobId(),
              job.fresh() ? "started from the tables' snapshots" : "resumed from its savepoint");
      new ContinuousSession(target, cpg, null, command.commandLine().getOut()).run();
      return Main.OK;
    }
    RunSummary summary =
        BatchRun.run(target, spec, BatchRun.latestInputVersions(target, spec), values);
    summary.print(command.commandLine().getOut());
    return Main.OK;
  }
}
