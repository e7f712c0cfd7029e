package io.codeanatomy.sink;

import static org.apache.flink.table.api.Expressions.$;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.read.ChangeReader;
import io.codeanatomy.delta.read.ChangeRow;
import io.codeanatomy.delta.read.DataFileReader;
import io.codeanatomy.delta.read.SnapshotReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.TableDescriptor;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Upsert mode on a local MiniCluster, streaming with checkpoints, writing real Delta tables. */
class DeltaSinkUpsertIT {
  static final RowType ROW_TYPE =
      (RowType)
          DataTypes.ROW(
                  DataTypes.FIELD("id", DataTypes.STRING().notNull()),
                  DataTypes.FIELD("n", DataTypes.INT()))
              .getLogicalType();

  /**
   * A changelog, five changes per checkpoint (the source emits five, then waits for the checkpoint
   * to complete). Written as "kind id n".
   */
  static final List<String> CHANGES =
      List.of(
          // 1: five inserts
          "+I a 1",
          "+I b 1",
          "+I c 1",
          "+I d 1",
          "+I e 1",
          // 2: a updated with its UPDATE_BEFORE, b upserted unchanged, c deleted, f new
          "-U a 1",
          "+U a 2",
          "+U b 1",
          "-D c 1",
          "+I f 1",
          // 3: an update whose upsert key differs from the sink's: d's row becomes g's
          "-U d 1",
          "+U g 1",
          "-D f 1",
          "+I f 2",
          "+U e 5",
          // 4: a changes four times (last: 5); b deleted by an UPDATE_BEFORE alone
          "+U a 3",
          "+U a 4",
          "-D a 4",
          "+I a 5",
          "-U b 1",
          // 5: nothing effective: c comes and goes, absent zz deleted, e and g unchanged
          "+U c 7",
          "-D zz 0",
          "+U e 5",
          "+U g 1",
          "-D c 7",
          // 6
          "+I h 1",
          "+U h 2",
          "+U b 9",
          "+I i 1",
          "-D i 1");

  @TempDir Path dir;

  @Test
  void changelogStreamLandsAsExactKeyedVersionsOnePerCheckpoint() throws Exception {
    String path = dir.resolve("t").toString();
    DeltaSinkConfig config =
        DeltaSinkConfig.upsert(
            path, ROW_TYPE, DeltaSinkConfig.defaultAppId(path), 1000, List.of("id"));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.enableCheckpointing(100);
    env.setParallelism(2);
    DataGeneratorSource<RowData> source =
        new DataGeneratorSource<>(
            new ChangeScript(CHANGES),
            CHANGES.size(),
            RateLimiterStrategy.perCheckpoint(5),
            InternalTypeInfo.of(ROW_TYPE));
    env.fromSource(source, WatermarkStrategy.noWatermarks(), "changes")
        .setParallelism(1)
        .sinkTo(new DeltaSink(config));
    env.execute("upsert stream");

    DeltaTable table = config.table();
    assertThat(rows(table)).containsExactlyInAnyOrderElementsOf(replay(CHANGES).values());
    // d→g (UPDATE_BEFORE of another key) deleted d; b's lone UPDATE_BEFORE deleted b until 6.
    assertThat(rows(table)).containsExactlyInAnyOrder("a 5", "b 9", "e 5", "f 2", "g 1", "h 2");
    assertThat(table.latestVersion()).isGreaterThanOrEqualTo(3);
    assertEveryVersionsChangesAreExactlyItsDiff(table);
    assertEveryVersionRecordsAHigherCheckpoint(table);
    assertThat(stagedFiles(table)).isEmpty();
  }

  @Test
  void aggregationWhoseResultsUpdateIsUpsertedByItsGroupKey() throws Exception {
    Path path = dir.resolve("counts");
    TableEnvironment env = streamingTableEnv(2);
    Table words =
        env.fromValues(
            DataTypes.ROW(DataTypes.FIELD("word", DataTypes.STRING().notNull())),
            Row.of("x"),
            Row.of("y"),
            Row.of("x"),
            Row.of("z"),
            Row.of("x"),
            Row.of("y"));
    words
        .groupBy($("word"))
        .select($("word"), $("word").count().as("n"))
        .insertInto(
            TableDescriptor.forConnector("delta")
                .schema(
                    Schema.newBuilder()
                        .column("word", DataTypes.STRING().notNull())
                        .column("n", DataTypes.BIGINT().notNull())
                        .primaryKey("word")
                        .build())
                .option("path", path.toString())
                .option("sink.mode", "upsert")
                .build())
        .execute()
        .await();

    DeltaTable table = DeltaTable.forPath(path);
    assertThat(rows(table)).containsExactlyInAnyOrder("x 3", "y 2", "z 1");
    assertEveryVersionsChangesAreExactlyItsDiff(table);
  }

