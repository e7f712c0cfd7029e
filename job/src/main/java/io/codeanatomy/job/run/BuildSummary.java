package io.codeanatomy.job.run;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a build did, for people: files parsed and failed, the versions of every table it read and
 * wrote, row counts by kind, and where the time went.
 */
public record BuildSummary(
    Path repo,
    Path warehouse,
    int files,
    List<String> failedFiles,
    Map<String, Long> extractionVersions,
    List<OutputSummary> outputs,
    long extractMillis,
    long jobMillis,
    long totalMillis) {

  /** One output table after the build. */
  public record OutputSummary(String name, long version, long rows, Map<String, Long> byKind) {}

  public OutputSummary output(String name) {
    return outputs.stream().filter(o -> o.name().equals(name)).findFirst().orElseThrow();
  }

  public void print(PrintWriter out) {
    out.println("CodeAnatomy build of " + repo.toAbsolutePath().normalize());
    out.printf("  warehouse    %s%n", warehouse);
    out.printf(
        "  files        %d (%d parsed, %d failed%s)%n",
        files,
        files - failedFiles.size(),
        failedFiles.size(),
        failedFiles.isEmpty() ? "" : ": " + String.join(", ", failedFiles));
    out.printf(
        "  inputs       %s%n",
        extractionVersions.entrySet().stream()
            .map(e -> e.getKey() + " v" + e.getValue())
            .collect(Collectors.joining(", ")));
    for (OutputSummary output : outputs) {
      out.printf("  %-12s v%d, %d rows%n", output.name(), output.version(), output.rows());
      output.byKind().forEach((kind, count) -> out.printf("    %-16s %,10d%n", kind, count));
    }
    out.printf(
        "  wall time    %.1f s (extract %.1f s, batch job %.1f s)%n",
        totalMillis / 1000.0, extractMillis / 1000.0, jobMillis / 1000.0);
    out.flush();
  }
}
