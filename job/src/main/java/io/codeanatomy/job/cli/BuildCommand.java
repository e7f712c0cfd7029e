package io.codeanatomy.job.cli;

import io.codeanatomy.job.run.BatchRun;
import io.codeanatomy.job.run.BuildSummary;
import io.codeanatomy.job.run.CpgBuild;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code codeanatomy build <repo>}: extract a repository and rebuild its CPG in batch. */
@Command(
    name = "build",
    mixinStandardHelpOptions = true,
    description = {
      "Extracts a Python repository into Delta tables and rebuilds its code property graph with"
          + " a bounded batch job. The first run writes every extraction table; later runs"
          + " re-parse only added, changed and renamed files and commit just the rows that"
          + " changed. Each run replaces the CPG tables' content as one new Delta version."
    })
final class BuildCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "<repo>", description = "Root of the Python repository.")
  Path repo;

  @Mixin EngineOptions engine;

  @Mixin ParameterOptions parameters;

  @Option(
      names = "--exclude",
      paramLabel = "DIR",
      description = "Repo-relative directory to leave out, e.g. venv (repeatable).")
  List<String> excludes = List.of();

  @Override
  public Integer call() {
    if (!Files.isDirectory(repo)) {
      throw new UsageException(
          "repository " + repo.toAbsolutePath() + " does not exist or is not a directory");
    }
    Path specFile = engine.specFile();
    List<Object> values = parameters.values(BatchRun.loadSpec(specFile));
    BuildSummary summary =
        CpgBuild.run(
            repo,
            engine.warehouse,
            specFile,
            values,
            Set.copyOf(excludes),
            ProgressBar.onTerminal());
    summary.print(spec.commandLine().getOut());
    return Main.OK;
  }
}