  @Test
  void bucketedCompositeKeyRewritesOnlyTheChangedOwnersBucket() throws Exception {
    Path path = dir.resolve("owned");
    org.apache.flink.table.types.DataType type =
        DataTypes.ROW(
            DataTypes.FIELD("file_id", DataTypes.STRING().notNull()),
            DataTypes.FIELD("id", DataTypes.INT().notNull()),
            DataTypes.FIELD("v", DataTypes.STRING()));
    List<Row> first = new ArrayList<>();
    for (int f = 0; f < 8; f++) {
      for (int i = 0; i < 5; i++) {
        first.add(Row.of("f" + f, i, "v" + i));
      }
    }
    owned(streamingTableEnv(2), type, path, first);
    owned(
        streamingTableEnv(2),
        type,
        path,
        List.of(Row.of("f3", 1, "changed"), Row.of("f3", 2, "v2"), Row.of("f3", 9, "new")));

    DeltaTable table = DeltaTable.forPath(path);
    long last = table.latestVersion();
    assertThat(
            ChangeReader.changes(table, last).stream()
                .map(
                    c ->
                        c.changeType()
                            + " "
                            + c.values()[0]
                            + " "
                            + c.values()[1]
                            + " "
                            + c.values()[2])
                .toList())
        .containsExactlyInAnyOrder(
            "update_preimage f3 1 v1", "update_postimage f3 1 changed", "insert f3 9 new");
    String log = Files.readString(table.logDir().resolve(String.format("%020d.json", last)));
    // One bucket of four rewritten: one file removed, one added.
    assertThat(log.lines().filter(l -> l.startsWith("{\"remove\""))).hasSize(1);
    assertThat(log.lines().filter(l -> l.startsWith("{\"add\""))).hasSize(1);
    assertThat(SnapshotReader.readAll(table)).hasSize(41);
  }

  @Test
  void upsertModeWithoutAPrimaryKeyFailsWhilePlanning() {
    Path path = dir.resolve("nokey");
    TableEnvironment env = streamingTableEnv(1);
    assertThatThrownBy(
            () ->
                env.fromValues(
                        DataTypes.ROW(DataTypes.FIELD("id", DataTypes.STRING())), Row.of("a"))
                    .insertInto(
                        TableDescriptor.forConnector("delta")
                            .schema(Schema.newBuilder().column("id", DataTypes.STRING()).build())
                            .option("path", path.toString())
                            .option("sink.mode", "upsert")
                            .build())
                    .execute())
        .hasStackTraceContaining("has sink.mode = upsert but no primary key")
        .hasStackTraceContaining("PRIMARY KEY");
    assertThat(DeltaTable.forPath(path).exists()).isFalse();
  }

  private static void owned(
      TableEnvironment env, org.apache.flink.table.types.DataType type, Path path, List<Row> rows)
      throws Exception {
    // Flink 2.3 asks for ON CONFLICT when the query's upsert key (none, for plain values) is not
    // the sink's primary key; insert-only rows with distinct keys cannot conflict.
    env.getConfig().set("table.exec.sink.require-on-conflict", "false");
    env.fromValues(type, rows)
        .insertInto(
            TableDescriptor.forConnector("delta")
                .schema(
                    Schema.newBuilder().fromRowDataType(type).primaryKey("file_id", "id").build())
                .option("path", path.toString())
                .option("sink.mode", "upsert")
                .option("sink.bucket-column", "file_id")
                .option("sink.buckets", "4")
                .build())
        .execute()
        .await();
  }

  private static TableEnvironment streamingTableEnv(int parallelism) {
    Configuration conf = new Configuration();
    conf.setString("parallelism.default", Integer.toString(parallelism));
    conf.setString("execution.checkpointing.interval", "100ms");
    return TableEnvironment.create(
        EnvironmentSettings.newInstance().inStreamingMode().withConfiguration(conf).build());
  }

