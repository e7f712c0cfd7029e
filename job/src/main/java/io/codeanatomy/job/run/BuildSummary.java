package io.codeanatomy.job.run;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * What a build did, for people: files parsed and failed, then the engine run (versions read and
 * written, rows by kind), and where the time went.
 */
public record BuildSummary(
    Path repo,
    int files,
    List<String> failedFiles,
    String extraction,
    long extractMillis,
    RunSummary run,
    long totalMillis) {

  public void print(PrintWriter out) {
    out.println("CodeAnatomy build of " + repo.toAbsolutePath().normalize());
    out.printf("  warehouse    %s%n", run.warehouse());
    out.printf(
        "  files        %d (%d parsed, %d failed%s)%n",
        files,
        files - failedFiles.size(),
        failedFiles.size(),
        failedFiles.isEmpty() ? "" : ": " + String.join(", ", failedFiles));
    out.printf("  extraction   %s%n", extraction);
    run.printTables(out);
    out.printf(
        "  wall time    %.1f s (extract %.1f s, batch job %.1f s)%n",
        totalMillis / 1000.0, extractMillis / 1000.0, run.jobMillis() / 1000.0);
    out.flush();
  }
}
