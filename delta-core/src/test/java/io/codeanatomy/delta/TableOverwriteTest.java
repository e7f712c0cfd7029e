package io.codeanatomy.delta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.codeanatomy.delta.commit.CommitConflictException;
import io.codeanatomy.delta.commit.DeltaTransaction;
import io.codeanatomy.delta.read.SnapshotReader;
import io.codeanatomy.delta.write.ParquetFileWriter;
import io.codeanatomy.delta.write.TableOverwrite;
import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableOverwriteTest {
  static final StructType LOC =
      new StructType().add("line", IntegerType.INTEGER).add("col", IntegerType.INTEGER);
  static final StructType SCHEMA =
      new StructType()
          .add("id", StringType.STRING, false)
          .add("n", IntegerType.INTEGER)
          .add("score", DoubleType.DOUBLE)
          .add("tags", new ArrayType(StringType.STRING, true))
          .add("props", new MapType(StringType.STRING, StringType.STRING, true))
          .add("loc", LOC);

  @TempDir Path dir;

  @Test
  void createsTableWithCdfAndReadsBackEveryType() {
    DeltaTable table = DeltaTable.forPath(dir.resolve("t"));
    List<Object[]> rows =
        rows(
            new Object[] {"a", 1, 0.5, List.of("x", "y"), Map.of("k", "v"), new Object[] {3, 4}},
            new Object[] {"b", null, null, List.of(), Map.of(), null});

    long version = TableOverwrite.replaceContent(table, SCHEMA, TableOverwrite.CDF_ON, rows);

    assertThat(version).isZero();
    assertThat(table.snapshot().getTableProperties())
        .containsEntry("delta.enableChangeDataFeed", "true");
    assertThat(table.snapshot().getSchema()).isEqualTo(SCHEMA);
    List<Object[]> read = SnapshotReader.readAll(table);
    assertThat(read).hasSize(2);
    Object[] a = read.stream().filter(r -> r[0].equals("a")).findFirst().orElseThrow();
    assertThat(a[1]).isEqualTo(1);
    assertThat(a[3]).isEqualTo(List.of("x", "y"));
    assertThat(a[4]).isEqualTo(Map.of("k", "v"));
    assertThat((Object[]) a[5]).containsExactly(3, 4);
    assertThat(table.files(table.snapshot()))
        .allSatisfy(f -> assertThat(f.numRecords()).isEqualTo(2));
  }

  @Test
  void overwriteReplacesContentAsOneNewVersion() {
    DeltaTable table = DeltaTable.forPath(dir.resolve("t"));
    TableOverwrite.replaceContent(table, SCHEMA, TableOverwrite.CDF_ON, rows(row("a")));

    long version =
        TableOverwrite.replaceContent(
            table, SCHEMA, TableOverwrite.CDF_ON, rows(row("b"), row("c")));

    assertThat(version).isEqualTo(1);
    assertThat(SnapshotReader.readAll(table))
        .extracting(r -> r[0])
        .containsExactlyInAnyOrder("b", "c");
    assertThat(SnapshotReader.readAll(table, table.snapshotAt(0)))
        .extracting(r -> r[0])
        .containsExactly("a");
  }

  @Test
  void nullInNotNullColumnFailsAndCommitsNothing() {
    DeltaTable table = DeltaTable.forPath(dir.resolve("t"));
    TableOverwrite.replaceContent(table, SCHEMA, TableOverwrite.CDF_ON, rows(row("a")));

    assertThatThrownBy(
            () ->
                TableOverwrite.replaceContent(
                    table, SCHEMA, TableOverwrite.CDF_ON, rows(row(null))))
        .isInstanceOf(DeltaException.class)
        .hasMessageContaining("`id` is NOT NULL");
    assertThat(table.latestVersion()).isZero();
    assertThat(SnapshotReader.readAll(table)).hasSize(1);
  }

  @Test
  void schemaChangeIsRefusedAndNamesBothSchemas() {
    DeltaTable table = DeltaTable.forPath(dir.resolve("t"));
    TableOverwrite.replaceContent(table, SCHEMA, TableOverwrite.CDF_ON, rows(row("a")));
    StructType other = new StructType().add("id", StringType.STRING, false);

    assertThatThrownBy(
            () -> TableOverwrite.replaceContent(table, other, TableOverwrite.CDF_ON, List.of()))
        .isInstanceOf(DeltaException.class)
        .hasMessageContaining("schema evolution is not supported");
  }

  @Test
  void secondWriterForTheSameVersionLosesCleanly() {
    DeltaTable table = DeltaTable.forPath(dir.resolve("t"));
    TableOverwrite.replaceContent(table, SCHEMA, TableOverwrite.CDF_ON, rows(row("a")));
    DeltaTransaction first = TableOverwrite.begin(table, SCHEMA, TableOverwrite.CDF_ON);
    DeltaTransaction second = TableOverwrite.begin(table, SCHEMA, TableOverwrite.CDF_ON);
    new ParquetFileWriter(table, SCHEMA).write(rows(row("b"))).forEach(first::add);
    new ParquetFileWriter(table, SCHEMA).write(rows(row("c"))).forEach(second::add);

    assertThat(first.commit("WRITE", Map.of())).isEqualTo(1);
    assertThatThrownBy(() -> second.commit("WRITE", Map.of()))
        .isInstanceOf(CommitConflictException.class)
        .hasMessageContaining("commit 1");
    assertThat(SnapshotReader.readAll(table)).extracting(r -> r[0]).containsExactly("b");
  }

  @Test
  void missingTableIsAClearError() {
    DeltaTable table = DeltaTable.forPath(dir.resolve("nothing"));
    assertThat(table.exists()).isFalse();
    assertThatThrownBy(table::snapshot)
        .isInstanceOf(DeltaException.class)
        .hasMessageContaining("no Delta table here")
        .hasMessageContaining("nothing");
  }

  @Test
  void logHasOneCommitFilePerVersionAndNoLeftovers() throws Exception {
    DeltaTable table = DeltaTable.forPath(dir.resolve("t"));
    TableOverwrite.replaceContent(table, SCHEMA, TableOverwrite.CDF_ON, rows(row("a")));
    TableOverwrite.replaceContent(table, SCHEMA, TableOverwrite.CDF_ON, rows(row("a")));
    try (var files = Files.list(table.logDir())) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("00000000000000000000.json", "00000000000000000001.json");
    }
  }

  private static List<Object[]> rows(Object[]... rows) {
    return List.of(rows);
  }

  private static Object[] row(String id) {
    return new Object[] {id, 1, 1.0, List.of(), Map.of(), null};
  }
}
