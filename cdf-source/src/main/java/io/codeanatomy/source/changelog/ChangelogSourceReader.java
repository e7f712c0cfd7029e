package io.codeanatomy.source.changelog;

import io.codeanatomy.source.reader.PositionedRow;
import io.codeanatomy.source.reader.RequestingSourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;

/**
 * The changelog reader: asks for one split at a time and reads it to the end before asking for the
 * next, so rows leave in feed order. The split state holds the file offset after the last emitted
 * row, so a checkpoint records exactly how far the feed was read.
 */
public final class ChangelogSourceReader
    extends RequestingSourceReader<
        PositionedRow, RowData, ChangeSplit, ChangelogSourceReader.SplitProgress> {

  /** Mutable per-split progress, owned by the reader's task thread. */
  public static final class SplitProgress {
    final ChangeSplit split;
    long rowOffset;

    SplitProgress(ChangeSplit split) {
      this.split = split;
      this.rowOffset = split.rowOffset();
    }
  }

  /**
   * @param withFilePath append each row's data or change data file path as a last column
   * @param changesAsRows emit every change as an insert with {@link ChangeColumns} appended
   */
  public ChangelogSourceReader(
      SourceReaderContext context, RowType rowType, boolean withFilePath, boolean changesAsRows) {
    this(
        context,
        rowType,
        withFilePath,
        changesAsRows,
        new ChangelogReaderMetrics(context.metricGroup()));
  }

  private ChangelogSourceReader(
      SourceReaderContext context,
      RowType rowType,
      boolean withFilePath,
      boolean changesAsRows,
      ChangelogReaderMetrics metrics) {
    super(
        () -> new ChangeSplitReader(rowType, withFilePath, changesAsRows),
        (record, output, progress) -> {
          output.collect(record.row());
          progress.rowOffset = record.nextRowOffset();
          metrics.emitted(record.row().getRowKind(), progress.split.commitTimestamp());
        },
        context);
  }

  @Override
  protected SplitProgress initializedState(ChangeSplit split) {
    return new SplitProgress(split);
  }

  @Override
  protected ChangeSplit toSplitType(String splitId, SplitProgress progress) {
    return progress.split.withRowOffset(progress.rowOffset);
  }
}
