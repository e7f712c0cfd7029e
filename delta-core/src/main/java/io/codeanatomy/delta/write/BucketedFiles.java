package io.codeanatomy.delta.write;

import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.commit.AddFile;
import io.codeanatomy.delta.commit.DeltaTransaction;
import io.delta.kernel.types.StructType;
import java.util.List;
import java.util.Map;

/**
 * Writes rows in a bucketed layout: each bucket's rows into files of their own, named after the
 * bucket ({@link BucketFileName}) so that keyed changes find an owner's file by name.
 */
final class BucketedFiles {
  private BucketedFiles() {}

  /** Writes and adds to {@code txn} the files of {@code rows}; returns how many. */
  static int write(
      DeltaTransaction txn,
      DeltaTable table,
      KeyedLayout layout,
      StructType schema,
      List<Object[]> rows) {
    // Checks the table's constraints on each bucket's rows before writing its files.
    ParquetFileWriter writer = ParquetFileWriter.forTransaction(txn);
    int added = 0;
    for (Map.Entry<Integer, List<Object[]>> bucket : layout.rowsByBucket(schema, rows).entrySet()) {
      for (AddFile written : writer.write(bucket.getValue())) {
        AddFile named = BucketFileName.rename(table, written, bucket.getKey(), layout.buckets());
        txn.constraintsChecked(named.path());
        txn.add(named);
        added++;
      }
    }
    return added;
  }
}
