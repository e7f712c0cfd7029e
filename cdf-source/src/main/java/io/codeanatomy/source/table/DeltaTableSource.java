package io.codeanatomy.source.table;

import io.codeanatomy.source.DeltaChangelogSource;
import io.codeanatomy.source.DeltaSnapshotSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.connector.source.ScanTableSource;
import org.apache.flink.table.connector.source.SourceProvider;
import org.apache.flink.table.connector.source.abilities.SupportsProjectionPushDown;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.RowType;

/**
 * A Delta table as a scan: one version, bounded and insert-only, or its change feed as a changelog
 * of every row kind. Reads only the columns the query uses.
 */
final class DeltaTableSource implements ScanTableSource, SupportsProjectionPushDown {
  /**
   * How the change feed is read; the starting version is resolved when the query is planned.
   *
   * @param endingVersion inclusive, or null for a continuous feed
   */
  record Changelog(
      DeltaChangelogSource.StartupMode startup, Long endingVersion, Duration pollInterval) {}

  private final Path root;
  private final long version;
  private final Changelog changelog; // null in snapshot mode
  private RowType rowType;

  DeltaTableSource(Path root, long version, RowType rowType, Changelog changelog) {
    this.root = root;
    this.version = version;
    this.rowType = rowType;
    this.changelog = changelog;
  }

  @Override
  public ChangelogMode getChangelogMode() {
    return changelog == null ? ChangelogMode.insertOnly() : ChangelogMode.all();
  }

  @Override
  public ScanRuntimeProvider getScanRuntimeProvider(ScanContext context) {
    if (changelog == null) {
      return SourceProvider.of(new DeltaSnapshotSource(root, version, rowType));
    }
    DeltaChangelogSource.Builder source =
        DeltaChangelogSource.builder(root, rowType)
            .startup(changelog.startup())
            .startingVersion(version)
            .pollInterval(changelog.pollInterval());
    if (changelog.endingVersion() != null) {
      source.endingVersion(changelog.endingVersion());
    }
    // Only subtask 0 reads (see DeltaChangelogSource). The source's parallelism is left to the
    // planner: it refuses a fixed parallelism for a changelog source without a primary key.
    return SourceProvider.of(source.build());
  }

  @Override
  public boolean supportsNestedProjection() {
    return false;
  }

  @Override
  public void applyProjection(int[][] projectedFields, DataType producedDataType) {
    List<RowType.RowField> fields = new ArrayList<>();
    for (int[] path : projectedFields) {
      fields.add(rowType.getFields().get(path[0]));
    }
    rowType = new RowType(false, fields);
  }

  @Override
  public DynamicTableSource copy() {
    return new DeltaTableSource(root, version, rowType, changelog);
  }

  @Override
  public String asSummaryString() {
    if (changelog == null) {
      return "Delta(" + root.getFileName() + "@v" + version + ", " + rowType.getFieldNames() + ")";
    }
    return "DeltaChangelog("
        + root.getFileName()
        + " from v"
        + version
        + (changelog.endingVersion() == null ? "" : " to v" + changelog.endingVersion())
        + ", "
        + changelog.startup()
        + ", "
        + rowType.getFieldNames()
        + ")";
  }
}
