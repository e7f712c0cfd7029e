package io.codeanatomy.delta.read;

import io.codeanatomy.delta.DeltaException;
import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.KernelEngine;
import io.delta.kernel.Scan;
import io.delta.kernel.ScanBuilder;
import io.delta.kernel.Snapshot;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.exceptions.KernelEngineException;
import io.delta.kernel.expressions.Predicate;
import io.delta.kernel.expressions.PredicateEvaluator;
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
 * Reads snapshots into memory through Kernel's scan, which applies deletion vectors and partition
 * values: whole, or filtered with file and row group skipping ({@link #scan}). For tools, summaries
 * and tests; jobs read through the Flink source instead.
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

  /**
   * The rows of {@code snapshot} that satisfy {@code filter} (a Kernel predicate such as {@code new
   * Predicate(">=", new Column("n"), Literal.ofInt(100))}), and what the scan skipped to find them.
   *
   * <p>Files whose {@code add.stats} rule the filter out are not opened (Kernel's data skipping);
   * in the others, row groups whose footer min/max statistics rule it out are not read ({@link
   * RowGroupPruning}); the rows read are then evaluated, so the result holds exactly the matching
   * rows (a NULL result does not match).
   */
  public static ScanResult scan(DeltaTable table, Snapshot snapshot, Predicate filter) {
    Tally tally = new Tally();
    tally.filesTotal = countFiles(table, snapshot);
    List<Object[]> rows = read(table, snapshot, snapshot.getSchema(), Optional.of(filter), tally);
    return new ScanResult(
        rows,
        new ScanReport(
            tally.filesTotal,
            tally.filesTotal - tally.filesOpened,
            tally.rowGroupsTotal,
            tally.rowGroupsSkipped,
            tally.rowsRead,
            rows.size()));
  }

  /** Counts kept while scanning. */
  private static final class Tally {
    int filesTotal;
    int filesOpened;
    int rowGroupsTotal;
    int rowGroupsSkipped;
    long rowsRead;
  }

  private static List<Object[]> read(DeltaTable table, Snapshot snapshot, StructType readSchema) {
    return read(table, snapshot, readSchema, Optional.empty(), new Tally());
  }

  private static List<Object[]> read(
      DeltaTable table,
      Snapshot snapshot,
      StructType readSchema,
      Optional<Predicate> filter,
      Tally tally) {
    Engine engine = KernelEngine.shared();
    ScanBuilder builder = snapshot.getScanBuilder().withReadSchema(readSchema);
    if (filter.isPresent()) {
      builder = builder.withFilter(filter.get());
    }
    Scan scan = builder.build();
    Row scanState = scan.getScanState(engine);
    // Column mapping can give Parquet columns other names than the table's; Kernel knows them.
    StructType physicalSchema = ScanStateRow.getPhysicalDataReadSchema(scanState);
    // The filter names logical columns: it prunes row groups only where those are the physical
    // ones.
    Optional<Predicate> physicalFilter = usesColumnMapping(snapshot) ? Optional.empty() : filter;
    Optional<PredicateEvaluator> rowFilter =
        filter.map(f -> engine.getExpressionHandler().getPredicateEvaluator(readSchema, f));
    List<Object[]> rows = new ArrayList<>();
    try (CloseableIterator<FilteredColumnarBatch> scanFiles = scan.getScanFiles(engine)) {
      while (scanFiles.hasNext()) {
        try (CloseableIterator<Row> files = scanFiles.next().getRows()) {
          while (files.hasNext()) {
            Row scanFile = files.next();
            FileStatus status = InternalScanFileUtils.getAddFileStatus(scanFile);
            tally.filesOpened++;
            if (physicalFilter.isPresent()) {
              RowGroupPruning.Decision groups =
                  RowGroupPruning.decide(status.getPath(), physicalFilter.get());
              tally.rowGroupsTotal += groups.rowGroups();
              tally.rowGroupsSkipped += groups.skipped();
              if (groups.kept().isEmpty()) {
                continue;
              }
            }
            CloseableIterator<ColumnarBatch> physical =
                engine
                    .getParquetHandler()
                    .readParquetFiles(singleton(status), physicalSchema, physicalFilter)
                    .map(FileReadResult::getData);
            try (CloseableIterator<FilteredColumnarBatch> logical =
                Scan.transformPhysicalData(engine, scanState, scanFile, physical)) {
              while (logical.hasNext()) {
                FilteredColumnarBatch batch = logical.next();
                tally.rowsRead += batch.getData().getSize();
                if (rowFilter.isPresent()) {
                  batch =
                      new FilteredColumnarBatch(
                          batch.getData(),
                          Optional.of(
                              rowFilter.get().eval(batch.getData(), batch.getSelectionVector())));
                }
                collect(batch, rows);
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
    } catch (KernelEngineException e) {
      throw table.damagedLog(Optional.of(snapshot.getVersion()), e);
    }
    return rows;
  }

  private static boolean usesColumnMapping(Snapshot snapshot) {
    return !snapshot
        .getTableProperties()
        .getOrDefault("delta.columnMapping.mode", "none")
        .equalsIgnoreCase("none");
  }

  private static int countFiles(DeltaTable table, Snapshot snapshot) {
    int files = 0;
    try (CloseableIterator<FilteredColumnarBatch> batches =
        snapshot.getScanBuilder().build().getScanFiles(KernelEngine.shared())) {
      while (batches.hasNext()) {
        try (CloseableIterator<Row> rows = batches.next().getRows()) {
          while (rows.hasNext()) {
            rows.next();
            files++;
          }
        }
      }
    } catch (IOException e) {
      throw new DeltaException(table.path(), "could not list data files: " + e.getMessage(), e);
    } catch (KernelEngineException e) {
      throw table.damagedLog(Optional.of(snapshot.getVersion()), e);
    }
    return files;
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
