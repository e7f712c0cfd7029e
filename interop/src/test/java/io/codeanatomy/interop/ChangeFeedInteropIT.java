package io.codeanatomy.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.read.ChangeReader;
import io.codeanatomy.delta.read.ChangeRow;
import io.codeanatomy.delta.write.KeyedChangeWriter;
import io.codeanatomy.delta.write.KeyedLayout;
import io.codeanatomy.delta.write.TableOverwrite;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The change feed, both ways: Spark reads the exact changes of our keyed writes (inserts, updates
 * as pre/post images, deletes, and nothing for rows that did not change), and our change reader
 * reads the exact changes of Spark's MERGE and DELETE commits.
 */
class ChangeFeedInteropIT {
  static final StructType SCHEMA =
      new StructType()
          .add("owner", StringType.STRING, false)
          .add("id", StringType.STRING, false)
          .add("n", IntegerType.INTEGER);

  @TempDir Path dir;

  @Test
  void sparkReadsTheExactChangesOfOurKeyedWrites() {
    DeltaTable table = DeltaTable.forPath(dir.resolve("ours"));
    TableOverwrite.replaceContent(
        table,
        SCHEMA,
        TableOverwrite.CDF_ON,
        rows(row("f1", "a", 1), row("f1", "b", 2), row("f2", "c", 3)));
    KeyedChangeWriter writer =
        new KeyedChangeWriter(table, KeyedLayout.keyedBy("owner", "id").bucketedBy("owner", 4));
    // v1: b changes, a is upserted unchanged, d is new, c is deleted.
    writer.apply(
        rows(row("f1", "a", 1), row("f1", "b", 20), row("f2", "d", 4)),
        rows(new Object[] {"f2", "c"}));

    List<String> theirs = new ArrayList<>();
    for (Row r :
        SparkSessions.get()
            .read()
            .format("delta")
            .option("readChangeFeed", "true")
            .option("startingVersion", 1)
            .load(table.path())
            .select("_commit_version", "_change_type", "id", "n")
            .collectAsList()) {
      theirs.add(r.getLong(0) + " " + r.getString(1) + " " + r.getString(2) + "=" + r.get(3));
    }
    assertThat(theirs)
        .containsExactlyInAnyOrder(
            "1 update_preimage b=2", "1 update_postimage b=20", "1 insert d=4", "1 delete c=3")
        .containsExactlyInAnyOrderElementsOf(ours(ChangeReader.changes(table, 1), 1, 2));
  }

  @Test
  void weReadTheExactChangesOfSparksMergeAndDelete() {
    SparkSession spark = SparkSessions.get();
    String path = dir.resolve("theirs").toString();
    spark.sql(
        "CREATE TABLE delta.`"
            + path
            + "` (id STRING, n INT) USING delta"
            + " TBLPROPERTIES ('delta.enableChangeDataFeed' = 'true')");
    spark.sql("INSERT INTO delta.`" + path + "` VALUES ('a', 1), ('b', 2), ('c', 3)");
    spark.sql(
        "MERGE INTO delta.`"
            + path
            + "` t USING (SELECT 'b' AS id, 20 AS n UNION ALL"
            + " SELECT 'd', 4) s ON t.id = s.id"
            + " WHEN MATCHED THEN UPDATE SET n = s.n WHEN NOT MATCHED THEN INSERT *");
    spark.sql("DELETE FROM delta.`" + path + "` WHERE id = 'a'");
    DeltaTable table = DeltaTable.forPath(Path.of(path));

    for (long v = 1; v <= table.latestVersion(); v++) {
      List<String> theirs = new ArrayList<>();
      for (Row r :
          spark
              .read()
              .format("delta")
              .option("readChangeFeed", "true")
              .option("startingVersion", v)
              .option("endingVersion", v)
              .load(path)
              .select("_commit_version", "_change_type", "id", "n")
              .collectAsList()) {
        theirs.add(r.getLong(0) + " " + r.getString(1) + " " + r.getString(2) + "=" + r.get(3));
      }
      assertThat(ours(ChangeReader.changes(table, v), 0, 1))
          .as("version %d", v)
          .containsExactlyInAnyOrderElementsOf(theirs);
    }
  }

  private static List<String> ours(List<ChangeRow> changes, int idColumn, int nColumn) {
    return changes.stream()
        .map(
            c ->
                c.version()
                    + " "
                    + c.changeType()
                    + " "
                    + c.values()[idColumn]
                    + "="
                    + c.values()[nColumn])
        .toList();
  }

  private static List<Object[]> rows(Object[]... rows) {
    return List.of(rows);
  }

  private static Object[] row(String owner, String id, int n) {
    return new Object[] {owner, id, n};
  }
}
