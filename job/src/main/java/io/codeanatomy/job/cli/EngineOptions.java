package io.codeanatomy.job.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every command that runs the engine on a warehouse shares (a picocli mixin). */
final class EngineOptions {
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

  @Option(names = "--verbose", description = "Print stack traces of failures.")
  boolean verbose;

  /** The spec file, checked to exist; null for the shipped spec. */
  Path specFile() {
    if (specFile != null && !Files.isRegularFile(specFile)) {
      throw new UsageException("spec file " + specFile.toAbsolutePath() + " does not exist");
    }
    return specFile;
  }
}
