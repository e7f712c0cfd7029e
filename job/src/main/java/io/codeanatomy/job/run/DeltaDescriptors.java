package io.codeanatomy.job.run;

import io.codeanatomy.delta.DeltaTable;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.TableDescriptor;

/** Table descriptors of {@code 'connector'='delta'} for the two ways a batch build uses tables. */
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

  /** Replaces the content of {@code table} with the run's rows, as one Delta version. */
  static TableDescriptor overwrite(DeltaTable table, Schema schema) {
    return TableDescriptor.forConnector("delta")
        .schema(schema)
        .option("path", table.path())
        .option("sink.mode", "overwrite")
        .build();
  }
}