  /**
   * The table each version's change feed must describe: exactly the diff with the version before.
   */
  private static void assertEveryVersionsChangesAreExactlyItsDiff(DeltaTable table) {
    Map<Object, String> before = Map.of();
    for (long v = 0; v <= table.latestVersion(); v++) {
      Map<Object, String> after = new LinkedHashMap<>();
      for (Object[] row : SnapshotReader.readAll(table, table.snapshotAt(v))) {
        after.put(row[0], render(row));
      }
      List<String> expected = new ArrayList<>();
      for (Map.Entry<Object, String> old : before.entrySet()) {
        String now = after.get(old.getKey());
        if (now == null) {
          expected.add(ChangeRow.DELETE + " " + old.getValue());
        } else if (!now.equals(old.getValue())) {
          expected.add(ChangeRow.UPDATE_PREIMAGE + " " + old.getValue());
          expected.add(ChangeRow.UPDATE_POSTIMAGE + " " + now);
        }
      }
      for (Map.Entry<Object, String> now : after.entrySet()) {
        if (!before.containsKey(now.getKey())) {
          expected.add(ChangeRow.INSERT + " " + now.getValue());
        }
      }
      List<String> actual =
          ChangeReader.changes(table, v).stream()
              .map(c -> c.changeType() + " " + render(c.values()))
              .toList();
      assertThat(actual)
          .as("changes of version %d", v)
          .containsExactlyInAnyOrderElementsOf(expected);
      before = after;
    }
  }

  private static void assertEveryVersionRecordsAHigherCheckpoint(DeltaTable table)
      throws Exception {
    long previous = 0;
    for (long v = 0; v <= table.latestVersion(); v++) {
      List<String> txns =
          Files.readAllLines(
                  table.logDir().resolve(String.format("%020d.json", v)), StandardCharsets.UTF_8)
              .stream()
              .filter(l -> l.startsWith("{\"txn\""))
              .toList();
      assertThat(txns).as("txn of version %d", v).hasSize(1);
      long checkpoint = Long.parseLong(txns.get(0).replaceAll(".*\"version\":(\\d+).*", "$1"));
      assertThat(checkpoint).as("checkpoint of version %d", v).isGreaterThan(previous);
      previous = checkpoint;
    }
  }

  /** The final rows of a changelog, applied one change at a time. */
  private static Map<String, String> replay(List<String> changes) {
    Map<String, String> rows = new LinkedHashMap<>();
    for (String change : changes) {
      String[] p = change.split(" ");
      if (p[0].equals("+I") || p[0].equals("+U")) {
        rows.put(p[1], p[1] + " " + p[2]);
      } else {
        rows.remove(p[1]);
      }
    }
    return rows;
  }

  private static String render(Object[] row) {
    List<String> values = new ArrayList<>();
    for (Object value : row) {
      values.add(Objects.toString(value));
    }
    return String.join(" ", values);
  }

  private static List<String> rows(DeltaTable table) {
    return SnapshotReader.readAll(table).stream().map(DeltaSinkUpsertIT::render).toList();
  }

  private static List<Path> stagedFiles(DeltaTable table) throws Exception {
    Path staging = DataFileReader.resolve(table, DeltaSinkConfig.STAGING_DIRECTORY);
    if (!Files.exists(staging)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(staging)) {
      return files.filter(p -> p.toString().endsWith(".parquet")).toList();
    }
  }

  /** Emits the i-th change of the script as a RowKind-tagged row. */
  private static final class ChangeScript implements GeneratorFunction<Long, RowData> {
    private final List<String> changes;

    ChangeScript(List<String> changes) {
      this.changes = List.copyOf(changes);
    }

    @Override
    public RowData map(Long index) {
      String[] p = changes.get(index.intValue()).split(" ");
      GenericRowData row = GenericRowData.of(StringData.fromString(p[1]), Integer.parseInt(p[2]));
      row.setRowKind(
          switch (p[0]) {
            case "+I" -> RowKind.INSERT;
            case "-U" -> RowKind.UPDATE_BEFORE;
            case "+U" -> RowKind.UPDATE_AFTER;
            case "-D" -> RowKind.DELETE;
            default -> throw new IllegalArgumentException(p[0]);
          });
      return row;
    }
  }
}
