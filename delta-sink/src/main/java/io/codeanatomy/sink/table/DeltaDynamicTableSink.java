package io.codeanatomy.sink.table;

import io.codeanatomy.sink.DeltaSink;
import io.codeanatomy.sink.DeltaSinkConfig;
import io.codeanatomy.sink.WriteMode;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.connector.sink.SinkV2Provider;
import org.apache.flink.table.connector.sink.abilities.SupportsOverwrite;
import org.apache.flink.table.types.logical.RowType;

/**
 * The planner's view of a Delta table as a sink: insert-only rows, optionally INSERT OVERWRITE,
 * executed by a {@link DeltaSink}. The table's schema is checked while planning, so a mismatch
 * fails before the job starts.
 */
public final class DeltaDynamicTableSink implements DynamicTableSink, SupportsOverwrite {
  private final String tablePath;
  private final RowType rowType;
  private final WriteMode mode;
  private final String appId;
  private final long rowsPerFile;
  private final Integer parallelism;
  private boolean overwrite;

  public DeltaDynamicTableSink(
      String tablePath,
      RowType rowType,
      WriteMode mode,
      String appId,
      long rowsPerFile,
      Integer parallelism) {
    this.tablePath = tablePath;
    this.rowType = rowType;
    this.mode = mode;
    this.appId = appId;
    this.rowsPerFile = rowsPerFile;
    this.parallelism = parallelism;
  }

  @Override
  public ChangelogMode getChangelogMode(ChangelogMode requestedMode) {
    return ChangelogMode.insertOnly();
  }

  @Override
  public SinkRuntimeProvider getSinkRuntimeProvider(Context context) {
    DeltaSinkConfig config =
        new DeltaSinkConfig(
            tablePath, rowType, overwrite ? WriteMode.OVERWRITE : mode, appId, rowsPerFile);
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
        new DeltaDynamicTableSink(tablePath, rowType, mode, appId, rowsPerFile, parallelism);
    copy.overwrite = overwrite;
    return copy;
  }

  @Override
  public String asSummaryString() {
    return "Delta(" + tablePath + ")";
  }
}
