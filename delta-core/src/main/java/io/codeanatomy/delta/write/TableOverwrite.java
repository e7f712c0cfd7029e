package io.codeanatomy.delta.write;

import io.codeanatomy.delta.DeltaException;
import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.commit.AddFile;
import io.codeanatomy.delta.commit.DeltaTransaction;
import io.delta.kernel.types.StructType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replaces a table's whole content with new rows as one version, creating the table (with the given
 * properties) when it does not exist. Readers see the old content or the new, never a mix; the
 * change feed shows every old row deleted and every new row inserted. The rows are checked against
 * the table's constraints (those in {@code properties}, for a table it creates) before anything is
 * written.
 */
public final class TableOverwrite {
  /** Properties of every table CodeAnatomy creates: Change Data Feed on. */
  public static final Map<String, String> CDF_ON = Map.of("delta.enableChangeDataFeed", "true");

  private TableOverwrite() {}

  /** Writes {@code rows} as the table's new content; returns the committed version. */
  public static long replaceContent(
      DeltaTable table, StructType schema, Map<String, String> properties, List<Object[]> rows) {
    DeltaTransaction txn = begin(table, schema, properties);
    for (AddFile add : ParquetFileWriter.forTransaction(txn).write(rows)) {
      txn.add(add);
    }
    return txn.commit("WRITE", Map.of("mode", "Overwrite"));
  }

  /**
   * Writes {@code rows} as the table's new content in a keyed layout: with a bucket column, each
   * data file holds one bucket, ready for {@link KeyedChangeWriter}s that keep to it. A new table
   * records the layout in its properties.
   */
  public static long replaceContent(
      DeltaTable table,
      StructType schema,
      Map<String, String> properties,
      List<Object[]> rows,
      KeyedLayout layout) {
    Map<String, String> withLayout = new LinkedHashMap<>(properties);
    withLayout.putAll(layout.properties());
    DeltaTransaction txn = begin(table, schema, withLayout);
    if (layout.bucketColumn().isPresent()) {
      BucketedFiles.write(txn, table, layout, schema, rows);
    } else {
      for (AddFile add : ParquetFileWriter.forTransaction(txn).write(rows)) {
        txn.add(add);
      }
    }
    return txn.commit("WRITE", Map.of("mode", "Overwrite"));
  }

  /**
   * Starts an overwrite transaction: one that creates the table, or one that removes every file of
   * the latest version after checking the schema is the one the writer has.
   */
  public static DeltaTransaction begin(
      DeltaTable table, StructType schema, Map<String, String> properties) {
    if (!table.exists()) {
      return DeltaTransaction.createTable(table, schema, properties);
    }
    DeltaTransaction txn = DeltaTransaction.update(table);
    if (!txn.schema().equals(schema)) {
      throw new DeltaException(
          table.path(),
          "the table's schema "
              + txn.schema()
              + " differs from the schema being written "
              + schema
              + "; schema evolution is not supported, write to a new table or delete this one");
    }
    return txn.removeAllFiles();
  }
}
