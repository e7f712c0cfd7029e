package io.codeanatomy.job.run;

import io.codeanatomy.delta.DeltaTable;
import java.time.Duration;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.TableDescriptor;

/** Table descriptors of {@code 'connector'='delta'} for the ways the engine reads and writes. */
final class DeltaDescriptors {
  private DeltaDescriptors() {}

  /** Reads {@code table} at {@code version}, with the declared columns. */
  static TableDescriptor snapshot(DeltaTable table, long version, Schema schema) {
    return TableDescriptor.forConnector("delta")
        .schema(schema)
        .option("path", table.path())
        .option("starting-version", Long.toString(version))
        .build();
  }

  /**
   * The change feed of {@code table} as insert-only rows from {@code start} to {@code end}
   * (inclusive; null: continuous), each version given as a number or a timestamp text.
   */
  static TableDescriptor changes(
      DeltaTable table, ChangeBound start, ChangeBound end, Duration pollInterval, Schema schema) {
    TableDescriptor.Builder b =
        TableDescriptor.forConnector("delta")
            .schema(schema)
            .option("path", table.path())
            .option("mode", "changes")
            .option("poll-interval", pollInterval.toMillis() + " ms");
    start.apply(b, "starting");
    if (end != null) {
      end.apply(b, "ending");
    }
    return b.build();
  }

  /** Where a change feed starts or ends: a version, or a commit time (ISO-8601). */
  record ChangeBound(Long version, String timestamp) {
    void apply(TableDescriptor.Builder b, String side) {
      if (version != null) {
        b.option(side + "-version", Long.toString(version));
      } else {
        b.option(side + "-timestamp", timestamp);
      }
    }
  }

  /** {@code mode} ({@code metadata} or {@code files}) of {@code table} at {@code version}. */
  static TableDescriptor description(DeltaTable table, String mode, long version, Schema schema) {
    return TableDescriptor.forConnector("delta")
        .schema(schema)
        .option("path", table.path())
        .option("mode", mode)
        .option("starting-version", Long.toString(version))
        .build();
  }

  /** Replaces the content of {@code table} with the run's rows, as one Delta version. */
  static TableDescriptor overwrite(DeltaTable table, Schema schema) {
    return TableDescriptor.forConnector("delta")
        .schema(schema)
        .option("path", table.path())
        .option("sink.mode", "overwrite")
        .build();
  }

  /**
   * The snapshot of {@code table} at {@code version} as inserts, then each later version's changes,
   * polling for new versions without end.
   */
  static TableDescriptor changelog(
      DeltaTable table, long version, Duration pollInterval, Schema schema) {
    return TableDescriptor.forConnector("delta")
        .schema(schema)
        .option("path", table.path())
        .option("mode", "changelog")
        .option("starting-version", Long.toString(version))
        .option("poll-interval", pollInterval.toMillis() + " ms")
        .build();
  }

  /**
   * Applies the run's changes to {@code table} by its primary key, one version per checkpoint.
   *
   * @param replaceOnFirstCommit a fresh start: the first commit leaves exactly the rows it upserts
   */
  static TableDescriptor upsert(
      DeltaTable table,
      Schema schema,
      String appId,
      boolean replaceOnFirstCommit,
      String bucketColumn,
      int buckets) {
    return TableDescriptor.forConnector("delta")
        .schema(schema)
        .option("path", table.path())
        .option("sink.mode", "upsert")
        .option("sink.app-id", appId)
        .option("sink.upsert.replace-on-first-commit", Boolean.toString(replaceOnFirstCommit))
        .option("sink.bucket-column", bucketColumn)
        .option("sink.buckets", Integer.toString(buckets))
        .build();
  }
}
