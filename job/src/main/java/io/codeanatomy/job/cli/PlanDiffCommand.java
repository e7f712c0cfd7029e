package io.codeanatomy.job.cli;

import io.codeanatomy.job.plan.PlanBundle;
import io.codeanatomy.job.plan.PlanDiff;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code codeanatomy plan diff A B}: what differs between two plan bundles. */
@Command(
    name = "diff",
    mixinStandardHelpOptions = true,
    description = {
      "Compares two plan bundles: the manifest fields that differ, the artifacts whose digests"
          + " differ, and a unified diff of each such artifact's normalised text."
    })
final class PlanDiffCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec command;

  @Parameters(index = "0", paramLabel = "A", description = "The first bundle's directory.")
  Path left;

  @Parameters(index = "1", paramLabel = "B", description = "The second bundle's directory.")
  Path right;

  @Option(names = "--brief", description = "Only list what differs, without the diffs.")
  boolean brief;

  @Option(
      names = "--exit-code",
      description = "Exit with 1 when the bundles differ (as `git diff --exit-code`).")
  boolean exitCode;

  @Option(names = "--verbose", description = "Print stack traces of failures.")
  boolean verbose;

  @Override
  public Integer call() {
    for (Path dir : new Path[] {left, right}) {
      if (!Files.isDirectory(dir)) {
        throw new UsageException("plan bundle " + dir.toAbsolutePath() + " does not exist");
      }
    }
    PlanDiff diff =
        PlanDiff.of(
            PlanBundle.read(left), left.toString(), PlanBundle.read(right), right.toString());
    diff.print(command.commandLine().getOut(), brief);
    return exitCode && !diff.identical() ? Main.FAILURE : Main.OK;
  }
}
