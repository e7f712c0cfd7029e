package io.codeanatomy.delta.read;

import io.codeanatomy.delta.DeltaException;
import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.KernelEngine;
import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.data.ScanStateRow;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads whole snapshots into memory through Kernel's scan, which applies deletion vectors and
 * partition values. For tools, summaries and tests; jobs read through the Flink source instead.
 */
public final class SnapshotReader {
  private SnapshotReader() {}

  /** Every row of the latest version, values in schema order. */
  public static List<Object[]> readAll(DeltaTable table) {
    return readAll(table, table.snapshot());
  }

  /** Every row of {@code snapshot}, values in schema order. */
  public static List<Object[]> readAll(DeltaTable table, Snapshot snapshot) {
    return read(table, snapshot, snapshot.getSchema());
  }

  /** The given columns of every row of {@code snapshot}, values in the order of {@code columns}. */
  public static List<Object[]> readColumns(
      DeltaTable table, Snapshot snapshot, List<String> columns) {
    StructType schema = snapshot.getSchema();
    StructType projected = new StructType();
    for (String column : columns) {
      if (schema.indexOf(column) < 0) {
        throw new DeltaException(
            table.path(), "version " + snapshot.getVersion() + " has no column `" + column + "`");
      }
      projected = projected.add(schema.get(column));
    }
    return read(table, snapshot, projected);
  }

  private static List<Object[]> read(DeltaTable table, Snapshot snapshot, StructType readSchema) {
    Engine engine = KernelEngine.shared();
    Scan scan = snapshot.getScanBuilder().withReadSchema(readSchema).build();
    Row scanState = scan.getScanState(engine);
    // Column mapping can give Parquet columns other names than the table's; Kernel knows them.
    StructType physicalSchema = ScanStateRow.getPhysicalDataReadSchema(scanState);
    List<Object[]> rows = new ArrayList<>();
    try (CloseableIterator<FilteredColumnarBatch> scanFiles = scan.getScanFiles(engine)) {
      while (scanFiles.hasNext()) {
        try (CloseableIterator<Row> files = scanFiles.next().getRows()) {
          while (files.hasNext()) {
            Row scanFile = files.next();
            FileStatus status = InternalScanFileUtils.getAddFileStatus(scanFile);
            CloseableIterator<ColumnarBatch> physical =
                engine
                    .getParquetHandler()
                    .readParquetFiles(singleton(status), physicalSchema, Optional.empty())
                    .map(FileReadResult::getData);
            try (CloseableIterator<FilteredColumnarBatch> logical =
                Scan.transformPhysicalData(engine, scanState, scanFile, physical)) {
              while (logical.hasNext()) {
                collect(logical.next(), rows);
              }
            }
          }
        }
      }
    } catch (IOException e) {
      throw new DeltaException(
          table.path(),
          "could not read version " + snapshot.getVersion() + ": " + e.getMessage(),
          e);
    }
    return rows;
  }

  private static void collect(FilteredColumnarBatch batch, List<Object[]> out) {
    ColumnarBatch data = batch.getData();
    int columns = data.getSchema().length();
    for (int r = 0; r < data.getSize(); r++) {
      if (batch.getSelectionVector().isPresent()) {
        var selection = batch.getSelectionVector().get();
        if (selection.isNullAt(r) || !selection.getBoolean(r)) {
          continue;
        }
      }
      Object[] row = new Object[columns];
      for (int c = 0; c < columns; c++) {
        row[c] = ColumnValues.get(data.getColumnVector(c), r);
      }
      out.add(row);
    }
  }

  private static CloseableIterator<FileStatus> singleton(FileStatus status) {
    return io.delta.kernel.internal.util.Utils.singletonCloseableIterator(status);
  }
}
