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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;

/**
 * Reads the data files of a snapshot through Kernel's Parquet reader with the projected schema.
 * Skips the rows a restored split says were already emitted.
 */
final class DeltaFileSplitReader extends FileSplitReader<RowData, DeltaFileSplit> {
  private final RowType rowType;
  private final StructType readSchema;
  private final KernelToRowData converter;
  private long toSkip;

  DeltaFileSplitReader(RowType rowType) {
    this.rowType = rowType;
    this.readSchema = FlinkSchemas.toStructType(rowType);
    this.converter = new KernelToRowData(rowType);
  }

  @Override
  protected CloseableIterator<FileReadResult> open(DeltaFileSplit split) throws IOException {
    String file = Path.of(split.tableRoot()).resolve(split.path()).toUri().toString();
    toSkip = split.rowsToSkip();
    try {
      return KernelEngine.shared()
          .getParquetHandler()
          .readParquetFiles(
              Utils.singletonCloseableIterator(
                  FileStatus.of(file, split.size(), split.modificationTime())),
              readSchema,
              Optional.empty());
    } catch (RuntimeException e) {
      throw new DeltaException(
          split.tableRoot(),
          "cannot read data file " + split.path() + " for columns " + rowType + ": " + e,
          e);
    }
  }

  @Override
  protected List<RowData> records(DeltaFileSplit split, ColumnarBatch batch) {
    List<RowData> rows = new ArrayList<>(batch.getSize());
    int start = (int) Math.min(toSkip, batch.getSize());
    toSkip -= start;
    for (int r = start; r < batch.getSize(); r++) {
      rows.add(converter.convert(batch, r));
    }
    return rows;
  }
}
