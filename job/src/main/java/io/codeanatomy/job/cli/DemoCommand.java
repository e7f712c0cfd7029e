package io.codeanatomy.job.cli;

import io.codeanatomy.job.run.BuildSummary;
import io.codeanatomy.job.run.CpgBuild;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code codeanatomy demo}: build the CPG of the bundled sample repository. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Builds the CPG of the bundled sample repository (examples/sample-repo) into"
          + " warehouse/demo and prints the summary."
    })
final class DemoCommand implements Callable<Integer> {
  /** Set by the launcher to the project root; the sample lives under it. */
  static final String HOME_PROPERTY = "codeanatomy.home";

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--warehouse",
      paramLabel = "DIR",
      description = "Directory of the Delta tables (default: <project>/warehouse/demo).")
  Path warehouse;

  @Option(names = "--verbose", description = "Print stack traces of failures.")
  boolean verbose;

  @Override
  public Integer call() {
    Path home = Path.of(System.getProperty(HOME_PROPERTY, "."));
    Path sample = home.resolve("examples/sample-repo");
    if (!Files.isDirectory(sample)) {
      throw new UsageException(
          "the bundled sample is not at "
              + sample.toAbsolutePath()
              + "; run the demo through ./codeanatomy from the project root");
    }
    Path target = warehouse != null ? warehouse : home.resolve("warehouse/demo");
    BuildSummary summary = CpgBuild.run(sample, target, null);
    summary.print(spec.commandLine().getOut());
    return Main.OK;
  }
}
