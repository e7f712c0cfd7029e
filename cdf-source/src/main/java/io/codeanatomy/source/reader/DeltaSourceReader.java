package io.codeanatomy.source.reader;

import io.codeanatomy.source.skipping.FilePredicate;
import io.codeanatomy.source.split.DeltaFileSplit;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;

/**
 * The source reader: one fetcher thread reads files; the split state holds the file offset after
 * the last emitted row, so a checkpoint records exactly how far each file was read.
 */
public final class DeltaSourceReader
    extends RequestingSourceReader<
        PositionedRow, RowData, DeltaFileSplit, DeltaSourceReader.SplitProgress> {

  /** Mutable per-split progress, owned by the reader's task thread. */
  public static final class SplitProgress {
    final DeltaFileSplit split;
    long rowOffset;

    SplitProgress(DeltaFileSplit split) {
      this.split = split;
      this.rowOffset = split.rowOffset();
    }
  }

  /**
   * @param withFilePath append each row's data file path as a last column
   * @param filter the pushed-down filter whose row-group statistics skip row groups, or null
   */
  public DeltaSourceReader(
      SourceReaderContext context, RowType rowType, boolean withFilePath, FilePredicate filter) {
    this(context, rowType, withFilePath, filter, new SnapshotReaderMetrics(context.metricGroup()));
  }

  private DeltaSourceReader(
      SourceReaderContext context,
      RowType rowType,
      boolean withFilePath,
      FilePredicate filter,
      SnapshotReaderMetrics metrics) {
    super(
        () -> new DeltaFileSplitReader(rowType, withFilePath, filter, metrics),
        (record, output, progress) -> {
          output.collect(record.row());
          progress.rowOffset = record.nextRowOffset();
        },
        context);
  }

  @Override
  protected SplitProgress initializedState(DeltaFileSplit split) {
    return new SplitProgress(split);
  }

  @Override
  protected DeltaFileSplit toSplitType(String splitId, SplitProgress progress) {
    return progress.split.withRowOffset(progress.rowOffset);
  }
}
