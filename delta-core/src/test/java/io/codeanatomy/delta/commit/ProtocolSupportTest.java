package io.codeanatomy.delta.commit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.codeanatomy.delta.DeltaException;
import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.write.ParquetFileWriter;
import io.codeanatomy.delta.write.TableOverwrite;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Protocols are written into the log by hand, as another client would have upgraded the table. */
class ProtocolSupportTest {
  static final StructType SCHEMA = new StructType().add("id", StringType.STRING);

  @TempDir Path dir;
  DeltaTable table;

  @BeforeEach
  void createTable() {
    table = DeltaTable.forPath(dir.resolve("t"));
    TableOverwrite.replaceContent(table, SCHEMA, TableOverwrite.CDF_ON, List.<Object[]>of());
  }

  @Test
  void writerFeaturesThisLayerLacksAreRefusedByName() throws Exception {
    commitLine(
        1,
        "{\"protocol\":{\"minReaderVersion\":1,\"minWriterVersion\":7,"
            + "\"writerFeatures\":[\"changeDataFeed\",\"domainMetadata\"]}}");

    assertThatThrownBy(() -> DeltaTransaction.update(table))
        .isInstanceOf(DeltaException.class)
        .hasMessageContaining("writer feature `domainMetadata`")
        .hasMessageContaining("version 1");
  }

  @Test
  void deletionVectorsAreRefused() throws Exception {
    commitLine(
        1,
        "{\"protocol\":{\"minReaderVersion\":3,\"minWriterVersion\":7,"
            + "\"readerFeatures\":[\"deletionVectors\"],"
            + "\"writerFeatures\":[\"deletionVectors\"]}}");

    assertThatThrownBy(() -> DeltaTransaction.update(table))
        .isInstanceOf(DeltaException.class)
        .hasMessageContaining("`deletionVectors`");
  }

  @Test
  void writerVersionsAboveSevenAreRefused() throws Exception {
    commitLine(1, "{\"protocol\":{\"minReaderVersion\":1,\"minWriterVersion\":8}}");

    assertThatThrownBy(() -> DeltaTransaction.update(table))
        .isInstanceOf(DeltaException.class)
        .hasMessageContaining("needs writer version 8");
  }

  @Test
  void checkConstraintsAreEnforcedRatherThanRefused() throws Exception {
    commitLine(
        1,
        new Metadata(
                table.snapshot().getMetadata().getId(),
                SCHEMA.toJson(),
                Map.of(
                    "delta.enableChangeDataFeed",
                    "true",
                    "delta.constraints.short",
                    "length(id) < 3"),
                0)
            .toJson(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance)
            .toString());

    DeltaTransaction txn = DeltaTransaction.update(table);
    assertThat(txn.constraints().checks()).extracting(c -> c.name()).containsExactly("short");
    assertThatThrownBy(
            () ->
                ParquetFileWriter.forTransaction(txn)
                    .write(List.<Object[]>of(new Object[] {"abcd"})))
        .isInstanceOf(DeltaException.class)
        .hasMessageContaining("`short` (length(id) < 3)");
  }

  @Test
  void checkConstraintsUnderAProtocolWithoutThemAreRefused() throws Exception {
    commitLine(
        1,
        "{\"protocol\":{\"minReaderVersion\":1,\"minWriterVersion\":2}}\n"
            + new Metadata(
                    table.snapshot().getMetadata().getId(),
                    SCHEMA.toJson(),
                    Map.of("delta.constraints.short", "length(id) < 3"),
                    0)
                .toJson(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance));

    assertThatThrownBy(() -> DeltaTransaction.update(table))
        .isInstanceOf(DeltaException.class)
        .hasMessageContaining("does not declare `checkConstraints`");
  }

  @Test
  void legacyColumnInvariantsAreEnforced() throws Exception {
    commitSchemaWithInvariant("length(id) < 3");

    DeltaTransaction txn = DeltaTransaction.update(table);
    assertThatThrownBy(
            () ->
                ParquetFileWriter.forTransaction(txn)
                    .write(List.<Object[]>of(new Object[] {"ab"}, new Object[] {"abcd"})))
        .isInstanceOf(DeltaException.class)
        .hasMessageContaining(
            "invariant of column `id` (length(id) < 3) is violated by row {id='abcd'}");
    ParquetFileWriter.forTransaction(txn)
        .write(List.<Object[]>of(new Object[] {"ab"}))
        .forEach(txn::add);
    assertThat(txn.commit("WRITE", Map.of())).isEqualTo(2);
  }

  @Test
  void legacyColumnInvariantsOutsideTheSubsetAreRefusedByName() throws Exception {
    commitSchemaWithInvariant("id LIKE 'a%'");

    assertThatThrownBy(() -> DeltaTransaction.update(table))
        .isInstanceOf(DeltaException.class)
        .hasMessageContaining("invariant of column `id` (id LIKE 'a%') cannot be enforced")
        .hasMessageContaining("`LIKE` is not supported");
  }

  /** Version 1: the schema with a {@code delta.invariants} on `id`, as Spark writes it. */
  private void commitSchemaWithInvariant(String sql) throws Exception {
    var json = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
    var invariant = json.objectNode();
    invariant.putObject("expression").put("expression", sql);
    var field = json.objectNode().put("name", "id").put("type", "string").put("nullable", true);
    field.putObject("metadata").put("delta.invariants", invariant.toString());
    var schema = json.objectNode().put("type", "struct");
    schema.putArray("fields").add(field);
    commitLine(
        1,
        new Metadata(
                table.snapshot().getMetadata().getId(),
                schema.toString(),
                Map.of("delta.enableChangeDataFeed", "true"),
                0)
            .toJson(json)
            .toString());
  }

  @Test
  void supportedFeaturesAndUnusedOnesAreWritable() throws Exception {
    commitLine(
        1,
        "{\"protocol\":{\"minReaderVersion\":1,\"minWriterVersion\":7,"
            + "\"writerFeatures\":[\"appendOnly\",\"invariants\",\"checkConstraints\","
            + "\"changeDataFeed\",\"generatedColumns\"]}}");

    DeltaTransaction txn = DeltaTransaction.update(table);
    new ParquetFileWriter(table, SCHEMA)
        .write(List.<Object[]>of(new Object[] {"a"}))
        .forEach(txn::add);
    assertThat(txn.commit("WRITE", Map.of())).isEqualTo(2);
  }

  @Test
  void appendOnlyTablesRefuseRemovesButTakeAppends() {
    DeltaTable appendOnly = DeltaTable.forPath(dir.resolve("append-only"));
    Map<String, String> props =
        Map.of("delta.enableChangeDataFeed", "true", DeltaTransaction.APPEND_ONLY, "true");
    TableOverwrite.replaceContent(appendOnly, SCHEMA, props, List.<Object[]>of(new Object[] {"a"}));

    assertThatThrownBy(
            () ->
                TableOverwrite.replaceContent(
                    appendOnly, SCHEMA, props, List.<Object[]>of(new Object[] {"b"})))
        .isInstanceOf(DeltaException.class)
        .hasMessageContaining("append-only");
    DeltaTransaction append = DeltaTransaction.update(appendOnly);
    new ParquetFileWriter(appendOnly, SCHEMA)
        .write(List.<Object[]>of(new Object[] {"b"}))
        .forEach(append::add);
    assertThat(append.commit("WRITE", Map.of())).isEqualTo(1);
  }

  private void commitLine(long version, String line) throws Exception {
    Files.writeString(table.logDir().resolve(String.format("%020d.json", version)), line + "\n");
  }
}
