package io.codeanatomy.delta.read;

import io.codeanatomy.delta.DeltaException;
import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.KernelEngine;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.internal.util.Utils;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongPredicate;

/**
 * Reads the rows of one Parquet file of a table (a data file or a change data file) as the log
 * names it. Unlike {@link SnapshotReader} it bypasses the scan, so it applies no column mapping
 * (the commit layer only uses it on tables whose protocol rules that out), and deletion vectors
 * only when asked through {@link #read(DeltaTable, FileRows, StructType)}.
 */
public final class DataFileReader {
  private DataFileReader() {}

  /** The file's rows, values in the order of {@code schema}. */
  public static List<Object[]> read(
      DeltaTable table, String logPath, long size, StructType schema) {
    return read(table, logPath, size, schema, row -> true);
  }

  /** The rows of a file its deletion vectors select, values in the order of {@code schema}. */
  public static List<Object[]> read(DeltaTable table, FileRows rows, StructType schema) {
    LongPredicate selected = rows.wholeFile() ? row -> true : rows.selection(table.root());
    return read(table, rows.path(), rows.size(), schema, selected);
  }

  private static List<Object[]> read(
      DeltaTable table, String logPath, long size, StructType schema, LongPredicate selected) {
    Path file = resolve(table, logPath);
    FileStatus status = FileStatus.of(file.toUri().toString(), size, 0L);
    List<Object[]> rows = new ArrayList<>();
    try (CloseableIterator<ColumnarBatch> batches =
        KernelEngine.shared()
            .getParquetHandler()
            .readParquetFiles(Utils.singletonCloseableIterator(status), schema, Optional.empty())
            .map(FileReadResult::getData)) {
      long rowIndex = 0; // no predicate is pushed into the read, so every row comes, in file order
      while (batches.hasNext()) {
        ColumnarBatch batch = batches.next();
        int columns = schema.length();
        for (int r = 0; r < batch.getSize(); r++) {
          if (!selected.test(rowIndex++)) {
            continue;
          }
          Object[] row = new Object[columns];
          for (int c = 0; c < columns; c++) {
            row[c] = ColumnValues.get(batch.getColumnVector(c), r);
          }
          rows.add(row);
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new DeltaException(
          table.path(),
          "could not read file "
              + logPath
              + " (was it vacuumed or deleted by hand?): "
              + e.getMessage(),
          e);
    }
    return rows;
  }

  /**
   * The file a log path names. The log stores paths as URIs relative to the table root (or absolute
   * URIs); relative ones are percent-encoded.
   */
  public static Path resolve(DeltaTable table, String logPath) {
    URI uri;
    try {
      uri = URI.create(logPath);
    } catch (IllegalArgumentException notEncoded) {
      // Writers that did not encode the path: take it as it is.
      return table.root().resolve(logPath);
    }
    if (uri.isAbsolute()) {
      return Path.of(uri);
    }
    return table.root().resolve(uri.getPath());
  }
}
