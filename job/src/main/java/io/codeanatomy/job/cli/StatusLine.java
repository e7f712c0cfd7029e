package io.codeanatomy.job.cli;

import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.job.run.ContinuousCpg;
import io.codeanatomy.job.run.StreamingJob;
import io.codeanatomy.job.run.Warehouse;
import io.codeanatomy.spec.InputSpec;
import io.codeanatomy.spec.OutputSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The one-line status of a continuous job: the newest input and CPG versions, how far the CPG lags
 * behind the newest extraction commit, and the size of the job's last retained checkpoint.
 */
final class StatusLine {
  private final Warehouse warehouse;
  private final ContinuousCpg cpg;

  StatusLine(Warehouse warehouse, ContinuousCpg cpg) {
    this.warehouse = warehouse;
    this.cpg = cpg;
  }

  String render() {
    StreamingJob job = cpg.job();
    long newestInput = Long.MIN_VALUE;
    long inputVersions = 0;
    for (InputSpec input : job.spec().inputs()) {
      DeltaTable table = warehouse.extractTable(input.name());
      inputVersions += table.latestVersion();
      newestInput = Math.max(newestInput, commitMillis(table));
    }
    List<String> outputs = new ArrayList<>();
    long newestOutput = Long.MIN_VALUE;
    for (OutputSpec output : job.spec().outputs()) {
      DeltaTable table = warehouse.cpgTable(output.name());
      if (table.exists()) {
        outputs.add(output.name() + " v" + table.latestVersion());
        newestOutput = Math.max(newestOutput, commitMillis(table));
      } else {
        outputs.add(output.name() + " -");
      }
    }
    double lag =
        newestInput > newestOutput ? (System.currentTimeMillis() - newestInput) / 1000.0 : 0.0;
    return String.format(
        "%s | inputs Σv%d | %s | lag %.1f s | state %s",
        job.status(),
        inputVersions,
        String.join(" ", outputs),
        lag,
        megabytes(checkpointBytes(job)));
  }

  private static long commitMillis(DeltaTable table) {
    return table.commitMillis(table.latestVersion());
  }

  /** Bytes of the running job's checkpoint directory: its state, as last snapshotted. */
  private long checkpointBytes(StreamingJob job) {
    Path dir = warehouse.checkpointsDir().resolve(job.jobId().toHexString());
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(StatusLine::size).sum();
    } catch (IOException | java.io.UncheckedIOException e) {
      return 0; // checkpoints come and go while we walk
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0;
    }
  }

  private static String megabytes(long bytes) {
    return String.format("%.1f MB", bytes / 1_048_576.0);
  }
}
