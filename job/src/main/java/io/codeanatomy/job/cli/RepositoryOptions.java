package io.codeanatomy.job.cli;

import io.codeanatomy.extract.IncrementalExtractor;
import io.codeanatomy.extract.PythonExtractor;
import io.codeanatomy.extract.RepositoryWatcher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The repository a command extracts, and how it is polled when watched (a picocli mixin). */
final class RepositoryOptions {
  @Parameters(index = "0", paramLabel = "<repo>", description = "Root of the Python repository.")
  Path repo;

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
      description = "How often a watched repository is polled (default: ${DEFAULT-VALUE}).")
  Duration interval;

  @Option(
      names = "--debounce",
      paramLabel = "DURATION",
      defaultValue = "300ms",
      converter = DurationConverter.class,
      description =
          "How long files of a watched repository must stay untouched before they are extracted"
              + " (default: ${DEFAULT-VALUE}).")
  Duration debounce;

  /** The repository root, checked to be a directory. */
  Path repo() {
    if (!Files.isDirectory(repo)) {
      throw new UsageException(
          "repository " + repo.toAbsolutePath() + " does not exist or is not a directory");
    }
    return repo;
  }

  /** The extractor these options ask for, with a progress bar on a terminal. */
  PythonExtractor extractor() {
    return new PythonExtractor()
        .excluding(Set.copyOf(excludes))
        .reporting(ProgressBar.onTerminal());
  }

  /** A watcher polling the repository into the extraction tables through {@code incremental}. */
  RepositoryWatcher watcher(PythonExtractor extractor, IncrementalExtractor incremental) {
    return new RepositoryWatcher(extractor, incremental, repo(), interval, debounce);
  }

  /** {@code watching <repo> every 1s}, for the line a watching command starts with. */
  String watching() {
    return "watching "
        + repo.toAbsolutePath().normalize()
        + " every "
        + DurationConverter.format(interval);
  }
}
