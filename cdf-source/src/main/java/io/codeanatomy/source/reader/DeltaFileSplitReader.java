package io.codeanatomy.source.reader;

import io.codeanatomy.delta.DeltaException;
import io.codeanatomy.delta.KernelEngine;
import io.codeanatomy.delta.schema.FlinkSchemas;
import io.codeanatomy.source.split.DeltaFileSplit;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.internal.util.Utils;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;

/**
 * Reads the assigned data files one after another, one Parquet batch per {@link #fetch()}, through
 * Kernel's Parquet reader with the projected schema. Skips the rows a restored split says were
 * already emitted.
 */
final class DeltaFileSplitReader implements SplitReader<RowData, DeltaFileSplit> {
  private final RowType rowType;
  private final StructType readSchema;
  private final KernelToRowData converter;
  private final Queue<DeltaFileSplit> splits = new ArrayDeque<>();

  private DeltaFileSplit current;
  private CloseableIterator<FileReadResult> batches;
  private long toSkip;

  DeltaFileSplitReader(RowType rowType) {
    this.rowType = rowType;
    this.readSchema = FlinkSchemas.toStructType(rowType);
    this.converter = new KernelToRowData(rowType);
  }

  @Override
  public RecordsWithSplitIds<RowData> fetch() throws IOException {
    if (current == null && !openNext()) {
      return new RecordsBySplits<>(Map.of(), Set.of());
    }
    if (!batches.hasNext()) {
      String finished = current.splitId();
      closeCurrent();
      return new RecordsBySplits<>(Map.of(), Set.of(finished));
    }
    ColumnarBatch batch = batches.next().getData();
    List<RowData> rows = new ArrayList<>(batch.getSize());
    int start = (int) Math.min(toSkip, batch.getSize());
    toSkip -= start;
    for (int r = start; r < batch.getSize(); r++) {
      rows.add(converter.convert(batch, r));
    }
    return new RecordsBySplits<>(Map.of(current.splitId(), rows), Set.of());
  }

  private boolean openNext() throws IOException {
    current = splits.poll();
    if (current == null) {
      return false;
    }
    String file = Path.of(current.tableRoot()).resolve(current.path()).toUri().toString();
    try {
      batches =
          KernelEngine.shared()
              .getParquetHandler()
              .readParquetFiles(
                  Utils.singletonCloseableIterator(
                      FileStatus.of(file, current.size(), current.modificationTime())),
                  readSchema,
                  Optional.empty());
    } catch (RuntimeException e) {
      throw new DeltaException(
          current.tableRoot(),
          "cannot read data file " + current.path() + " for columns " + rowType + ": " + e,
          e);
    }
    toSkip = current.rowsToSkip();
    return true;
  }

  private void closeCurrent() throws IOException {
    if (batches != null) {
      batches.close();
    }
    batches = null;
    current = null;
  }

  @Override
  public void handleSplitsChanges(SplitsChange<DeltaFileSplit> change) {
    if (!(change instanceof SplitsAddition)) {
      throw new UnsupportedOperationException("unsupported split change " + change);
    }
    splits.addAll(change.splits());
  }

  @Override
  public void wakeUp() {
    // fetch() never blocks: it reads at most one batch.
  }

  @Override
  public void close() throws Exception {
    closeCurrent();
  }
}
