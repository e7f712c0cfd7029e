package io.codeanatomy.sink.table;

import io.codeanatomy.delta.DeltaException;
import io.codeanatomy.sink.DeltaSink;
import io.codeanatomy.sink.DeltaSinkConfig;
import io.codeanatomy.sink.WriteMode;
import java.util.List;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.connector.sink.SinkV2Provider;
import org.apache.flink.table.connector.sink.abilities.SupportsOverwrite;
import org.apache.flink.table.types.logical.RowType;

/**
 * The planner's view of a Delta table as a sink, executed by a {@link DeltaSink}: insert-only rows
 * (optionally INSERT OVERWRITE), or in {@code sink.mode = upsert} an upsert stream keyed by the
 * table's primary key. The table's schema is checked while planning, so a mismatch fails before the
 * job starts.
 */
public final class DeltaDynamicTableSink implements DynamicTableSink, SupportsOverwrite {
  private final String tablePath;
  private final RowType rowType;
  private final WriteMode mode;
  private final String appId;
  private final long rowsPerFile;
  private final Integer parallelism;
  private final List<String> keyColumns;
  private final String bucketColumn;
  private final int buckets;
  private final boolean replaceOnFirstCommit;
  private boolean overwrite;

  public DeltaDynamicTableSink(
      String tablePath,
      RowType rowType,
      WriteMode mode,
      String appId,
      long rowsPerFile,
      Integer parallelism,
      List<String> keyColumns,
      String bucketColumn,
      int buckets,
      boolean replaceOnFirstCommit) {
    this.tablePath = tablePath;
    this.rowType = rowType;
    this.mode = mode;
    this.appId = appId;
    this.rowsPerFile = rowsPerFile;
    this.parallelism = parallelism;
    this.keyColumns = List.copyOf(keyColumns);
    this.bucketColumn = bucketColumn;
    this.buckets = buckets;
    this.replaceOnFirstCommit = replaceOnFirstCommit;
  }

  /**
   * Upsert mode takes inserts, updates and deletes without {@code UPDATE_BEFORE}: like Flink's JDBC
   * and upsert-kafka sinks, the primary key makes it redundant, and the planner then keeps the
   * stream correct when the query's upsert key differs from the table's (it materializes on the
   * sink key). Writers still treat an {@code UPDATE_BEFORE} they receive as a delete of its key.
   * When rows are bucketed by an owner outside the key, a delete must carry its whole row: its
   * owner says which files hold the key.
   */
  @Override
  public ChangelogMode getChangelogMode(ChangelogMode requestedMode) {
    if (mode != WriteMode.UPSERT) {
      return ChangelogMode.insertOnly();
    }
    boolean ownedOutsideKey = bucketColumn != null && !keyColumns.contains(bucketColumn);
    return ChangelogMode.upsert(!ownedOutsideKey);
  }

  @Override
  public SinkRuntimeProvider getSinkRuntimeProvider(Context context) {
    if (overwrite && mode == WriteMode.UPSERT) {
      throw new DeltaException(
          tablePath,
          "INSERT OVERWRITE cannot write a table in sink.mode = upsert; use sink.mode ="
              + " overwrite for a full rewrite");
    }
    DeltaSinkConfig config =
        new DeltaSinkConfig(
            tablePath,
            rowType,
            overwrite ? WriteMode.OVERWRITE : mode,
            appId,
            rowsPerFile,
            keyColumns,
            bucketColumn,
            buckets,
            replaceOnFirstCommit);
    config.checkTableSchema();
    return SinkV2Provider.of(new DeltaSink(config), parallelism);
  }

  @Override
  public void applyOverwrite(boolean overwrite) {
    this.overwrite = overwrite;
  }

  @Override
  public DynamicTableSink copy() {
    DeltaDynamicTableSink copy =
        new DeltaDynamicTableSink(
            tablePath,
            rowType,
            mode,
            appId,
            rowsPerFile,
            parallelism,
            keyColumns,
            bucketColumn,
            buckets,
            replaceOnFirstCommit);
    copy.overwrite = overwrite;
    return copy;
  }

  @Override
  public String asSummaryString() {
    return "Delta(" + tablePath + ")";
  }
}
