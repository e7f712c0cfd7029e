package io.codeanatomy.job.cli;

import io.codeanatomy.job.bench.ExtractBench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code codeanatomy bench ...}: benchmarks with their baseline measured in the same run. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks, each beside a baseline measured in the same run.",
    subcommands = {BenchCommand.Extract.class})
final class BenchCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing a benchmark name");
  }

  /** {@code bench extract}: our extraction against CPython's {@code ast.parse}. */
  @Command(
      name = "extract",
      mixinStandardHelpOptions = true,
      description = {
        "Times the full extraction of a corpus (every table, in memory) against CPython's"
            + " ast.parse of the same files, in the same run. Default corpus: the CPython 3.11.7"
            + " standard library installed by pyenv, without test/ and site-packages/; skipped"
            + " when absent."
      })
  static final class Extract implements Callable<Integer> {
    static final List<String> DEFAULT_EXCLUDES = List.of("test", "site-packages");

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--corpus", paramLabel = "DIR", description = "Directory of Python files.")
    Path corpus;

    @Option(
        names = "--exclude",
        paramLabel = "DIR",
        description = "Repo-relative directory to leave out (repeatable).")
    List<String> excludes;

    @Option(
        names = "--runs",
        defaultValue = "3",
        description = "Extraction runs; the first one pays the JVM warm-up (default: 3).")
    int runs;

    @Option(names = "--verbose", description = "Print stack traces of failures.")
    boolean verbose;

    @Override
    public Integer call() {
      Path target = corpus != null ? corpus : defaultCorpus();
      List<String> skip =
          excludes != null ? excludes : corpus == null ? DEFAULT_EXCLUDES : List.of();
      if (!Files.isDirectory(target)) {
        if (corpus != null) {
          throw new UsageException("corpus " + target.toAbsolutePath() + " does not exist");
        }
        spec.commandLine()
            .getOut()
            .println(
                "bench extract: skipped, the default corpus "
                    + target
                    + " is not installed (pyenv install 3.11.7, or pass --corpus DIR)");
        return Main.OK;
      }
      if (runs < 1) {
        throw new UsageException("--runs must be at least 1");
      }
      ExtractBench.run(target, Set.copyOf(skip), runs).print(spec.commandLine().getOut());
      return Main.OK;
    }

    private static Path defaultCorpus() {
      String pyenv = System.getenv("PYENV_ROOT");
      Path root =
          pyenv != null ? Path.of(pyenv) : Path.of(System.getProperty("user.home"), ".pyenv");
      return root.resolve("versions/3.11.7/lib/python3.11");
    }
  }
}
