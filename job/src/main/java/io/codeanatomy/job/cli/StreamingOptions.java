package io.codeanatomy.job.cli;

import io.codeanatomy.job.run.RuntimeProfile;
import io.codeanatomy.job.run.StreamingJob;
import io.codeanatomy.job.run.StreamingRun;
import io.codeanatomy.job.run.Warehouse;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How a continuous job runs, shared by {@code watch} and {@code run --mode streaming}. */
final class StreamingOptions {
  @Option(
      names = "--profile",
      paramLabel = "NAME",
      description =
          "Runtime profile: small (state on the heap, a commit every second; the default) or"
              + " large (RocksDB state, a commit every 5 s).")
  String profile;

  @Option(
      names = "--checkpoint-interval",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "How often the job checkpoints and commits the CPG (default: the profile's).")
  Duration checkpointInterval;

  @Option(
      names = "--resume",
      description =
          "Resume from the savepoint the last stopped job left in the warehouse instead of"
              + " starting from the tables' snapshots.")
  boolean resume;

  @Option(
      names = "--parallelism",
      paramLabel = "N",
      description = "Tasks per operator (default: one per core).")
  Integer parallelism;

  @Option(
      names = "--flink-conf",
      paramLabel = "KEY=VALUE",
      description =
          "Flink configuration applied over the profile's, e.g."
              + " restart-strategy.fixed-delay.attempts=3 (repeatable).")
  java.util.Map<String, String> flinkConfig = new java.util.LinkedHashMap<>();

  /** The run options these flags ask for; fails when --resume finds no savepoint. */
  StreamingRun.Options toOptions(Warehouse warehouse) {
    return toOptions(warehouse, RuntimeProfile.SMALL);
  }

  /** The same, with {@code fallback} when no --profile is given. */
  StreamingRun.Options toOptions(Warehouse warehouse, RuntimeProfile fallback) {
    StreamingRun.Options options =
        StreamingRun.Options.of(profile == null ? fallback : RuntimeProfile.named(profile));
    if (checkpointInterval != null) {
      options = options.withCheckpointInterval(checkpointInterval);
    }
    if (parallelism != null) {
      if (parallelism < 1) {
        throw new UsageException("--parallelism must be at least 1, not " + parallelism);
      }
      options = options.withParallelism(parallelism);
    }
    options = options.withFlinkConfig(flinkConfig);
    if (resume) {
      Path savepoint =
          StreamingJob.lastSavepoint(warehouse)
              .orElseThrow(
                  () ->
                      new UsageException(
                          "--resume: no stopped job left a savepoint in "
                              + warehouse.root()
                              + "; start without --resume"));
      options = options.resumingFrom(savepoint);
    }
    return options;
  }
}
