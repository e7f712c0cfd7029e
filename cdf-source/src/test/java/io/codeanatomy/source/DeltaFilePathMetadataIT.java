package io.codeanatomy.source;

import static io.codeanatomy.source.DeltaChangelogSourceIT.ordered;
import static org.assertj.core.api.Assertions.assertThat;

import io.codeanatomy.delta.TableFile;
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
 * Provenance through the metadata column {@code file.path}: each row carries the absolute path of
 * the file it was read from — a data file in snapshots, the data or change data file in changelogs.
 */
class DeltaFilePathMetadataIT {
  @TempDir Path dir;
  ChangeFeedTable t;
  String v0File;
  String v1File;

  @BeforeEach
  void setUp() {
    t = new ChangeFeedTable(dir.resolve("t"));
    t.create(ordered("a", 1L, "b", 2L));
    v0File = onlyNewFile(List.of());
    t.append(ordered("c", 3L));
    v1File = onlyNewFile(List.of(v0File));
  }

  private String onlyNewFile(List<String> known) {
    List<String> files =
        t.table.files(t.table.snapshot()).stream()
            .map(TableFile::path)
            .filter(p -> !known.contains(p))
            .toList();
    assertThat(files).hasSize(1);
    return files.get(0);
  }

  private String absolute(String logPath) {
    return t.table.root().resolve(logPath).toString();
  }

  private static String ddl(String path, String options) {
    return "CREATE TABLE t (id STRING NOT NULL, n BIGINT,"
        + " src STRING METADATA FROM 'file.path' VIRTUAL)"
        + " WITH ('connector' = 'delta', 'path' = '"
        + path
        + "'"
        + options
        + ")";
  }

  @Test
  void snapshotRowsCarryTheirDataFilesPath() {
    TableEnvironment env = TableEnvironment.create(EnvironmentSettings.inBatchMode());
    env.executeSql(ddl(t.table.path(), ""));

    assertThat(env.explainSql("SELECT id, src FROM t")).contains("metadata=[file.path]");
    assertThat(collect(env, "SELECT id, src FROM t"))
        .containsExactlyInAnyOrder(
            "+I[a, " + absolute(v0File) + "]",
            "+I[b, " + absolute(v0File) + "]",
            "+I[c, " + absolute(v1File) + "]");
    // Only the metadata column: no data column is needed, yet every row is there.
    assertThat(collect(env, "SELECT src, COUNT(*) FROM t GROUP BY src"))
        .containsExactlyInAnyOrder(
            "+I[" + absolute(v0File) + ", 2]", "+I[" + absolute(v1File) + ", 1]");
  }

  @Test
  void changelogRowsCarryTheDataOrChangeDataFileTheyCameFrom() {
    long upsert = t.upsert(ordered("a", 10L), List.of("c"));
    String cdcFile = t.cdcFiles(upsert).get(0);
    TableEnvironment env = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
    env.getConfig().set("restart-strategy.type", "none");
    env.executeSql(
        ddl(
            t.table.path(),
            ", 'mode' = 'changelog', 'starting-version' = '0', 'ending-version' = '"
                + upsert
                + "'"));

    assertThat(collect(env, "SELECT * FROM t"))
        .containsExactly(
            "+I[a, 1, " + absolute(v0File) + "]",
            "+I[b, 2, " + absolute(v0File) + "]",
            "+I[c, 3, " + absolute(v1File) + "]",
            "-U[a, 1, " + absolute(cdcFile) + "]",
            "-D[c, 3, " + absolute(cdcFile) + "]",
            "+U[a, 10, " + absolute(cdcFile) + "]");
  }

  private static List<String> collect(TableEnvironment env, String query) {
    List<String> out = new ArrayList<>();
    try (CloseableIterator<Row> it = env.executeSql(query).collect()) {
      it.forEachRemaining(r -> out.add(r.toString()));
    } catch (Exception e) {
      throw new RuntimeException(e);
    }
    return out;
  }
}
