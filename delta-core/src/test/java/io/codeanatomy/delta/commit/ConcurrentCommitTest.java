package io.codeanatomy.delta.commit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.read.SnapshotReader;
import io.codeanatomy.delta.write.KeyedChangeWriter;
import io.codeanatomy.delta.write.KeyedLayout;
import io.codeanatomy.delta.write.ParquetFileWriter;
import io.codeanatomy.delta.write.TableOverwrite;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two transactions racing for one version: rebase when independent, a clear error otherwise. */
class ConcurrentCommitTest {
  static final StructType SCHEMA =
      new StructType().add("id", StringType.STRING, false).add("n", IntegerType.INTEGER);

  @TempDir Path dir;
  DeltaTable table;

  @BeforeEach
  void createTable() {
    table = DeltaTable.forPath(dir.resolve("t"));
    TableOverwrite.replaceContent(table, SCHEMA, TableOverwrite.CDF_ON, rows(row("a", 1)));
  }

  @Test
  void blindAppendsRebaseOverEachOther() {
    DeltaTransaction first = DeltaTransaction.update(table);
    DeltaTransaction second = DeltaTransaction.update(table);
    write(rows(row("b", 2))).forEach(first::add);
    write(rows(row("c", 3))).forEach(second::add);

    assertThat(first.commit("WRITE", Map.of())).isEqualTo(1);
    assertThat(second.commit("WRITE", Map.of())).isEqualTo(2);
    assertThat(SnapshotReader.readAll(table))
        .extracting(r -> r[0])
        .containsExactlyInAnyOrder("a", "b", "c");
  }

  @Test
  void keyedChangesToDisjointKeysRebaseOverABlindAppendOutsideTheirRange() {
    KeyedChangeWriter writer = new KeyedChangeWriter(table, KeyedLayout.keyedBy("id"));
    DeltaTransaction keyed = DeltaTransaction.update(table);
    writer.stage(keyed, rows(row("a", 10)), List.of());
    DeltaTransaction append = DeltaTransaction.update(table);
    write(rows(row("z", 26))).forEach(append::add);
    append.commit("WRITE", Map.of());

    assertThat(keyed.commit("MERGE", Map.of())).isEqualTo(2);
    assertThat(SnapshotReader.readAll(table))
        .extracting(r -> r[0] + "=" + r[1])
        .containsExactlyInAnyOrder("a=10", "z=26");
  }

  @Test
  void twoRewritesOfTheSameFileConflictInsteadOfLosingAnUpdate() {
    KeyedChangeWriter writer = new KeyedChangeWriter(table, KeyedLayout.keyedBy("id"));
    DeltaTransaction first = DeltaTransaction.update(table);
    DeltaTransaction second = DeltaTransaction.update(table);
    writer.stage(first, rows(row("a", 10)), List.of());
    writer.stage(second, rows(row("a", 20)), List.of());
    first.commit("MERGE", Map.of());

    assertThatThrownBy(() -> second.commit("MERGE", Map.of()))
        .isInstanceOf(CommitConflictException.class)
        .hasMessageContaining("commit 1")
        .hasMessageContaining("version 1 also removed file")
        .hasMessageContaining("read version 0")
        .hasMessageContaining(table.path());
    assertThat(SnapshotReader.readAll(table)).extracting(r -> r[1]).containsExactly(10);
  }

  @Test
  void aConcurrentInsertOfAKeyThisBatchInsertsConflicts() {
    KeyedChangeWriter writer = new KeyedChangeWriter(table, KeyedLayout.keyedBy("id"));
    DeltaTransaction mine = DeltaTransaction.update(table);
    writer.stage(mine, rows(row("k", 1)), List.of());
    writer.apply(rows(row("k", 2)), List.of()); // another writer wins version 1

    assertThatThrownBy(() -> mine.commit("MERGE", Map.of()))
        .isInstanceOf(CommitConflictException.class)
        .hasMessageContaining("version 1 added file")
        .hasMessageContaining("may hold rows this transaction read");
    assertThat(SnapshotReader.readAll(table)).hasSize(2);
  }

  @Test
  void theSameApplicationCommittingConcurrentlyConflicts() {
    DeltaTransaction first = DeltaTransaction.update(table).setTransaction("app-1", 5);
    DeltaTransaction second = DeltaTransaction.update(table).setTransaction("app-1", 5);
    write(rows(row("b", 2))).forEach(first::add);
    write(rows(row("b", 2))).forEach(second::add);
    first.commit("WRITE", Map.of());

    assertThatThrownBy(() -> second.commit("WRITE", Map.of()))
        .isInstanceOf(CommitConflictException.class)
        .hasMessageContaining("txn of application app-1 at version 5");
    assertThat(SnapshotReader.readAll(table)).hasSize(2);
  }

  @Test
  void aConcurrentMetadataChangeConflicts() throws Exception {
    DeltaTransaction mine = DeltaTransaction.update(table);
    write(rows(row("b", 2))).forEach(mine::add);
    String metadata =
        new Metadata(
                table.snapshot().getMetadata().getId(),
                SCHEMA.toJson(),
                Map.of("delta.enableChangeDataFeed", "false"),
                0)
            .toJson(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance)
            .toString();
    Files.writeString(table.logDir().resolve("00000000000000000001.json"), metadata + "\n");

    assertThatThrownBy(() -> mine.commit("WRITE", Map.of()))
        .isInstanceOf(CommitConflictException.class)
        .hasMessageContaining("version 1 changed the table's metadata");
  }

  @Test
  void anOverwriteConflictsWithAConcurrentAppend() {
    DeltaTransaction overwrite = TableOverwrite.begin(table, SCHEMA, TableOverwrite.CDF_ON);
    DeltaTransaction append = DeltaTransaction.update(table);
    write(rows(row("b", 2))).forEach(append::add);
    append.commit("WRITE", Map.of());

    assertThatThrownBy(() -> overwrite.commit("WRITE", Map.of()))
        .isInstanceOf(CommitConflictException.class)
        .hasMessageContaining("the whole table");
  }

  @Test
  void twoCreatorsOfOneTableConflict() {
    DeltaTable fresh = DeltaTable.forPath(dir.resolve("fresh"));
    DeltaTransaction first = DeltaTransaction.createTable(fresh, SCHEMA, TableOverwrite.CDF_ON);
    DeltaTransaction second = DeltaTransaction.createTable(fresh, SCHEMA, TableOverwrite.CDF_ON);
    first.commit("CREATE TABLE", Map.of());

    assertThatThrownBy(() -> second.commit("CREATE TABLE", Map.of()))
        .isInstanceOf(CommitConflictException.class)
        .hasMessageContaining("version 0 created the table first");
  }

  private List<AddFile> write(List<Object[]> rows) {
    return new ParquetFileWriter(table, SCHEMA).write(rows);
  }

  private static List<Object[]> rows(Object[]... rows) {
    return List.of(rows);
  }

  private static Object[] row(String id, int n) {
    return new Object[] {id, n};
  }
}
