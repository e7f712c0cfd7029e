package io.codeanatomy.job.cli;

import io.codeanatomy.job.run.BatchRun;
import io.codeanatomy.job.run.RunSummary;
import io.codeanatomy.job.run.Warehouse;
import io.codeanatomy.spec.Spec;
import java.nio.file.Files;
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
          + " `codeanatomy build` or by another extractor) and replaces the CPG tables, one Delta"
          + " version each. Reads the latest version of every input."
    })
final class RunCommand implements Callable<Integer> {
  /** How the engine runs; only the bounded batch mode exists so far. */
  enum Mode {
    batch
  }

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec command;

  @Mixin EngineOptions engine;

  @Option(
      names = "--mode",
      defaultValue = "batch",
      description = "Execution mode: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Mode mode;

  @Override
  public Integer call() {
    if (!Files.isDirectory(engine.warehouse)) {
      throw new UsageException(
          "warehouse " + engine.warehouse.toAbsolutePath() + " does not exist");
    }
    Warehouse target = new Warehouse(engine.warehouse);
    Spec spec = BatchRun.loadSpec(engine.specFile());
    RunSummary summary = BatchRun.run(target, spec, BatchRun.latestInputVersions(target, spec));
    summary.print(command.commandLine().getOut());
    return Main.OK;
  }
}
