package io.codeanatomy.source.table;

import io.codeanatomy.source.DeltaChangelogSource;
import io.codeanatomy.source.DeltaChangelogSource.StartupMode;
import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.DescribedEnum;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.description.InlineElement;
import org.apache.flink.configuration.description.TextElement;

/** Options of the {@code 'connector'='delta'} table source. */
public final class DeltaSourceOptions {
  private DeltaSourceOptions() {}

  /** What the source reads. */
  public enum Mode implements DescribedEnum {
    SNAPSHOT("snapshot", "Every row of one table version: insert-only and bounded."),
    CHANGELOG(
        "changelog",
        "The Change Data Feed as a changelog (+I/-U/+U/-D), bounded by 'ending-version' or"
            + " continuous. Read at parallelism 1 so changes to a key stay in order."),
    CHANGES(
        "changes",
        "The Change Data Feed as insert-only rows: each change is a row of the table's columns"
            + " followed by _change_type, _commit_version and _commit_timestamp, which the schema"
            + " declares as its last three columns. Bounded by 'ending-version' or"
            + " 'ending-timestamp', otherwise continuous."),
    METADATA(
        "metadata",
        "One row describing the table version: version, commit_timestamp, table_id, num_files,"
            + " size_bytes, num_records, schema_json, partition_columns, properties,"
            + " min_reader_version, min_writer_version, reader_features, writer_features."),
    FILES(
        "files",
        "One row per data file of the table version: path, size_bytes, modification_time,"
            + " num_records, live_records, deleted_records, min_values, max_values, null_counts,"
            + " bucket, bucket_count.");

    private final String value;
    private final String description;

    Mode(String value, String description) {
      this.value = value;
      this.description = description;
    }

    @Override
    public String toString() {
      return value;
    }

    @Override
    public InlineElement getDescription() {
      return TextElement.text(description);
    }
  }

  public static final ConfigOption<String> PATH =
      ConfigOptions.key("path")
          .stringType()
          .noDefaultValue()
          .withDescription("Root directory of the Delta table (local file system).");

  public static final ConfigOption<Mode> MODE =
      ConfigOptions.key("mode")
          .enumType(Mode.class)
          .defaultValue(Mode.SNAPSHOT)
          .withDescription("What the source reads.");

  public static final ConfigOption<Long> STARTING_VERSION =
      ConfigOptions.key("starting-version")
          .longType()
          .noDefaultValue()
          .withDescription(
              "Snapshot, metadata and files modes: the version to read. Changelog and changes"
                  + " modes: the first version read (the"
                  + " snapshot's with 'snapshot-then-changes', the first version whose changes are"
                  + " read with 'changes-only'). Default: the latest version when the query is"
                  + " planned (changes-only: the version after it). Pin it to make a job"
                  + " reproducible.");

  public static final ConfigOption<String> STARTING_TIMESTAMP =
      ConfigOptions.key("starting-timestamp")
          .stringType()
          .noDefaultValue()
          .withDescription(
              "Changelog mode: start at the first version committed at or after this instant"
                  + " (ISO-8601 such as 2026-01-31T12:00:00Z, or milliseconds since the epoch)."
                  + " Exclusive with 'starting-version'.");

  public static final ConfigOption<Long> ENDING_VERSION =
      ConfigOptions.key("ending-version")
          .longType()
          .noDefaultValue()
          .withDescription(
              "Changelog mode: the last version to read (inclusive); the source is then bounded"
                  + " and waits for the table to reach it. Without it the source is continuous.");

  public static final ConfigOption<String> ENDING_TIMESTAMP =
      ConfigOptions.key("ending-timestamp")
          .stringType()
          .noDefaultValue()
          .withDescription(
              "Changelog and changes modes: the last version read is the last committed at or"
                  + " before this instant (ISO-8601 or epoch milliseconds); the source is then"
                  + " bounded. Exclusive with 'ending-version'.");

  public static final ConfigOption<Duration> POLL_INTERVAL =
      ConfigOptions.key("poll-interval")
          .durationType()
          .defaultValue(Duration.ofSeconds(1))
          .withDescription("Changelog mode: how often the table's log is polled for new versions.");

  public static final ConfigOption<MemorySize> SCAN_BACKLOG_THRESHOLD =
      ConfigOptions.key("scan.backlog-threshold")
          .memoryType()
          .defaultValue(DeltaChangelogSource.DEFAULT_BACKLOG_THRESHOLD)
          .withDescription(
              "Changelog mode: the source reports that it is processing backlog (FLIP-309) while"
                  + " it reads a starting snapshot, and while the files of the changes it has"
                  + " found but not yet read add up to at least this size. With"
                  + " 'execution.checkpointing.interval-during-backlog' a job then checkpoints"
                  + " rarely or not at all until it has caught up.");

  public static final ConfigOption<StartupMode> SCAN_STARTUP_MODE =
      ConfigOptions.key("scan.startup.mode")
          .enumType(StartupMode.class)
          .defaultValue(StartupMode.SNAPSHOT_THEN_CHANGES)
          .withDescription("Changelog mode: where the changelog starts.");
}
