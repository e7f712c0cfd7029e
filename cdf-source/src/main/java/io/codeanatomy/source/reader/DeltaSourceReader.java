package io.codeanatomy.source.reader;

import io.codeanatomy.source.split.DeltaFileSplit;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;

/**
 * The source reader: one fetcher thread reads files; the split state counts emitted rows so a
 * checkpoint records exactly how far each file was read.
 */
public final class DeltaSourceReader
    extends RequestingSourceReader<
        RowData, RowData, DeltaFileSplit, DeltaSourceReader.SplitProgress> {

  /** Mutable per-split progress, owned by the reader's task thread. */
  public static final class SplitProgress {
    final DeltaFileSplit split;
    long emitted;

    SplitProgress(DeltaFileSplit split) {
      this.split = split;
      this.emitted = split.rowsToSkip();
    }
  }

  public DeltaSourceReader(SourceReaderContext context, RowType rowType) {
    super(
        () -> new DeltaFileSplitReader(rowType),
        (row, output, progress) -> {
          output.collect(row);
          progress.emitted++;
        },
        context);
  }

  @Override
  protected SplitProgress initializedState(DeltaFileSplit split) {
    return new SplitProgress(split);
  }

  @Override
  protected DeltaFileSplit toSplitType(String splitId, SplitProgress progress) {
    return progress.split.withRowsToSkip(progress.emitted);
  }
}
