package io.codeanatomy.source;

import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.commit.DeltaTransaction;
import io.codeanatomy.delta.write.ParquetFileWriter;
import io.codeanatomy.delta.write.ParquetWriteOptions;
import io.codeanatomy.delta.write.TableOverwrite;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A test table {@code (id STRING NOT NULL, n BIGINT)} of one data file with {@link #ROWS} rows in
 * order ({@code n} = row index, {@code id} = {@code k00000} ..) and many small row groups, with a
 * deletion vector deleting {@link #DELETED}: one row in the first row group, the others in groups
 * after those a filter on {@code n} skips, where counting rows from the first group read would hit
 * the wrong rows.
 */
public final class ManyRowGroupsTable {
  public static final int ROWS = 3000;
  public static final long[] DELETED = {5, 2450, 2451, 2999};

  private ManyRowGroupsTable() {}

  public static DeltaTable write(Path root) {
    DeltaTable table = DeltaTable.forPath(root);
    TableOverwrite.replaceContent(
        table, ChangeFeedTable.SCHEMA, TableOverwrite.CDF_ON, List.<Object[]>of());
    List<Object[]> rows = new ArrayList<>();
    for (long n = 0; n < ROWS; n++) {
      rows.add(new Object[] {String.format("k%05d", n), n});
    }
    DeltaTransaction txn = DeltaTransaction.update(table);
    ParquetFileWriter.forTransaction(txn)
        .withOptions(ParquetWriteOptions.DEFAULTS.withRowGroupSize(2 * 1024))
        .write(rows)
        .forEach(txn::add);
    txn.commit("WRITE", Map.of());
    DeletionVectorCommit.commit(table, table.files(table.snapshot()).get(0), DELETED);
    return table;
  }
}
