package io.codeanatomy.job.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code codeanatomy} command. Exit codes: 0 success, 1 failure (one paragraph on stderr), 2
 * usage error.
 */
@Command(
    name = "codeanatomy",
    mixinStandardHelpOptions = true,
    version = "CodeAnatomy 0.1.0",
    description = "Builds and keeps fresh a code property graph of a Python code base.",
    subcommands = {
      BuildCommand.class,
      ExtractCommand.class,
      RunCommand.class,
      PlanCommand.class,
      WatchCommand.class,
      DemoCommand.class,
      BenchCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  public static final int OK = 0;
  public static final int FAILURE = 1;
  public static final int USAGE = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing a subcommand");
  }

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line with the given output streams; returns the exit code. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(
        (failure, commandLine, parseResult) -> {
          boolean verbose =
              parseResult.hasMatchedOption("--verbose")
                  || parseResult.subcommands().stream()
                      .anyMatch(p -> p.hasMatchedOption("--verbose"));
          ErrorReport.print(failure, verbose, commandLine.getErr());
          return failure instanceof UsageException ? USAGE : FAILURE;
        });
    return cli.execute(args);
  }
}
