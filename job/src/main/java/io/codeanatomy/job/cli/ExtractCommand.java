package io.codeanatomy.job.cli;

import io.codeanatomy.extract.ExtractionRun;
import io.codeanatomy.extract.ExtractionRun.TableChange;
import io.codeanatomy.extract.IncrementalExtractor;
import io.codeanatomy.extract.PythonExtractor;
import io.codeanatomy.extract.RepositoryWatcher;
import io.codeanatomy.job.run.Warehouse;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code codeanatomy extract <repo>}: the extraction tables alone, once or watching. */
@Command(
    name = "extract",
    mixinStandardHelpOptions = true,
    description = {
      "Extracts a Python repository into the warehouse's extraction tables (Delta, Change Data"
          + " Feed on). The first run writes every table; later runs compare content hashes,"
          + " re-parse only added, changed and renamed files, and commit per table one version"
          + " holding exactly the rows that changed; a run without changes commits nothing.",
      "With --watch it keeps polling and commits each batch of changes; Ctrl-C stops after the"
          + " commit under way."
    })
final class ExtractCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec command;

  @Mixin RepositoryOptions repository;

  @Option(
      names = "--warehouse",
      paramLabel = "DIR",
      defaultValue = "warehouse",
      description = "Directory of the Delta tables (default: ${DEFAULT-VALUE}).")
  Path warehouse;

  @Option(names = "--watch", description = "Keep polling the repository and commit its changes.")
  boolean watch;

  @Option(names = "--verbose", description = "Print stack traces of failures.")
  boolean verbose;

  @Override
  public Integer call() throws InterruptedException {
    Path repo = repository.repo();
    Path tables = new Warehouse(warehouse).extractDir();
    PythonExtractor extractor = repository.extractor();
    PrintWriter out = command.commandLine().getOut();
    if (!watch) {
      print(new IncrementalExtractor(extractor, tables).sync(repo), out);
      return Main.OK;
    }
    RepositoryWatcher watcher =
        repository.watcher(extractor, new IncrementalExtractor(extractor, tables));
    Thread stopOnCtrlC =
        new Thread(
            () -> {
              try {
                watcher.stop();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "codeanatomy-extract-stop");
    Runtime.getRuntime().addShutdownHook(stopOnCtrlC);
    out.println(repository.watching() + " (Ctrl-C stops)");
    out.flush();
    watcher.run(run -> print(run, out));
    return Main.OK;
  }

  /** One line per run: what changed in the repository and which table versions it made. */
  static void print(ExtractionRun run, PrintWriter out) {
    StringBuilder line = new StringBuilder();
    line.append(run.initial() ? "extracted " + run.changes().added().size() + " files" : "");
    if (!run.initial()) {
      line.append(run.changes().describe());
    }
    long committed = run.tables().values().stream().filter(TableChange::changed).count();
    line.append(String.format(" in %d ms; ", run.millis()));
    if (committed == 0) {
      line.append("nothing to commit");
    } else {
      line.append("committed ");
      StringBuilder tables = new StringBuilder();
      for (Map.Entry<String, TableChange> table : run.tables().entrySet()) {
        TableChange change = table.getValue();
        if (change.changed()) {
          tables.append(tables.isEmpty() ? "" : ", ");
          tables.append(
              String.format(
                  "%s v%d (+%d ~%d -%d)",
                  table.getKey(),
                  change.version().get(),
                  change.inserted(),
                  change.updated(),
                  change.deleted()));
        }
      }
      line.append(tables);
    }
    out.println(line);
    out.flush();
  }
}
