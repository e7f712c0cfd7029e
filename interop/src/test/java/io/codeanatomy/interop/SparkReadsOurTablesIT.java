package io.codeanatomy.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.TableFile;
import io.codeanatomy.delta.commit.AddCdcFile;
import io.codeanatomy.delta.commit.DeltaTransaction;
import io.codeanatomy.delta.commit.RemoveFile;
import io.codeanatomy.delta.read.SnapshotReader;
import io.codeanatomy.delta.write.ParquetFileWriter;
import io.codeanatomy.delta.write.TableOverwrite;
import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference implementation (Delta Lake on Spark) reads tables our commit layer wrote: every
 * version's snapshot equals ours, and its change feed shows exactly the changes we committed —
 * derived from add/remove for overwrites, and taken from our {@code cdc} files for updates.
 */
class SparkReadsOurTablesIT {
  static final StructType SCHEMA =
      new StructType()
          .add("id", StringType.STRING, false)
          .add("n", IntegerType.INTEGER)
          .add("tags", new ArrayType(StringType.STRING, true))
          .add("loc", new StructType().add("line", IntegerType.INTEGER));

  @TempDir Path dir;

  @Test
  void snapshotsAndChangeFeedAgreeWithSpark() {
    SparkSession spark = SparkSessions.get();
    DeltaTable table = DeltaTable.forPath(dir.resolve("t"));
    // v0: create with a, b; v1: overwrite with b, c (derived changes, no cdc files).
    TableOverwrite.replaceContent(
        table, SCHEMA, TableOverwrite.CDF_ON, rows(row("a", 1), row("b", 2)));
    TableOverwrite.replaceContent(
        table, SCHEMA, TableOverwrite.CDF_ON, rows(row("b", 2), row("c", 3)));
    // v2: update c's n from 3 to 30 by rewriting its file, with an exact cdc file.
    updateWithCdc(table, "c", 30);

    for (long v = 0; v <= 2; v++) {
      List<String> ours =
          SnapshotReader.readAll(table, table.snapshotAt(v)).stream()
              .map(r -> r[0] + "=" + r[1])
              .sorted()
              .toList();
      List<String> theirs =
          spark
              .read()
              .format("delta")
              .option("versionAsOf", v)
              .load(table.path())
              .collectAsList()
              .stream()
              .map(r -> r.getString(0) + "=" + r.get(1))
              .sorted()
              .toList();
      assertThat(theirs).as("version %d", v).isEqualTo(ours);
    }

    List<String> changes = new ArrayList<>();
    for (Row r :
        spark
            .read()
            .format("delta")
            .option("readChangeFeed", "true")
            .option("startingVersion", 0)
            .load(table.path())
            .select("_commit_version", "_change_type", "id", "n")
            .orderBy("_commit_version", "_change_type", "id")
            .collectAsList()) {
      changes.add(r.getLong(0) + " " + r.getString(1) + " " + r.getString(2) + "=" + r.get(3));
    }
    assertThat(changes)
        .containsExactly(
            "0 insert a=1",
            "0 insert b=2",
            "1 delete a=1",
            "1 delete b=2",
            "1 insert b=2",
            "1 insert c=3",
            "2 update_postimage c=30",
            "2 update_preimage c=3");
  }

  /**
   * Sets {@code n} of row {@code id} the way a copy-on-write update does: the table is small, so
   * every file is rewritten; the change data file records only the changed row, as pre- and
   * post-image.
   */
  private static void updateWithCdc(DeltaTable table, String id, int n) {
    DeltaTransaction txn = DeltaTransaction.update(table);
    for (TableFile file : table.files(table.snapshot())) {
      txn.remove(new RemoveFile(file.path(), System.currentTimeMillis(), true, file.size()));
    }
    List<Object[]> after = new ArrayList<>();
    Object[] before = null;
    for (Object[] row : SnapshotReader.readAll(table)) {
      if (row[0].equals(id)) {
        before = row;
        after.add(new Object[] {row[0], n, row[2], row[3]});
      } else {
        after.add(row);
      }
    }
    new ParquetFileWriter(table, SCHEMA).write(after).forEach(txn::add);
    StructType cdcSchema = SCHEMA.add(AddCdcFile.CHANGE_TYPE_COLUMN, StringType.STRING);
    Object[] pre = {before[0], before[1], before[2], before[3], "update_preimage"};
    Object[] post = {before[0], n, before[2], before[3], "update_postimage"};
    for (var cdc : new ParquetFileWriter(table, cdcSchema, "_change_data").write(rows(pre, post))) {
      txn.addCdc(new AddCdcFile(cdc.path(), cdc.size()));
    }
    txn.commit("UPDATE", Map.of());
  }

  private static List<Object[]> rows(Object[]... rows) {
    return List.of(rows);
  }

  private static Object[] row(String id, int n) {
    return new Object[] {id, n, List.of("t" + n), new Object[] {n}};
  }
}
