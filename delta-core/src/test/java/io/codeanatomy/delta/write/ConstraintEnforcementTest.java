package io.codeanatomy.delta.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.codeanatomy.delta.DeltaException;
import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.commit.AddFile;
import io.codeanatomy.delta.commit.DeltaTransaction;
import io.codeanatomy.delta.commit.Metadata;
import io.codeanatomy.delta.read.SnapshotReader;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CHECK constraints and NOT NULL columns on every path that writes data files, on real tables. */
class ConstraintEnforcementTest {
  static final StructType LOC =
      new StructType().add("line", IntegerType.INTEGER, false).add("col", IntegerType.INTEGER);
  static final StructType SCHEMA =
      new StructType()
          .add("id", StringType.STRING, false)
          .add("n", IntegerType.INTEGER)
          .add("kind", StringType.STRING)
          .add("loc", LOC);
  static final Map<String, String> CONSTRAINED =
      Map.of(
          "delta.enableChangeDataFeed", "true",
          "delta.constraints.positive", "n > 0",
          "delta.constraints.known_kind", "kind IN ('CALL', 'DEF') OR kind IS NULL");

  @TempDir Path dir;

  @Test
  void constraintsGivenAtCreationAreStoredAsTablePropertiesUnderAWriterVersionThatHasThem() {
    DeltaTable table = DeltaTable.forPath(dir.resolve("t"));

    TableOverwrite.replaceContent(table, SCHEMA, CONSTRAINED, rows(row("a", 1, "CALL")));

    assertThat(table.snapshot().getTableProperties())
        .containsEntry("delta.constraints.positive", "n > 0");
    assertThat(table.snapshot().getProtocol().getMinWriterVersion()).isGreaterThanOrEqualTo(3);
    assertThat(SnapshotReader.readAll(table)).hasSize(1);
  }

  @Test
  void aViolatingOverwriteFailsNamingTableConstraintExpressionAndRowAndWritesNothing()
      throws Exception {
    DeltaTable table = DeltaTable.forPath(dir.resolve("t"));
    TableOverwrite.replaceContent(table, SCHEMA, CONSTRAINED, rows(row("a", 1, "CALL")));
    long filesBefore = parquetFiles(table);

    assertThatThrownBy(
            () ->
                TableOverwrite.replaceContent(
                    table, SCHEMA, CONSTRAINED, rows(row("b", 2, "DEF"), row("c", -7, "CALL"))))
        .isInstanceOf(DeltaException.class)
        .hasMessageContaining(table.path())
        .hasMessageContaining("CHECK constraint `positive` (n > 0)")
        .hasMessageContaining("{id='c', n=-7, kind='CALL', loc={line=1, col=2}}")
        .hasMessageContaining("it is FALSE");
    assertThat(table.latestVersion()).isZero();
    assertThat(parquetFiles(table)).isEqualTo(filesBefore);
  }

  @Test
  void aNullResultIsAViolationAsInDelta() {
    DeltaTable table = DeltaTable.forPath(dir.resolve("t"));
    TableOverwrite.replaceContent(table, SCHEMA, CONSTRAINED, rows(row("a", 1, "CALL")));

    // n > 0 is NULL when n is NULL: Spark's Delta writer rejects such a row, so do we.
    assertThatThrownBy(
            () ->
                TableOverwrite.replaceContent(
                    table, SCHEMA, CONSTRAINED, rows(row("b", null, "CALL"))))
        .isInstanceOf(DeltaException.class)
        .hasMessageContaining("`positive`")
        .hasMessageContaining("n=null")
        .hasMessageContaining("NULL, which Delta counts as a violation");
  }

  @Test
  void aTableWhoseFirstBatchViolatesIsNotCreated() {
    DeltaTable table = DeltaTable.forPath(dir.resolve("t"));

    assertThatThrownBy(
            () ->
                TableOverwrite.replaceContent(
                    table, SCHEMA, CONSTRAINED, rows(row("a", 1, "IMPORT"))))
        .isInstanceOf(DeltaException.class)
        .hasMessageContaining("`known_kind`");
    assertThat(table.exists()).isFalse();
  }

  @Test
  void keyedChangesAreCheckedBeforeAnyFileIsWritten() throws Exception {
    DeltaTable table = DeltaTable.forPath(dir.resolve("t"));
    TableOverwrite.replaceContent(table, SCHEMA, CONSTRAINED, rows(row("a", 1, "CALL")));
    KeyedChangeWriter writer = new KeyedChangeWriter(table, KeyedLayout.keyedBy("id"));
    long filesBefore = parquetFiles(table);

    assertThatThrownBy(() -> writer.apply(rows(row("a", 0, "CALL")), List.of()))
        .isInstanceOf(DeltaException.class)
        .hasMessageContaining("`positive`")
        .hasMessageContaining("id='a', n=0");
    assertThat(table.latestVersion()).isZero();
    assertThat(parquetFiles(table)).isEqualTo(filesBefore);

    assertThat(writer.apply(rows(row("a", 5, "DEF")), List.of()).version()).contains(1L);
  }

