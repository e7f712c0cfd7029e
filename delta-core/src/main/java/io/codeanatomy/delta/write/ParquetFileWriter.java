package io.codeanatomy.delta.write;

import io.codeanatomy.delta.DeltaException;
import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.KernelEngine;
import io.codeanatomy.delta.commit.AddFile;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.defaults.internal.data.DefaultColumnarBatch;
import io.delta.kernel.expressions.Column;
import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.DataFileStatus;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Writes rows of Java values (see {@link ObjectColumnVector}) as Parquet data files in a table's
 * directory through Kernel's Parquet writer, and describes each file as an {@code add} action with
 * statistics (numRecords, min/max and null counts of every primitive column).
 *
 * <p>NOT NULL columns are checked before anything is written, so a bad batch leaves no file behind.
 */
public final class ParquetFileWriter {
  private static final int BATCH_ROWS = 4096;

  private final DeltaTable table;
  private final Path directory;
  private final StructType schema;
  private final List<Column> statsColumns;

  public ParquetFileWriter(DeltaTable table, StructType schema) {
    this(table, schema, "");
  }

  /**
   * A writer into {@code subdirectory} of the table root, e.g. {@code _change_data} for change data
   * files (whose schema is the table's plus {@code _change_type}).
   */
  public ParquetFileWriter(DeltaTable table, StructType schema, String subdirectory) {
    this.directory = subdirectory.isEmpty() ? table.root() : table.root().resolve(subdirectory);
    this.table = table;
    this.schema = schema;
    this.statsColumns = new ArrayList<>();
    collectStatsColumns(schema, new String[0], statsColumns);
  }

  /** Writes the rows; returns one {@code add} per file written (none for no rows). */
  public List<AddFile> write(List<Object[]> rows) {
    checkNotNull(rows);
    if (rows.isEmpty()) {
      return List.of();
    }
    List<AddFile> adds = new ArrayList<>();
    try (CloseableIterator<DataFileStatus> files =
        KernelEngine.shared()
            .getParquetHandler()
            .writeParquetFiles(directory.toUri().toString(), batches(rows), statsColumns)) {
      while (files.hasNext()) {
        DataFileStatus file = files.next();
        String stats = file.getStatistics().map(s -> s.serializeAsJson(schema)).orElse(null);
        adds.add(
            new AddFile(
                relativize(file.getPath()),
                file.getSize(),
                file.getModificationTime(),
                true,
                stats));
      }
    } catch (IOException e) {
      throw new DeltaException(table.path(), "could not write data files: " + e.getMessage(), e);
    }
    return adds;
  }

  private String relativize(String written) {
    Path file = Path.of(URI.create(written));
    return table.root().relativize(file).toString().replace('\\', '/');
  }

  private void checkNotNull(List<Object[]> rows) {
    for (int c = 0; c < schema.length(); c++) {
      StructField field = schema.at(c);
      if (field.isNullable()) {
        continue;
      }
      for (Object[] row : rows) {
        if (row.length != schema.length()) {
          throw new DeltaException(
              table.path(),
              "a row has "
                  + row.length
                  + " values but the schema has "
                  + schema.length()
                  + " columns: "
                  + Arrays.toString(row));
        }
        if (row[c] == null) {
          throw new DeltaException(
              table.path(),
              "column `"
                  + field.getName()
                  + "` is NOT NULL but a row has null: "
                  + Arrays.toString(row));
        }
      }
    }
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
