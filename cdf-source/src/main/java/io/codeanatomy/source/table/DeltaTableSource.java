package io.codeanatomy.source.table;

import io.codeanatomy.source.DeltaSnapshotSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.connector.source.ScanTableSource;
import org.apache.flink.table.connector.source.SourceProvider;
import org.apache.flink.table.connector.source.abilities.SupportsProjectionPushDown;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.RowType;

/** A Delta table version as a bounded, insert-only scan; reads only the columns the query uses. */
final class DeltaTableSource implements ScanTableSource, SupportsProjectionPushDown {
  private final Path root;
  private final long version;
  private RowType rowType;

  DeltaTableSource(Path root, long version, RowType rowType) {
    this.root = root;
    this.version = version;
    this.rowType = rowType;
  }

  @Override
  public ChangelogMode getChangelogMode() {
    return ChangelogMode.insertOnly();
  }

  @Override
  public ScanRuntimeProvider getScanRuntimeProvider(ScanContext context) {
    return SourceProvider.of(new DeltaSnapshotSource(root, version, rowType));
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
    return new DeltaTableSource(root, version, rowType);
  }

  @Override
  public String asSummaryString() {
    return "Delta(" + root.getFileName() + "@v" + version + ", " + rowType.getFieldNames() + ")";
  }
}
