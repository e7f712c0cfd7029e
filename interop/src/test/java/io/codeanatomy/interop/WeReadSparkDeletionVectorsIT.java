package io.codeanatomy.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.read.ChangeReader;
import io.codeanatomy.delta.read.CommitChanges;
import io.codeanatomy.source.DeltaChangelogSource;
import io.codeanatomy.source.DeltaSnapshotSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.util.CloseableIterator;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our Flink sources, on a MiniCluster, read a table Spark wrote with deletion vectors and Change
 * Data Feed: DELETEs that only mark rows deleted (no data file rewritten), a MERGE (with {@code
 * cdc} files) and an UPDATE. At every version the snapshot source returns exactly Spark's rows, and
 * for every version the changelog source (and delta-core's {@code ChangeReader}) returns exactly
 * Spark's change feed.
 */
class WeReadSparkDeletionVectorsIT {
  static final RowType ROW =
      (RowType)
          DataTypes.ROW(
                  DataTypes.FIELD("id", DataTypes.STRING()), DataTypes.FIELD("n", DataTypes.INT()))
              .getLogicalType();

  @TempDir static Path dir;
  static String path;
  static DeltaTable table;

  @BeforeAll
  static void sparkWritesATableWithDeletionVectors() {
    SparkSession spark = SparkSessions.get();
    path = dir.resolve("dv").toString();
    table = DeltaTable.forPath(Path.of(path));
    String t = "delta.`" + path + "`";
    spark.sql(
        "CREATE TABLE "
            + t
            + " (id STRING, n INT) USING delta TBLPROPERTIES ("
            + "'delta.enableDeletionVectors' = 'true', 'delta.enableChangeDataFeed' = 'true')");
    spark.sql(
        "INSERT INTO "
            + t
            + " VALUES ('a', 1), ('b', 2), ('c', 3), ('d', 4), ('e', 5), ('f', 6), ('g', 7)");
    spark.sql("DELETE FROM " + t + " WHERE n % 2 = 0"); // b, d, f: a deletion vector
    spark.sql("DELETE FROM " + t + " WHERE id = 'g'"); // a second vector replaces the first
    spark.sql(
        "MERGE INTO "
            + t
            + " t USING (SELECT 'a' AS id, 10 AS n UNION ALL SELECT 'c', -1 UNION ALL"
            + " SELECT 'h', 8) s ON t.id = s.id"
            + " WHEN MATCHED AND s.n < 0 THEN DELETE"
            + " WHEN MATCHED THEN UPDATE SET n = s.n WHEN NOT MATCHED THEN INSERT *");
    spark.sql("UPDATE " + t + " SET n = n + 100 WHERE id = 'e'");
    assertThat(table.latestVersion()).isEqualTo(5);
    // The DELETEs write no cdc files: their changes are derived from the deletion vectors, the path
    // this test is about. (MERGE and UPDATE write cdc files.)
    for (long v = 2; v <= 3; v++) {
      CommitChanges commit = CommitChanges.read(table.root(), v);
      assertThat(commit.hasCdcFiles()).as("cdc files in version %d", v).isFalse();
      assertThat(commit.added())
          .as("re-added files of version %d", v)
          .allSatisfy(f -> assertThat(f.notDeletedBy()).isNotNull());
    }
  }

  @Test
  void theSnapshotSourceReturnsSparksRowsAtEveryVersion() throws Exception {
    SparkSession spark = SparkSessions.get();
    for (long v = 0; v <= table.latestVersion(); v++) {
      List<String> theirs =
          spark.read().format("delta").option("versionAsOf", v).load(path).collectAsList().stream()
              .map(r -> "+I[" + r.getString(0) + ", " + r.get(1) + "]")
              .sorted()
              .toList();
      List<String> ours =
          collect(new DeltaSnapshotSource(Path.of(path), v, ROW)).stream().sorted().toList();
      assertThat(ours).as("version %d", v).isEqualTo(theirs);
    }
    assertThat(collect(new DeltaSnapshotSource(Path.of(path), 5, ROW)))
        .containsExactlyInAnyOrder("+I[a, 10]", "+I[e, 105]", "+I[h, 8]");
  }

  @Test
  void theChangelogSourceReturnsSparksChangesForEveryVersion() throws Exception {
    for (long v = 1; v <= table.latestVersion(); v++) {
      List<String> theirs = sparkChanges(v);
      List<String> ours =
          collect(
                  DeltaChangelogSource.builder(Path.of(path), ROW)
                      .startup(DeltaChangelogSource.StartupMode.CHANGES_ONLY)
                      .startingVersion(v)
                      .endingVersion(v)
                      .build())
              .stream()
              .sorted()
              .toList();
      assertThat(ours).as("version %d", v).isEqualTo(theirs).isNotEmpty();
      List<String> coreReader =
          ChangeReader.changes(table, v).stream()
              .map(
                  c -> KINDS.get(c.changeType()) + "[" + c.values()[0] + ", " + c.values()[1] + "]")
              .sorted()
              .toList();
      assertThat(coreReader).as("ChangeReader, version %d", v).isEqualTo(theirs);
    }
  }

  private static final Map<String, String> KINDS =
      Map.of("insert", "+I", "delete", "-D", "update_preimage", "-U", "update_postimage", "+U");

  private static List<String> sparkChanges(long version) {
    List<String> out = new ArrayList<>();
    for (Row r :
        SparkSessions.get()
            .read()
            .format("delta")
            .option("readChangeFeed", "true")
            .option("startingVersion", version)
            .option("endingVersion", version)
            .load(path)
            .select("_change_type", "id", "n")
            .collectAsList()) {
      out.add(KINDS.get(r.getString(0)) + "[" + r.getString(1) + ", " + r.get(2) + "]");
    }
    return out.stream().sorted().toList();
  }

  private static List<String> collect(Source<RowData, ?, ?> source) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(1);
    List<String> out = new ArrayList<>();
    try (CloseableIterator<RowData> rows =
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "delta").executeAndCollect()) {
      while (rows.hasNext()) {
        RowData row = rows.next();
        out.add(
            row.getRowKind().shortString()
                + "["
                + row.getString(0)
                + ", "
                + (row.isNullAt(1) ? null : row.getInt(1))
                + "]");
      }
    }
    return out;
  }
}
