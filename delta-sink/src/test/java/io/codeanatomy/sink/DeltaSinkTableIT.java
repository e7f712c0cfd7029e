package io.codeanatomy.sink;

import static org.apache.flink.table.api.Expressions.array;
import static org.apache.flink.table.api.Expressions.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.read.SnapshotReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.TableDescriptor;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.types.DataType;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Batch jobs through the Table API on a local MiniCluster, writing real Delta tables. */
class DeltaSinkTableIT {
  static final DataType ROW_TYPE =
      DataTypes.ROW(
          DataTypes.FIELD("id", DataTypes.STRING().notNull()),
          DataTypes.FIELD("n", DataTypes.INT()));

  @TempDir Path dir;

  @Test
  void overwriteRunTwiceCommitsOneVersionPerRunWithTheSameRows() throws Exception {
    Path path = dir.resolve("t");
    DeltaTable table = DeltaTable.forPath(path);

    insert(env(1), 3, descriptor(path, "overwrite", ROW_TYPE).build());
    assertThat(table.latestVersion()).isZero();
    assertThat(table.snapshot().getTableProperties())
        .containsEntry("delta.enableChangeDataFeed", "true");

    insert(env(1), 3, descriptor(path, "overwrite", ROW_TYPE).build());

    assertThat(table.latestVersion()).isEqualTo(1);
    assertThat(ids(table)).containsExactlyInAnyOrder("r0", "r1", "r2");
    assertThat(logLines(table, 1)).anyMatch(l -> l.startsWith("{\"remove\""));
    assertThat(logLines(table, 1)).filteredOn(l -> l.startsWith("{\"txn\"")).hasSize(1);
  }

  @Test
  void appendAddsToWhatTheTableHeld() throws Exception {
    Path path = dir.resolve("t");
    DeltaTable table = DeltaTable.forPath(path);

    insert(env(1), 2, descriptor(path, "append", ROW_TYPE).build());
    insert(env(1), 2, descriptor(path, "append", ROW_TYPE).build());

    assertThat(table.latestVersion()).isEqualTo(1);
    assertThat(ids(table)).containsExactlyInAnyOrder("r0", "r1", "r0", "r1");
    assertThat(logLines(table, 1)).noneMatch(l -> l.startsWith("{\"remove\""));
  }

  @Test
  void insertOverwriteReplacesContentOfAnAppendTable() throws Exception {
    Path path = dir.resolve("t");
    DeltaTable table = DeltaTable.forPath(path);
    insert(env(1), 4, descriptor(path, "append", ROW_TYPE).build());

    env(1)
        .fromValues(ROW_TYPE, Row.of("only", 1))
        .insertInto(descriptor(path, "append", ROW_TYPE).build(), true)
        .execute()
        .await();

    assertThat(table.latestVersion()).isEqualTo(1);
    assertThat(ids(table)).containsExactly("only");
  }

  @Test
  void parallelWritersOverwriteAsOneVersion() throws Exception {
    Path path = dir.resolve("t");
    DeltaTable table = DeltaTable.forPath(path);
    insert(env(1), 5, descriptor(path, "overwrite", ROW_TYPE).build());

    insert(
        env(2),
        200,
        descriptor(path, "overwrite", ROW_TYPE)
            .option("sink.parallelism", "2")
            .option("sink.rows-per-file", "25")
            .build());

    assertThat(table.latestVersion()).isEqualTo(1);
    assertThat(SnapshotReader.readAll(table)).hasSize(200);
    assertThat(ids(table)).doesNotHaveDuplicates();
    // 200 rows at 25 per file from two writers: at least 8 files, all in the one version.
    assertThat(table.files(table.snapshot()).size()).isGreaterThanOrEqualTo(8);
  }

