package io.codeanatomy.source;

import static io.codeanatomy.source.DeltaChangelogSourceIT.ordered;
import static org.assertj.core.api.Assertions.assertThat;

import io.codeanatomy.delta.TableFile;
import io.codeanatomy.delta.read.ChangeReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.ExplainDetail;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.TableDescriptor;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deletion vectors in snapshots and in the change feed derived from {@code remove}/{@code add}: v0
 * writes a, b, c, d into one file (row indexes 0..3); v1 deletes b through a deletion vector; v2
 * replaces it by one that deletes b and d; v3 by one that deletes d only (b is restored).
 */
class DeltaDeletionVectorIT {
  @TempDir Path dir;
  ChangeFeedTable t;

  @BeforeEach
  void setUp() {
    t = new ChangeFeedTable(dir.resolve("t"));
    t.create(ordered("a", 1L, "b", 2L, "c", 3L, "d", 4L));
    DeletionVectorCommit.commit(t.table, onlyFile(), 1);
    DeletionVectorCommit.commit(t.table, onlyFile(), 1, 3);
    DeletionVectorCommit.commit(t.table, onlyFile(), 3);
  }

  private TableFile onlyFile() {
    List<TableFile> files = t.table.files(t.table.snapshot());
    assertThat(files).hasSize(1);
    return files.get(0);
  }

  @Test
  void snapshotsSkipTheRowsTheirDeletionVectorsDelete() {
    TableEnvironment batch = TableEnvironment.create(EnvironmentSettings.inBatchMode());

    assertThat(collect(batch.from(table(Map.of("starting-version", "1")))))
        .containsExactlyInAnyOrder("+I[a, 1]", "+I[c, 3]", "+I[d, 4]");
    assertThat(collect(batch.from(table(Map.of("starting-version", "2")))))
        .containsExactlyInAnyOrder("+I[a, 1]", "+I[c, 3]");
    assertThat(collect(batch.from(table(Map.of()))))
        .containsExactlyInAnyOrder("+I[a, 1]", "+I[b, 2]", "+I[c, 3]");
    // Statistics count live rows: four in the file, one deleted.
    assertThat(
            batch
                .from(table(Map.of()))
                .select(org.apache.flink.table.api.Expressions.$("id"))
                .explain(ExplainDetail.ESTIMATED_COST))
        .contains("rowcount = 3.0");
  }

  @Test
  void theChangelogDerivesExactlyTheRowsEachNewDeletionVectorDeletesOrRestores() {
    List<String> feed =
        collect(
            streaming()
                .from(
                    table(
                        Map.of(
                            "mode", "changelog", "starting-version", "0", "ending-version", "3"))));

    assertThat(feed)
        .containsExactly(
            "+I[a, 1]",
            "+I[b, 2]",
            "+I[c, 3]",
            "+I[d, 4]", // v0
            "-D[b, 2]", // v1: b deleted
            "-D[d, 4]", // v2: d deleted too
            "+I[b, 2]"); // v3: b restored
  }

  @Test
  void aHybridStartAtADeletionVectorVersionEmitsOnlyItsLiveRows() {
    List<String> feed =
        collect(
            streaming()
                .from(
                    table(
                        Map.of(
                            "mode", "changelog", "starting-version", "2", "ending-version", "3"))));

    assertThat(feed).containsExactly("+I[a, 1]", "+I[c, 3]", "+I[b, 2]");
  }

  @Test
  void deltaCoresChangeReaderAgreesWithTheSource() {
    assertThat(ChangeReader.changes(t.table, 1, 3))
        .extracting(c -> c.version() + " " + c.changeType() + " " + c.values()[0])
        .containsExactly("1 delete b", "2 delete d", "3 insert b");
  }

  private static TableEnvironment streaming() {
    TableEnvironment env = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
    env.getConfig().set("restart-strategy.type", "none");
    return env;
  }

  private TableDescriptor table(Map<String, String> options) {
    TableDescriptor.Builder builder =
        TableDescriptor.forConnector("delta")
            .schema(
                Schema.newBuilder()
                    .column("id", DataTypes.STRING().notNull())
                    .column("n", DataTypes.BIGINT())
                    .build())
            .option("path", t.table.path());
    options.forEach(builder::option);
    return builder.build();
  }

  private static List<String> collect(Table table) {
    List<String> out = new ArrayList<>();
    try (CloseableIterator<Row> it = table.execute().collect()) {
      it.forEachRemaining(r -> out.add(r.toString()));
    } catch (Exception e) {
      throw new RuntimeException(e);
    }
    return out;
  }
}
