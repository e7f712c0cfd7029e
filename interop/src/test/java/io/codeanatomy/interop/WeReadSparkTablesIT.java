package io.codeanatomy.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.read.SnapshotReader;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * We read tables the reference implementation wrote — including MERGE commits that carry {@code
 * cdc} files and a table whose deletes left deletion vectors — and see what Spark sees at every
 * version.
 */
class WeReadSparkTablesIT {
  @TempDir Path dir;

  @Test
  void snapshotsOfMergeCommitsWithCdcFiles() {
    SparkSession spark = SparkSessions.get();
    String path = dir.resolve("merged").toString();
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

    assertSameAtEveryVersion(spark, path);
    assertThat(read(DeltaTable.forPath(Path.of(path)), -1)).containsExactly("b=20", "c=3", "d=4");
  }

  @Test
  void snapshotsWithDeletionVectors() {
    SparkSession spark = SparkSessions.get();
    String path = dir.resolve("dv").toString();
    spark.sql(
        "CREATE TABLE delta.`"
            + path
            + "` (id STRING, n INT) USING delta"
            + " TBLPROPERTIES ('delta.enableDeletionVectors' = 'true')");
    spark.sql("INSERT INTO delta.`" + path + "` VALUES ('a', 1), ('b', 2), ('c', 3), ('d', 4)");
    spark.sql("DELETE FROM delta.`" + path + "` WHERE n % 2 = 0");

    assertSameAtEveryVersion(spark, path);
    assertThat(read(DeltaTable.forPath(Path.of(path)), -1)).containsExactly("a=1", "c=3");
  }

  private static void assertSameAtEveryVersion(SparkSession spark, String path) {
    DeltaTable table = DeltaTable.forPath(Path.of(path));
    for (long v = 0; v <= table.latestVersion(); v++) {
      List<String> theirs =
          spark.read().format("delta").option("versionAsOf", v).load(path).collectAsList().stream()
              .map(r -> r.getString(0) + "=" + r.get(1))
              .sorted()
              .toList();
      assertThat(read(table, v)).as("version %d", v).isEqualTo(theirs);
    }
  }

  private static List<String> read(DeltaTable table, long version) {
    var snapshot = version < 0 ? table.snapshot() : table.snapshotAt(version);
    return SnapshotReader.readAll(table, snapshot).stream()
        .map(r -> r[0] + "=" + r[1])
        .sorted()
        .toList();
  }
}