  @Test
  void nestedAndTemporalTypesRoundTrip() throws Exception {
    DataType type =
        DataTypes.ROW(
            DataTypes.FIELD("id", DataTypes.STRING().notNull()),
            DataTypes.FIELD("tags", DataTypes.ARRAY(DataTypes.STRING())),
            DataTypes.FIELD("props", DataTypes.MAP(DataTypes.STRING(), DataTypes.BIGINT())),
            DataTypes.FIELD(
                "loc",
                DataTypes.ROW(
                    DataTypes.FIELD("line", DataTypes.INT()),
                    DataTypes.FIELD("spans", DataTypes.ARRAY(DataTypes.INT())))),
            DataTypes.FIELD("amount", DataTypes.DECIMAL(10, 2)),
            DataTypes.FIELD("day", DataTypes.DATE()),
            DataTypes.FIELD("at", DataTypes.TIMESTAMP(6)),
            DataTypes.FIELD("raw", DataTypes.BYTES()),
            DataTypes.FIELD("flag", DataTypes.BOOLEAN()),
            DataTypes.FIELD("ratio", DataTypes.DOUBLE()));
    Path path = dir.resolve("t");
    DeltaTable table = DeltaTable.forPath(path);

    TableEnvironment env = env(1);
    Table input =
        env.fromValues(
            type,
            row(
                "a",
                new String[] {"x", "y"},
                Map.of("k", 7L),
                row(3, array(1, 2)),
                new BigDecimal("12.34"),
                LocalDate.of(2024, 2, 29),
                LocalDateTime.of(2024, 2, 29, 12, 0, 0, 123_456_000),
                "hi".getBytes(StandardCharsets.UTF_8),
                true,
                0.5),
            row("b", null, null, null, null, null, null, null, null, null));
    insert(env, input, descriptor(path, "overwrite", type).build());

    List<Object[]> read = SnapshotReader.readAll(table);
    assertThat(read).hasSize(2);
    Object[] a = read.stream().filter(r -> r[0].equals("a")).findFirst().orElseThrow();
    assertThat(a[1]).isEqualTo(List.of("x", "y"));
    assertThat(a[2]).isEqualTo(Map.of("k", 7L));
    assertThat((Object[]) a[3]).containsExactly(3, List.of(1, 2));
    assertThat(a[4]).isEqualTo(new BigDecimal("12.34"));
    assertThat(a[5]).isEqualTo((int) LocalDate.of(2024, 2, 29).toEpochDay());
    long micros = LocalDate.of(2024, 2, 29).toEpochDay() * 86_400_000_000L + 12 * 3_600_000_000L;
    assertThat(a[6]).isEqualTo(micros + 123_456);
    assertThat((byte[]) a[7]).isEqualTo("hi".getBytes(StandardCharsets.UTF_8));
    assertThat(a[8]).isEqualTo(true);
    assertThat(a[9]).isEqualTo(0.5);
    Object[] b = read.stream().filter(r -> r[0].equals("b")).findFirst().orElseThrow();
    assertThat(Stream.of(b).skip(1)).containsOnlyNulls();
  }

  @Test
  void nullInNotNullColumnFailsTheJobAndCommitsNothing() throws Exception {
    Path path = dir.resolve("t");
    DeltaTable table = DeltaTable.forPath(path);
    insert(env(1), 2, descriptor(path, "overwrite", ROW_TYPE).build());
    DataType nullableInput =
        DataTypes.ROW(
            DataTypes.FIELD("id", DataTypes.STRING()), DataTypes.FIELD("n", DataTypes.INT()));

    TableEnvironment env = env(1);
    Table bad = env.fromValues(nullableInput, Row.of("ok", 1), Row.of(null, 2));
    assertThatThrownBy(
            () -> bad.insertInto(descriptor(path, "overwrite", ROW_TYPE).build()).execute().await())
        .hasStackTraceContaining("NOT NULL");

    assertThat(table.latestVersion()).isZero();
    assertThat(ids(table)).containsExactlyInAnyOrder("r0", "r1");
  }

  @Test
  void existingTableWithAnotherSchemaFailsBeforeWriting() throws Exception {
    Path path = dir.resolve("t");
    DeltaTable table = DeltaTable.forPath(path);
    insert(env(1), 2, descriptor(path, "overwrite", ROW_TYPE).build());
    DataType other =
        DataTypes.ROW(
            DataTypes.FIELD("id", DataTypes.STRING().notNull()),
            DataTypes.FIELD("n", DataTypes.BIGINT()));
    long filesBefore = parquetFiles(path);

    TableEnvironment env = env(1);
    assertThatThrownBy(
            () ->
                env.fromValues(other, Row.of("x", 1L))
                    .insertInto(descriptor(path, "overwrite", other).build())
                    .execute()
                    .await())
        .hasStackTraceContaining("schema evolution is not supported")
        .hasStackTraceContaining(path.toString());

    assertThat(table.latestVersion()).isZero();
    assertThat(parquetFiles(path)).isEqualTo(filesBefore);
  }

  private static TableEnvironment env(int parallelism) {
    Configuration conf = new Configuration();
    conf.setString("parallelism.default", Integer.toString(parallelism));
    // The local cluster's default network memory is too small for parallel batch shuffles.
    conf.setString("taskmanager.memory.network.min", "128mb");
    conf.setString("taskmanager.memory.network.max", "128mb");
    return TableEnvironment.create(
        EnvironmentSettings.newInstance().inBatchMode().withConfiguration(conf).build());
  }

  private static void insert(TableEnvironment env, Table input, TableDescriptor target)
      throws Exception {
    input.insertInto(target).execute().await();
  }

  private static void insert(TableEnvironment env, int n, TableDescriptor target) throws Exception {
    List<Row> values = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      values.add(Row.of("r" + i, i));
    }
    insert(env, env.fromValues(ROW_TYPE, values), target);
  }

  private static TableDescriptor.Builder descriptor(Path path, String mode, DataType type) {
    return TableDescriptor.forConnector("delta")
        .schema(Schema.newBuilder().fromRowDataType(type).build())
        .option("path", path.toString())
        .option("sink.mode", mode);
  }

  private static List<Object> ids(DeltaTable table) {
    return SnapshotReader.readAll(table).stream().map(r -> r[0]).toList();
  }

  private static List<String> logLines(DeltaTable table, long version) throws Exception {
    return Files.readAllLines(table.logDir().resolve(String.format("%020d.json", version)));
  }

  private static long parquetFiles(Path path) throws Exception {
    try (Stream<Path> files = Files.list(path)) {
      return files.filter(p -> p.toString().endsWith(".parquet")).count();
    }
  }
}
