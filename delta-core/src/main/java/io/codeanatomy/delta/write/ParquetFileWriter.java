package io.codeanatomy.delta.write;

import static io.codeanatomy.delta.write.ParquetWriteOptions.DEFAULTS;

import io.codeanatomy.delta.DeltaException;
import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.KernelEngine;
import io.codeanatomy.delta.commit.AddFile;
import io.codeanatomy.delta.commit.DeltaTransaction;
import io.codeanatomy.delta.constraint.TableConstraints;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.defaults.internal.data.DefaultColumnarBatch;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.expressions.Column;
import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.DataFileStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Writes rows of Java values (see {@link ObjectColumnVector}) as Parquet data files in a table's
 * directory through Kernel's Parquet writer, and describes each file as an {@code add} action with
 * statistics (numRecords, min/max and null counts of every primitive column, read back from each
 * file's footer).
 *
 * <p>Files are ZSTD-compressed and rolled over at a target size ({@link ParquetWriteOptions}).
 *
 * <p>Rows are checked against the table's constraints before anything is written (NOT NULL columns,
 * and for data files the table's CHECK constraints), so a bad batch leaves no file behind. A writer
 * made by {@link #forTransaction} checks the constraints that transaction commits under and tells
 * it so; files written by other writers are checked again when committed (see {@link
 * DeltaTransaction#commit}).
 */
public final class ParquetFileWriter {
  private static final int BATCH_ROWS = 4096;

  /** Kernel's setting for the size at which its writer starts a new file. */
  static final String TARGET_FILE_SIZE_CONF =
      "delta.kernel.default.parquet.writer.targetMaxFileSize";

  private final DeltaTable table;
  private final Path directory;
  private final StructType schema;
  private final TableConstraints constraints;
  private final DeltaTransaction transaction; // null unless bound to one
  private final ParquetWriteOptions options;
  private final List<Column> statsColumns;

  /**
   * A writer of data files in the table root, checking the constraints of the table's latest
   * version (NOT NULL only when the table does not exist yet).
   *
   * @throws DeltaException when the table has a CHECK constraint this module cannot evaluate
   */
  public ParquetFileWriter(DeltaTable table, StructType schema) {
    this(table, schema, table.root(), latestConstraints(table, schema), null, DEFAULTS);
  }

  /**
   * A writer into {@code subdirectory} of the table root, e.g. {@code _change_data} for change data
   * files (whose schema is the table's plus {@code _change_type}). Such files are not table data,
   * so only NOT NULL columns are checked.
   */
  public ParquetFileWriter(DeltaTable table, StructType schema, String subdirectory) {
    this(
        table,
        schema,
        subdirectory.isEmpty() ? table.root() : table.root().resolve(subdirectory),
        subdirectory.isEmpty()
            ? latestConstraints(table, schema)
            : TableConstraints.notNullOnly(table.path(), schema),
        null,
        DEFAULTS);
  }

  private ParquetFileWriter(
      DeltaTable table,
      StructType schema,
      Path directory,
      TableConstraints constraints,
      DeltaTransaction transaction,
      ParquetWriteOptions options) {
    this.table = table;
    this.schema = schema;
    this.directory = directory;
    this.constraints = constraints;
    this.transaction = transaction;
    this.options = options;
    this.statsColumns = new ArrayList<>();
    collectStatsColumns(schema, new String[0], statsColumns);
  }

  /**
   * A writer of data files for {@code txn}: rows in the transaction's schema, checked against the
   * constraints it commits under (those of a table it creates included).
   */
  public static ParquetFileWriter forTransaction(DeltaTransaction txn) {
    DeltaTable table = txn.table();
    return new ParquetFileWriter(
        table, txn.schema(), table.root(), txn.constraints(), txn, DEFAULTS);
  }

  /** This writer with other file layout options. */
  public ParquetFileWriter withOptions(ParquetWriteOptions options) {
    return new ParquetFileWriter(table, schema, directory, constraints, transaction, options);
  }

  public ParquetWriteOptions options() {
    return options;
  }

  /**
   * Checks the rows, then writes them; returns one {@code add} per file written (none for no rows).
   *
   * @throws DeltaException when a row violates a constraint (nothing is written then)
   */
  public List<AddFile> write(List<Object[]> rows) {
    constraints.check(rows);
    if (rows.isEmpty()) {
      return List.of();
    }
    try {
      // Kernel opens each file's Parquet writer lazily, while the iterator is consumed.
      return ParquetWriterClassLoader.run(() -> writeFiles(rows));
    } catch (IOException | UncheckedIOException e) {
      throw new DeltaException(table.path(), "could not write data files: " + e.getMessage(), e);
    }
  }

  private List<AddFile> writeFiles(List<Object[]> rows) throws IOException {
    List<AddFile> adds = new ArrayList<>();
    try (CloseableIterator<DataFileStatus> files =
        engine()
            .getParquetHandler()
            .writeParquetFiles(directory.toUri().toString(), batches(rows), statsColumns)) {
      while (files.hasNext()) {
        DataFileStatus file = files.next();
        String stats = file.getStatistics().map(s -> s.serializeAsJson(schema)).orElse(null);
        AddFile add =
            new AddFile(
                relativize(file.getPath()),
                file.getSize(),
                file.getModificationTime(),
                true,
                stats);
        if (transaction != null) {
          transaction.constraintsChecked(add.path());
        }
        adds.add(add);
      }
    }
    return adds;
  }

  private Engine engine() {
    return KernelEngine.configured(
        Map.of(
            "parquet.compression",
            options.codecConfigValue(),
            "parquet.block.size",
            Long.toString(options.rowGroupSizeBytes()),
            TARGET_FILE_SIZE_CONF,
            Long.toString(options.targetFileSizeBytes())));
  }

  /** The constraints of the table's latest version, bound to the schema being written. */
  private static TableConstraints latestConstraints(DeltaTable table, StructType schema) {
    if (!table.exists()) {
      return TableConstraints.notNullOnly(table.path(), schema);
    }
    return TableConstraints.of(table.path(), schema, table.snapshot().getTableProperties());
  }

  private String relativize(String written) {
    Path file = Path.of(URI.create(written));
    return table.root().relativize(file).toString().replace('\\', '/');
  }

  private CloseableIterator<FilteredColumnarBatch> batches(List<Object[]> rows) {
    return new CloseableIterator<>() {
      private int next = 0;

      @Override
      public boolean hasNext() {
        return next < rows.size();
      }

      @Override
      public FilteredColumnarBatch next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        int end = Math.min(rows.size(), next + BATCH_ROWS);
        ColumnVector[] columns = new ColumnVector[schema.length()];
        for (int c = 0; c < columns.length; c++) {
          Object[] values = new Object[end - next];
          for (int r = next; r < end; r++) {
            values[r - next] = rows.get(r)[c];
          }
          columns[c] = new ObjectColumnVector(schema.at(c).getDataType(), values);
        }
        FilteredColumnarBatch batch =
            new FilteredColumnarBatch(
                new DefaultColumnarBatch(end - next, schema, columns), java.util.Optional.empty());
        next = end;
        return batch;
      }

      @Override
      public void close() {}
    };
  }

  private static void collectStatsColumns(StructType struct, String[] prefix, List<Column> out) {
    for (StructField field : struct.fields()) {
      String[] name = Arrays.copyOf(prefix, prefix.length + 1);
      name[prefix.length] = field.getName();
      DataType type = field.getDataType();
      if (type instanceof StructType nested) {
        collectStatsColumns(nested, name, out);
      } else if (!(type instanceof ArrayType) && !(type instanceof MapType)) {
        out.add(new Column(name));
      }
    }
  }
}
