package io.codeanatomy.source.reader;

import io.codeanatomy.source.split.DeltaFileSplit;
import java.util.Map;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.source.reader.SingleThreadMultiplexSourceReaderBase;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;

/**
 * The source reader: one fetcher thread reads files; the split state counts emitted rows so a
 * checkpoint records exactly how far each file was read.
 */
public final class DeltaSourceReader
    extends SingleThreadMultiplexSourceReaderBase<
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
        new Configuration(),
        context);
  }

  @Override
  public void start() {
    if (getNumberOfCurrentlyAssignedSplits() == 0) {
      context.sendSplitRequest();
    }
  }

  @Override
  protected void onSplitFinished(Map<String, SplitProgress> finished) {
    context.sendSplitRequest();
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
