package io.codeanatomy.job.cli;

import io.codeanatomy.job.run.BatchRun;
import io.codeanatomy.job.run.RunSummary;
import io.codeanatomy.job.run.Warehouse;
import io.codeanatomy.spec.Spec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
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

  @Option(
      names = "--warehouse",
      paramLabel = "DIR",
      defaultValue = "warehouse",
      description = "Directory of the Delta tables (default: ${DEFAULT-VALUE}).")
  Path warehouse;

  @Option(
      names = "--spec",
      paramLabel = "FILE",
      description = "Semantic spec (YAML or JSON); default: the shipped python-cpg spec.")
  Path specFile;

  @Option(
      names = "--mode",
      defaultValue = "batch",
      description = "Execution mode: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Mode mode;

  @Option(names = "--verbose", description = "Print stack traces of failures.")
  boolean verbose;

  @Override
  public Integer call() {
    if (!Files.isDirectory(warehouse)) {
      throw new UsageException("warehouse " + warehouse.toAbsolutePath() + " does not exist");
    }
    if (specFile != null && !Files.isRegularFile(specFile)) {
      throw new UsageException("spec file " + specFile.toAbsolutePath() + " does not exist");
    }
    Warehouse target = new Warehouse(warehouse);
    Spec spec = BatchRun.loadSpec(specFile);
    RunSummary summary = BatchRun.run(target, spec, BatchRun.latestInputVersions(target, spec));
    summary.print(command.commandLine().getOut());
    return Main.OK;
  }
}
