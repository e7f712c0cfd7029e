package io.codeanatomy.source;

import static org.apache.flink.table.api.Expressions.$;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.write.TableOverwrite;
import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.TableDescriptor;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeltaSnapshotSourceIT {
  static final StructType SCHEMA =
      new StructType()
          .add("id", StringType.STRING, false)
          .add("n", LongType.LONG)
          .add("tags", new ArrayType(StringType.STRING, true))
          .add("loc", new StructType().add("line", IntegerType.INTEGER));

  @TempDir Path dir;
  TableEnvironment env;
  DeltaTable table;

  @BeforeEach
  void setUp() {
    env = TableEnvironment.create(EnvironmentSettings.inBatchMode());
    env.getConfig().set("parallelism.default", "2");
    table = DeltaTable.forPath(dir.resolve("t"));
  }

  @Test
  void readsEveryRowOfTheLatestVersion() {
    TableOverwrite.replaceContent(table, SCHEMA, TableOverwrite.CDF_ON, rows(0, 10));

    List<Row> rows = collect(env.from(descriptor(null)));

    assertThat(rows).hasSize(10);
    assertThat(rows)
        .anySatisfy(
            r -> {
              assertThat(r.getField("id")).isEqualTo("r3");
              assertThat(r.getField("n")).isEqualTo(3L);
              assertThat((String[]) r.getField("tags")).containsExactly("t3");
              assertThat(((Row) r.getField("loc")).getField("line")).isEqualTo(3);
            });
  }

  @Test
  void readsManyFilesInParallelWithoutLossOrDuplicates() {
    // Appending through several overwrites is not possible; write one table with many files by
    // committing files from several writers into one version.
    var txn = TableOverwrite.begin(table, SCHEMA, TableOverwrite.CDF_ON);
    var writer = new io.codeanatomy.delta.write.ParquetFileWriter(table, SCHEMA);
    for (int f = 0; f < 7; f++) {
      writer.write(rows(f * 100, f * 100 + 100)).forEach(txn::add);
    }
    txn.commit("WRITE", java.util.Map.of());
    assertThat(table.files(table.snapshot())).hasSize(7);

    List<Row> rows = collect(env.from(descriptor(null)).select($("id")));

    assertThat(rows).extracting(r -> r.getField(0)).doesNotHaveDuplicates().hasSize(700);
  }

  /** Seven files; file f holds n in [100 f, 100 f + 100). Returns their paths in that order. */
  private List<String> writeSevenFiles() {
    var txn = TableOverwrite.begin(table, SCHEMA, TableOverwrite.CDF_ON);
    var writer = new io.codeanatomy.delta.write.ParquetFileWriter(table, SCHEMA);
    List<String> paths = new ArrayList<>();
    for (int f = 0; f < 7; f++) {
      for (var add : writer.write(rows(f * 100, f * 100 + 100))) {
        txn.add(add);
        paths.add(add.path());
      }
    }
    txn.commit("WRITE", java.util.Map.of());
    return paths;
  }

  @Test
  void filterSkipsFilesByTheirStatisticsAndShowsInThePlan() throws Exception {
    List<String> paths = writeSevenFiles();
    // Files the filter rules out are deleted: the query can only succeed if it never opens them.
    for (int f = 0; f < 6; f++) {
      java.nio.file.Files.delete(table.root().resolve(paths.get(f)));
    }
    Table filtered =
        env.from(descriptor(null)).where($("n").isGreaterOrEqual(650L)).select($("id"));

    String plan = filtered.explain(org.apache.flink.table.api.ExplainDetail.ESTIMATED_COST);
    assertThat(plan).contains("filter=[>=(n, 650");
    assertThat(plan).contains("rowcount = 100.0");
    assertThat(collect(filtered)).hasSize(50);
  }

  @Test
  void aFilterOnAStringColumnAndOrSkipsToo() throws Exception {
    List<String> paths = writeSevenFiles();
    for (int f = 1; f < 7; f++) {
      java.nio.file.Files.delete(table.root().resolve(paths.get(f)));
    }
    // ids are "r<n>": file 0 holds r0..r99, whose string range [r0, r99] contains r5 and r50.
    Table filtered =
        env.from(descriptor(null))
            .where($("id").isEqual("r5").or($("id").isEqual("r50")).and($("n").isLess(100L)));

    assertThat(collect(filtered))
        .extracting(r -> r.getField("id"))
        .containsExactlyInAnyOrder("r5", "r50");
  }

  @Test
  void limitReadsOnlyTheFirstFilesThatHoldEnoughRows() throws Exception {
    writeSevenFiles();
    List<io.codeanatomy.delta.TableFile> files = table.files(table.snapshot());
    for (int f = 1; f < files.size(); f++) {
      java.nio.file.Files.delete(table.root().resolve(files.get(f).path()));
    }
    Table limited = env.from(descriptor(null)).limit(3);

    assertThat(limited.explain()).contains("limit=[3]");
    assertThat(collect(limited)).hasSize(3);
  }

  @Test
  void statisticsGiveThePlannerTheRowCount() {
    writeSevenFiles();

    String plan =
        env.from(descriptor(null))
            .select($("id"))
            .explain(org.apache.flink.table.api.ExplainDetail.ESTIMATED_COST);
    assertThat(plan).contains("rowcount = 700.0");
  }

  @Test
  void pinnedVersionReadsThatSnapshot() {
    TableOverwrite.replaceContent(table, SCHEMA, TableOverwrite.CDF_ON, rows(0, 2));
    TableOverwrite.replaceContent(table, SCHEMA, TableOverwrite.CDF_ON, rows(0, 5));

    assertThat(collect(env.from(descriptor(0L)))).hasSize(2);
    assertThat(collect(env.from(descriptor(1L)))).hasSize(5);
  }

  @Test
  void projectionReadsOnlyUsedColumnsAndShowsInPlan() {
    TableOverwrite.replaceContent(table, SCHEMA, TableOverwrite.CDF_ON, rows(0, 3));
    Table projected = env.from(descriptor(null)).select($("n"));

    assertThat(projected.explain()).contains("project=[n], metadata=[]]], fields=[n])");
    assertThat(collect(projected))
        .extracting(r -> r.getField(0))
        .containsExactlyInAnyOrder(0L, 1L, 2L);
  }

  @Test
  void undeclaredColumnIsAClearError() {
    TableOverwrite.replaceContent(table, SCHEMA, TableOverwrite.CDF_ON, rows(0, 1));
    TableDescriptor wrong =
        TableDescriptor.forConnector("delta")
            .schema(Schema.newBuilder().column("nope", DataTypes.STRING()).build())
            .option("path", table.path())
            .build();

    assertThatThrownBy(() -> env.from(wrong).explain())
        .hasStackTraceContaining("no column `nope`")
        .hasStackTraceContaining(table.path());
  }

  @Test
  void changelogOptionsInSnapshotModeAreAClearError() {
    TableOverwrite.replaceContent(table, SCHEMA, TableOverwrite.CDF_ON, rows(0, 1));
    TableDescriptor wrong =
        TableDescriptor.forConnector("delta")
            .schema(Schema.newBuilder().column("n", DataTypes.BIGINT()).build())
            .option("path", table.path())
            .option("ending-version", "0")
            .build();

    assertThatThrownBy(() -> env.from(wrong).explain())
        .hasStackTraceContaining("'ending-version' needs 'mode' = 'changelog'");
  }

  @Test
  void missingTableIsAClearErrorNamingThePath() {
    assertThatThrownBy(() -> env.from(descriptor(null)).explain())
        .hasStackTraceContaining("no Delta table here")
        .hasStackTraceContaining(table.path());
  }

  @Test
  void aVacuumedDataFileIsAClearErrorNamingTableVersionAndFile() throws Exception {
    TableOverwrite.replaceContent(table, SCHEMA, TableOverwrite.CDF_ON, rows(0, 3));
    String file = table.files(table.snapshot()).get(0).path();
    java.nio.file.Files.delete(table.root().resolve(file));

    assertThatThrownBy(() -> collect(env.from(descriptor(0L))))
        .hasStackTraceContaining("version 0 needs data file " + file + ", which no longer exists")
        .hasStackTraceContaining(table.path());
  }

  private TableDescriptor descriptor(Long version) {
    TableDescriptor.Builder builder =
        TableDescriptor.forConnector("delta")
            .schema(
                Schema.newBuilder()
                    .column("id", DataTypes.STRING().notNull())
                    .column("n", DataTypes.BIGINT())
                    .column("tags", DataTypes.ARRAY(DataTypes.STRING()))
                    .column("loc", DataTypes.ROW(DataTypes.FIELD("line", DataTypes.INT())))
                    .build())
            .option("path", table.path());
    if (version != null) {
      builder.option("starting-version", version.toString());
    }
    return builder.build();
  }

  private static List<Object[]> rows(int from, int to) {
    return IntStream.range(from, to)
        .mapToObj(i -> new Object[] {"r" + i, (long) i, List.of("t" + i), new Object[] {i}})
        .toList();
  }

  private static List<Row> collect(Table table) {
    List<Row> out = new ArrayList<>();
    try (CloseableIterator<Row> it = table.execute().collect()) {
      it.forEachRemaining(out::add);
    } catch (Exception e) {
      throw new RuntimeException(e);
    }
    return out;
  }
}
