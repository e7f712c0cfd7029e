package io.codeanatomy.source.reader;

import io.codeanatomy.delta.DeltaException;
import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.KernelEngine;
import io.codeanatomy.delta.read.DataFileReader;
import io.codeanatomy.delta.read.FileRows;
import io.codeanatomy.delta.schema.FlinkSchemas;
import io.codeanatomy.source.split.DeltaFileSplit;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.internal.util.Utils;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongPredicate;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.logical.RowType;

/**
 * Reads the data files of a snapshot through Kernel's Parquet reader with the projected schema,
 * skipping the rows the file's deletion vector deletes and the rows a restored split already
 * consumed. No predicate is pushed into the Parquet read, so rows arrive in file order and the
 * running count is each row's index, which is what deletion vectors address.
 */
final class DeltaFileSplitReader extends FileSplitReader<PositionedRow, DeltaFileSplit> {
  private final RowType rowType;
  private final StructType readSchema;
  private final KernelToRowData converter;
  private final boolean withFilePath;
  private long position;
  private LongPredicate selected;
  private StringData filePath;

  DeltaFileSplitReader(RowType rowType, boolean withFilePath) {
    this.rowType = rowType;
    this.readSchema = FlinkSchemas.toStructType(rowType);
    this.converter = new KernelToRowData(rowType);
    this.withFilePath = withFilePath;
  }

  @Override
  protected CloseableIterator<FileReadResult> open(DeltaFileSplit split) throws IOException {
    Path file =
        DataFileReader.resolve(DeltaTable.forPath(Path.of(split.tableRoot())), split.path());
    if (!Files.exists(file)) {
      throw new DeltaException(
          split.tableRoot(),
          "version "
              + split.version()
              + " needs data file "
              + split.path()
              + ", which no longer exists (VACUUM removes files older than the retention period);"
              + " read a later version");
    }
    position = 0;
    selected =
        FileRowSelection.of(
            split.tableRoot(), FileRows.live(split.path(), split.size(), split.deletionVector()));
    filePath = withFilePath ? StringData.fromString(file.toString()) : null;
    try {
      return KernelEngine.shared()
          .getParquetHandler()
          .readParquetFiles(
              Utils.singletonCloseableIterator(
                  FileStatus.of(file.toUri().toString(), split.size(), split.modificationTime())),
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
  protected List<PositionedRow> records(DeltaFileSplit split, ColumnarBatch batch) {
    List<PositionedRow> rows = new ArrayList<>(batch.getSize());
    for (int r = 0; r < batch.getSize(); r++) {
      long rowIndex = position++;
      if (rowIndex < split.rowOffset() || !selected.test(rowIndex)) {
        continue;
      }
      rows.add(new PositionedRow(converter.convert(batch, r, filePath), rowIndex + 1));
    }
    return rows;
  }
}
