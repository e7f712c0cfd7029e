package io.codeanatomy.source;

import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.TableFile;
import io.codeanatomy.source.enumerate.StaticSplitEnumerator;
import io.codeanatomy.source.reader.DeltaSourceReader;
import io.codeanatomy.source.reader.FilePathColumn;
import io.codeanatomy.source.skipping.FilePredicate;
import io.codeanatomy.source.skipping.FileSelection;
import io.codeanatomy.source.split.DeltaFileSplit;
import io.codeanatomy.source.split.DeltaFileSplitSerializer;
import io.codeanatomy.source.split.PendingSplits;
import io.codeanatomy.source.split.PendingSplitsSerializer;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.RowType;

/**
 * A bounded source of every row of one Delta table version, insert-only. The version is fixed when
 * the source is built, so every reader of a job sees the same snapshot and the run can record it.
 * Each data file is a split; rows its deletion vector deletes are skipped. A pushed-down filter
 * skips files by their Delta statistics and, in the files read, Parquet row groups by their footer
 * statistics.
 */
public final class DeltaSnapshotSource
    implements Source<RowData, DeltaFileSplit, PendingSplits>, ResultTypeQueryable<RowData> {
  private final String tableRoot;
  private final long version;
  private final RowType rowType;
  private final FilePredicate filter;
  private final long limit;
  private final boolean withFilePath;

  /**
   * @param rowType the columns to read, a subset of the table's, in the order to emit them
   */
  public DeltaSnapshotSource(Path tableRoot, long version, RowType rowType) {
    this(tableRoot, version, rowType, null, -1, false);
  }

  /**
   * A source that skips files: those whose statistics rule out {@code filter} (null: none) and
   * those past the first files that hold {@code limit} rows (negative: no limit); in the files it
   * reads, it skips the row groups whose statistics rule out {@code filter}. Rows of the row groups
   * read are not filtered; the query's own filter and limit still apply downstream. With {@code
   * withFilePath}, each row gets its data file's path as a last column ({@link FilePathColumn}).
   */
  public DeltaSnapshotSource(
      Path tableRoot,
      long version,
      RowType rowType,
      FilePredicate filter,
      long limit,
      boolean withFilePath) {
    this.tableRoot = tableRoot.toAbsolutePath().normalize().toString();
    this.version = version;
    this.rowType = rowType;
    this.filter = filter;
    this.limit = limit;
    this.withFilePath = withFilePath;
  }

  public long version() {
    return version;
  }

  @Override
  public Boundedness getBoundedness() {
    return Boundedness.BOUNDED;
  }

  @Override
  public SourceReader<RowData, DeltaFileSplit> createReader(SourceReaderContext context) {
    return new DeltaSourceReader(context, rowType, withFilePath, filter);
  }

  @Override
  public TypeInformation<RowData> getProducedType() {
    return InternalTypeInfo.of(FilePathColumn.producedType(rowType, withFilePath));
  }

  @Override
  public SplitEnumerator<DeltaFileSplit, PendingSplits> createEnumerator(
      SplitEnumeratorContext<DeltaFileSplit> context) {
    DeltaTable table = DeltaTable.forPath(Path.of(tableRoot));
    List<DeltaFileSplit> splits =
        FileSelection.select(table.files(table.snapshotAt(version)), filter, limit).stream()
            .map(this::toSplit)
            .toList();
    return new StaticSplitEnumerator(context, splits);
  }

  @Override
  public SplitEnumerator<DeltaFileSplit, PendingSplits> restoreEnumerator(
      SplitEnumeratorContext<DeltaFileSplit> context, PendingSplits checkpoint) {
    return new StaticSplitEnumerator(context, checkpoint.splits());
  }

  @Override
  public SimpleVersionedSerializer<DeltaFileSplit> getSplitSerializer() {
    return DeltaFileSplitSerializer.INSTANCE;
  }

  @Override
  public SimpleVersionedSerializer<PendingSplits> getEnumeratorCheckpointSerializer() {
    return PendingSplitsSerializer.INSTANCE;
  }

  private DeltaFileSplit toSplit(TableFile file) {
    return new DeltaFileSplit(
        tableRoot,
        version,
        file.path(),
        file.size(),
        file.modificationTime(),
        file.deletionVector(),
        0);
  }
}
