package io.codeanatomy.source.reader;

import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.utils.CloseableIterator;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;

/**
 * Reads assigned file splits strictly one after another, one Parquet batch per {@link #fetch()}, so
 * records leave in split order and {@code fetch()} never blocks. Subclasses say how to open a
 * split's file and how a batch becomes records.
 *
 * @param <E> the record type handed to the emitter
 * @param <S> the split type
 */
public abstract class FileSplitReader<E, S extends SourceSplit> implements SplitReader<E, S> {
  private final Queue<S> splits = new ArrayDeque<>();
  private S current;
  private CloseableIterator<FileReadResult> batches;

  /** Opens the file of {@code split}; called once per split, before its first batch. */
  protected abstract CloseableIterator<FileReadResult> open(S split) throws IOException;

  /** The records of one batch of {@code split}'s file, in row order. */
  protected abstract List<E> records(S split, ColumnarBatch batch);

  /**
   * Records held back by {@link #records} until the end of {@code split}'s file; none by default.
   */
  protected List<E> finish(S split) {
    return List.of();
  }

  @Override
  public final RecordsWithSplitIds<E> fetch() throws IOException {
    if (current == null) {
      current = splits.poll();
      if (current == null) {
        return new RecordsBySplits<>(Map.of(), Set.of());
      }
      batches = open(current);
    }
    if (!batches.hasNext()) {
      String finished = current.splitId();
      List<E> last = finish(current);
      closeCurrent();
      return new RecordsBySplits<>(
          last.isEmpty() ? Map.of() : Map.of(finished, last), Set.of(finished));
    }
    ColumnarBatch batch = batches.next().getData();
    return new RecordsBySplits<>(Map.of(current.splitId(), records(current, batch)), Set.of());
  }

  @Override
  public final void handleSplitsChanges(SplitsChange<S> change) {
    if (!(change instanceof SplitsAddition)) {
      throw new UnsupportedOperationException("unsupported split change " + change);
    }
    splits.addAll(change.splits());
  }

  @Override
  public final void wakeUp() {
    // fetch() never blocks: it reads at most one batch.
  }

  @Override
  public final void close() throws Exception {
    closeCurrent();
  }

  private void closeCurrent() throws IOException {
    if (batches != null) {
      batches.close();
    }
    batches = null;
    current = null;
  }
}
