package io.codeanatomy.job.run;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** What one engine run did: the input versions it read, each output's new version and rows. */
public record RunSummary(
    Path warehouse, Map<String, Long> inputVersions, List<OutputSummary> outputs, long jobMillis) {

  /** One output table after the run, with its rows counted by {@code kind} when it has one. */
  public record OutputSummary(String name, long version, long rows, Map<String, Long> byKind) {}

  public OutputSummary output(String name) {
    return outputs.stream().filter(o -> o.name().equals(name)).findFirst().orElseThrow();
  }

  /** The lines about inputs and outputs, shared by the build and run commands. */
  void printTables(PrintWriter out) {
    out.printf(
        "  inputs       %s%n",
        inputVersions.entrySet().stream()
            .map(e -> e.getKey() + " v" + e.getValue())
            .collect(Collectors.joining(", ")));
    for (OutputSummary output : outputs) {
      out.printf("  %-12s v%d, %d rows%n", output.name(), output.version(), output.rows());
      output.byKind().forEach((kind, count) -> out.printf("    %-16s %,10d%n", kind, count));
    }
  }

  public void print(PrintWriter out) {
    out.println("CodeAnatomy batch run");
    out.printf("  warehouse    %s%n", warehouse);
    printTables(out);
    out.printf("  wall time    %.1f s%n", jobMillis / 1000.0);
    out.flush();
  }
}
