package io.codeanatomy.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.read.ChangeReader;
import io.codeanatomy.delta.read.ChangeRow;
import io.codeanatomy.delta.read.SnapshotReader;
import io.codeanatomy.sink.DeltaSink;
import io.codeanatomy.sink.DeltaSinkConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.types.RowKind;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spark reads what our Flink Delta sink wrote in upsert mode: three jobs apply a changelog
 * (inserts; an update, an unchanged upsert, a delete and an insert; a delete and an update), one
 * version each, and Spark's snapshot at every version and change feed agree with ours.
 */
class SparkReadsOurSinkIT {
  static final RowType ROW_TYPE =
      (RowType)
          DataTypes.ROW(
                  DataTypes.FIELD("id", DataTypes.STRING().notNull()),
                  DataTypes.FIELD("n", DataTypes.INT()))
              .getLogicalType();

  @TempDir Path dir;

  @Test
  void sparkReadsEveryVersionAndTheChangeFeedOfAnUpsertSinkTable() throws Exception {
    String path = dir.resolve("sink").toString();
    run(
        path,
        change(RowKind.INSERT, "a", 1),
        change(RowKind.INSERT, "b", 2),
        change(RowKind.INSERT, "c", 3),
        change(RowKind.INSERT, "d", 4));
    run(
        path,
        change(RowKind.UPDATE_AFTER, "b", 20),
        change(RowKind.UPDATE_AFTER, "a", 1),
        change(RowKind.DELETE, "c", 3),
        change(RowKind.INSERT, "e", 5));
    run(path, change(RowKind.DELETE, "a", 1), change(RowKind.UPDATE_AFTER, "d", 40));

    DeltaTable table = DeltaTable.forPath(Path.of(path));
    assertThat(table.latestVersion()).isEqualTo(2);
    for (long version = 0; version <= 2; version++) {
      List<String> theirs = new ArrayList<>();
      for (Row r :
          SparkSessions.get()
              .read()
              .format("delta")
              .option("versionAsOf", version)
              .load(path)
              .collectAsList()) {
        theirs.add(r.getString(0) + "=" + r.get(1));
      }
      List<String> ours = new ArrayList<>();
      for (Object[] r : SnapshotReader.readAll(table, table.snapshotAt(version))) {
        ours.add(r[0] + "=" + r[1]);
      }
      assertThat(theirs).as("version %s", version).containsExactlyInAnyOrderElementsOf(ours);
    }

    List<String> theirChanges = new ArrayList<>();
    for (Row r :
        SparkSessions.get()
            .read()
            .format("delta")
            .option("readChangeFeed", "true")
            .option("startingVersion", 0)
            .load(path)
            .select("_commit_version", "_change_type", "id", "n")
            .collectAsList()) {
      theirChanges.add(r.getLong(0) + " " + r.getString(1) + " " + r.getString(2) + "=" + r.get(3));
    }
    List<String> ourChanges = new ArrayList<>();
    for (ChangeRow c : ChangeReader.changes(table, 0, 2)) {
      ourChanges.add(
          c.version() + " " + c.changeType() + " " + c.values()[0] + "=" + c.values()[1]);
    }
    assertThat(theirChanges)
        .containsExactlyInAnyOrder(
            "0 insert a=1",
            "0 insert b=2",
            "0 insert c=3",
            "0 insert d=4",
            "1 update_preimage b=2",
            "1 update_postimage b=20",
            "1 delete c=3",
            "1 insert e=5",
            "2 delete a=1",
            "2 update_preimage d=4",
            "2 update_postimage d=40")
        .containsExactlyInAnyOrderElementsOf(ourChanges);
  }

  /** One bounded job: its changes land as one version at the end of input. */
  private static void run(String path, RowData... changes) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(1);
    env.enableCheckpointing(200);
    env.fromData(InternalTypeInfo.of(ROW_TYPE), changes)
        .sinkTo(
            new DeltaSink(
                DeltaSinkConfig.upsert(
                    path, ROW_TYPE, DeltaSinkConfig.defaultAppId(path), 1000, List.of("id"))));
    env.execute("upsert " + changes.length + " changes");
  }

  private static RowData change(RowKind kind, String id, int n) {
    GenericRowData row = GenericRowData.of(StringData.fromString(id), n);
    row.setRowKind(kind);
    return row;
  }
}