  @Test
  void nestedNotNullFieldsOfAPresentStructAreChecked() {
    DeltaTable table = DeltaTable.forPath(dir.resolve("t"));
    Object[] bad = {"a", 1, "CALL", new Object[] {null, 2}};
    Object[] absentStruct = {"b", 1, "CALL", null};

    assertThatThrownBy(() -> TableOverwrite.replaceContent(table, SCHEMA, CONSTRAINED, rows(bad)))
        .isInstanceOf(DeltaException.class)
        .hasMessageContaining("column `loc.line` is NOT NULL");
    TableOverwrite.replaceContent(table, SCHEMA, CONSTRAINED, rows(absentStruct));
    assertThat(SnapshotReader.readAll(table)).hasSize(1);
  }

  @Test
  void aWriterOpenedOnTheLatestVersionChecksItsConstraints() {
    DeltaTable table = DeltaTable.forPath(dir.resolve("t"));
    TableOverwrite.replaceContent(table, SCHEMA, CONSTRAINED, rows(row("a", 1, "CALL")));

    assertThatThrownBy(() -> new ParquetFileWriter(table, SCHEMA).write(rows(row("b", -1, null))))
        .isInstanceOf(DeltaException.class)
        .hasMessageContaining("`positive`");
  }

  @Test
  void filesWrittenBeforeAConstraintWasAddedAreCheckedAgainWhenCommitted() throws Exception {
    DeltaTable table = DeltaTable.forPath(dir.resolve("t"));
    Map<String, String> plain = Map.of("delta.enableChangeDataFeed", "true");
    TableOverwrite.replaceContent(table, SCHEMA, plain, rows(row("a", 1, "CALL")));
    ParquetFileWriter earlyWriter = new ParquetFileWriter(table, SCHEMA); // no constraint yet
    addConstraint(table, 1, "positive", "n > 0");
    List<AddFile> files = earlyWriter.write(rows(row("b", -1, "CALL")));
    DeltaTransaction txn = DeltaTransaction.update(table);
    files.forEach(txn::add);

    assertThatThrownBy(() -> txn.commit("WRITE", Map.of()))
        .isInstanceOf(DeltaException.class)
        .hasMessageContaining("in data file " + files.get(0).path() + " added by this commit")
        .hasMessageContaining("`positive` (n > 0)")
        .hasMessageContaining("n=-1");
    assertThat(table.latestVersion()).isEqualTo(1);
  }

  @Test
  void anUnsupportedConstraintRefusesWritingButNotReading() throws Exception {
    DeltaTable table = DeltaTable.forPath(dir.resolve("t"));
    Map<String, String> plain = Map.of("delta.enableChangeDataFeed", "true");
    TableOverwrite.replaceContent(table, SCHEMA, plain, rows(row("a", 1, "CALL")));
    addConstraint(table, 1, "pattern", "kind LIKE 'C%'");

    assertThatThrownBy(() -> DeltaTransaction.update(table))
        .isInstanceOf(DeltaException.class)
        .hasMessageContaining("CHECK constraint `pattern` (kind LIKE 'C%') cannot be enforced")
        .hasMessageContaining("`LIKE` is not supported");
    assertThatThrownBy(() -> new ParquetFileWriter(table, SCHEMA))
        .isInstanceOf(DeltaException.class)
        .hasMessageContaining("`pattern`");
    assertThat(SnapshotReader.readAll(table)).hasSize(1);
  }

  @Test
  void aTableIsNotCreatedWithAConstraintItCannotEnforce() {
    DeltaTable table = DeltaTable.forPath(dir.resolve("t"));
    Map<String, String> props = new HashMap<>(CONSTRAINED);
    props.put("delta.constraints.short_id", "substring(id, 1, 1) = 'a'");

    assertThatThrownBy(() -> TableOverwrite.replaceContent(table, SCHEMA, props, List.of()))
        .isInstanceOf(DeltaException.class)
        .hasMessageContaining("`short_id`")
        .hasMessageContaining("function `substring` is not supported");
    assertThat(table.exists()).isFalse();
  }

  /** Commits a metadata change the way another client (Spark's ADD CONSTRAINT) would. */
  private static void addConstraint(DeltaTable table, long version, String name, String sql)
      throws Exception {
    Map<String, String> props = new HashMap<>(table.snapshot().getTableProperties());
    props.put("delta.constraints." + name, sql);
    String line =
        new Metadata(table.snapshot().getMetadata().getId(), SCHEMA.toJson(), props, 0)
            .toJson(JsonNodeFactory.instance)
            .toString();
    Files.writeString(table.logDir().resolve(String.format("%020d.json", version)), line + "\n");
  }

  private static long parquetFiles(DeltaTable table) throws Exception {
    try (Stream<Path> files = Files.walk(table.root())) {
      return files.filter(p -> p.toString().endsWith(".parquet")).count();
    }
  }

  private static List<Object[]> rows(Object[]... rows) {
    return List.of(rows);
  }

  private static Object[] row(String id, Integer n, String kind) {
    return new Object[] {id, n, kind, new Object[] {1, 2}};
  }
}
