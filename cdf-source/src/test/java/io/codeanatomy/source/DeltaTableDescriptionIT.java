package io.codeanatomy.source;

import static io.codeanatomy.source.DeltaChangelogSourceIT.ordered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.codeanatomy.delta.TableFile;
import io.codeanatomy.source.metadata.DescriptionSplit;
import io.codeanatomy.source.metadata.DescriptionSplitSerializer;
import io.codeanatomy.source.metadata.TableDescription;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The modes that read a table's log rather than its rows: {@code changes} (the change feed as
 * insert-only rows), {@code metadata} and {@code files} (a version described).
 */
class DeltaTableDescriptionIT {
  @TempDir Path dir;
  ChangeFeedTable t;
  TableEnvironment env;

  /** v0: a=1, b=2; v1: c=3 appended; v2: a updated to 10, c deleted (cdc files). */
  @BeforeEach
  void setUp() {
    t = new ChangeFeedTable(dir.resolve("t"));
    t.create(ordered("a", 1L, "b", 2L));
    t.append(ordered("c", 3L));
    t.upsert(ordered("a", 10L), List.of("c"));
    env = TableEnvironment.create(EnvironmentSettings.inBatchMode());
  }

  private List<String> collect(String sql) {
    List<String> out = new ArrayList<>();
    try (CloseableIterator<Row> it = env.executeSql(sql).collect()) {
      it.forEachRemaining(r -> out.add(r.toString()));
    } catch (Exception e) {
      throw new RuntimeException(e);
    }
    return out;
  }

  @Test
  void changesMode_emitsEveryChangeAsAnInsertWithItsTypeAndVersion() {
    env.executeSql(
        "CREATE TABLE c (id STRING NOT NULL, n BIGINT, _change_type STRING NOT NULL,"
            + " _commit_version BIGINT NOT NULL, _commit_timestamp TIMESTAMP_LTZ(6) NOT NULL)"
            + " WITH ('connector' = 'delta', 'path' = '"
            + t.table.path()
            + "', 'mode' = 'changes', 'starting-version' = '1', 'ending-version' = '2')");
    assertThat(
            collect(
                "SELECT id, n, _change_type, _commit_version,"
                    + " _commit_timestamp IS NOT NULL FROM c"))
        .containsExactly(
            "+I[c, 3, insert, 1, true]",
            "+I[a, 1, update_preimage, 2, true]",
            "+I[c, 3, delete, 2, true]",
            "+I[a, 10, update_postimage, 2, true]");
  }

  @Test
  void changesMode_needsTheChangeColumnsLast() {
    env.executeSql(
        "CREATE TABLE c (id STRING NOT NULL, n BIGINT) WITH ('connector' = 'delta', 'path' = '"
            + t.table.path()
            + "', 'mode' = 'changes', 'starting-version' = '1', 'ending-version' = '2')");
    assertThatThrownBy(() -> collect("SELECT * FROM c"))
        .hasStackTraceContaining("needs the schema to end with the columns [_change_type");
  }

  @Test
  void metadataMode_describesTheVersionRead() {
    env.executeSql(
        "CREATE TABLE m (version BIGINT NOT NULL, commit_timestamp TIMESTAMP_LTZ(6) NOT NULL,"
            + " table_id STRING NOT NULL, num_files BIGINT NOT NULL, size_bytes BIGINT NOT NULL,"
            + " num_records BIGINT, schema_json STRING NOT NULL,"
            + " partition_columns ARRAY<STRING NOT NULL> NOT NULL,"
            + " properties MAP<STRING NOT NULL, STRING> NOT NULL, min_reader_version INT NOT NULL,"
            + " min_writer_version INT NOT NULL, reader_features ARRAY<STRING NOT NULL> NOT NULL,"
            + " writer_features ARRAY<STRING NOT NULL> NOT NULL)"
            + " WITH ('connector' = 'delta', 'path' = '"
            + t.table.path()
            + "', 'mode' = 'metadata', 'starting-version' = '1')");
    long size = t.table.files(t.table.snapshotAt(1)).stream().mapToLong(TableFile::size).sum();
    assertThat(
            collect(
                "SELECT version, num_files, size_bytes, num_records,"
                    + " properties['delta.enableChangeDataFeed'], CARDINALITY(partition_columns)"
                    + " FROM m"))
        .containsExactly("+I[1, 2, " + size + ", 3, true, 0]");
  }

  @Test
  void filesMode_listsTheFilesWithTheirStatistics() {
    env.executeSql(
        "CREATE TABLE f (path STRING NOT NULL, size_bytes BIGINT NOT NULL,"
            + " modification_time TIMESTAMP_LTZ(6) NOT NULL, num_records BIGINT,"
            + " live_records BIGINT, deleted_records BIGINT NOT NULL,"
            + " min_values MAP<STRING NOT NULL, STRING>, max_values MAP<STRING NOT NULL, STRING>,"
            + " null_counts MAP<STRING NOT NULL, BIGINT>, bucket INT, bucket_count INT)"
            + " WITH ('connector' = 'delta', 'path' = '"
            + t.table.path()
            + "', 'mode' = 'files', 'starting-version' = '1')");
    List<String> paths =
        t.table.files(t.table.snapshotAt(1)).stream().map(TableFile::path).sorted().toList();
    assertThat(
            collect(
                "SELECT path, num_records, min_values['id'], max_values['id'], null_counts['n'],"
                    + " bucket FROM f"))
        .containsExactlyInAnyOrder(
            "+I[" + paths.get(0) + ", " + rowsOf(paths.get(0)) + "]",
            "+I[" + paths.get(1) + ", " + rowsOf(paths.get(1)) + "]");
  }

  /** The expected statistics of the two files of version 1: (a, b) and (c). */
  private String rowsOf(String path) {
    TableFile file =
        t.table.files(t.table.snapshotAt(1)).stream()
            .filter(f -> f.path().equals(path))
            .findFirst()
            .orElseThrow();
    return file.numRecords() == 2 ? "2, a, b, 0, null" : "1, c, c, 0, null";
  }

  @Test
  void declaredColumnsMustBeTheModes() {
    env.executeSql(
        "CREATE TABLE m (version BIGINT NOT NULL) WITH ('connector' = 'delta', 'path' = '"
            + t.table.path()
            + "', 'mode' = 'metadata')");
    assertThatThrownBy(() -> collect("SELECT * FROM m"))
        .hasStackTraceContaining("'mode' = 'metadata' produces the columns");
  }

  @Test
  void aSplitRestoresWithTheRowsItEmitted() throws Exception {
    DescriptionSplit split = new DescriptionSplit(t.table.path(), 1, TableDescription.FILES, 1);
    DescriptionSplit restored =
        DescriptionSplitSerializer.INSTANCE.deserialize(
            1, DescriptionSplitSerializer.INSTANCE.serialize(split));
    assertThat(restored).isEqualTo(split);
    DescriptionSplit.Rows rows = restored.getIterator();
    assertThat(rows.hasNext()).isTrue();
    rows.next();
    assertThat(rows.hasNext()).isFalse();
    assertThat(restored.getUpdatedSplitForIterator(rows).emitted()).isEqualTo(2);
  }
}
