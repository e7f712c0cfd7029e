package io.codeanatomy.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.delta.kernel.types.StringType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

/** The change feed through {@code 'connector'='delta', 'mode'='changelog'}: exact changelogs. */
class DeltaChangelogSourceIT {
  @TempDir Path dir;
  TableEnvironment env;
  ChangeFeedTable t;

  @BeforeEach
  void setUp() {
    env = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
    env.getConfig().set("parallelism.default", "2");
    env.getConfig().set("restart-strategy.type", "none");
    t = new ChangeFeedTable(dir.resolve("t"));
  }

  /** v0 {a=1,b=2}; v1 append c; v2 cdc: a→10, +d, -b; v3 rewrite without cdc to {c=3,e=5}. */
  private void writeFourVersions() {
    t.create(ordered("a", 1L, "b", 2L));
    t.append(ordered("c", 3L));
    t.upsert(ordered("a", 10L, "d", 4L), List.of("b"));
    t.rewrite(ordered("c", 3L, "e", 5L));
  }

  @Test
  void snapshotThenChangesEmitsTheExactChangelogInVersionOrder() {
    writeFourVersions();

    List<String> rows =
        collect(env.from(changelog(Map.of("starting-version", "0", "ending-version", "3"))));

    assertThat(rows)
        .containsExactly(
            // v0 snapshot as inserts
            "+I[a, 1]",
            "+I[b, 2]",
            // v1: add-derived
            "+I[c, 3]",
            // v2: from the cdc file, retractions first
            "-U[a, 1]",
            "-D[b, 2]",
            "+U[a, 10]",
            "+I[d, 4]",
            // v3: remove-derived deletes, then add-derived inserts
            "-D[a, 10]",
            "-D[c, 3]",
            "-D[d, 4]",
            "+I[c, 3]",
            "+I[e, 5]");
  }

  @Test
  void changesOnlyReadsTheRangeOfVersionsAndDropsTheChangeTypeColumn() {
    writeFourVersions();

    List<String> rows =
        collect(
            env.from(
                changelog(
                    Map.of(
                        "scan.startup.mode", "changes-only",
                        "starting-version", "1",
                        "ending-version", "2"))));

    assertThat(rows).containsExactly("+I[c, 3]", "-U[a, 1]", "-D[b, 2]", "+U[a, 10]", "+I[d, 4]");
  }

  @Test
  void downstreamAggregateOverTheChangelogEqualsTheLatestSnapshot() {
    writeFourVersions();
    Table sum =
        env.from(changelog(Map.of("starting-version", "0", "ending-version", "3")))
            .select(org.apache.flink.table.api.Expressions.$("n").sum().as("total"));

    List<String> rows = collect(sum);

    assertThat(rows.get(rows.size() - 1)).isEqualTo("+U[8]");
  }

  @Test
  void projectionAndChangelogModeShowInThePlan() {
    writeFourVersions();
    Table projected =
        env.from(changelog(Map.of("starting-version", "1", "ending-version", "3")))
            .select(org.apache.flink.table.api.Expressions.$("n"));

    assertThat(projected.explain(org.apache.flink.table.api.ExplainDetail.CHANGELOG_MODE))
        .contains("project=[n], metadata=[]]], fields=[n], changelogMode=[I,UB,UA,D])");
    List<String> rows = collect(projected);
    // The snapshot at v1 spans two files, read in path order.
    assertThat(rows.subList(0, 3)).containsExactlyInAnyOrder("+I[1]", "+I[2]", "+I[3]");
    assertThat(rows.subList(3, rows.size()))
        .containsExactly(
            "-U[1]", "-D[2]", "+U[10]", "+I[4]", "-D[10]", "-D[3]", "-D[4]", "+I[3]", "+I[5]");
  }

  @Test
  void anUpdateThatChangesNoColumnReadIsDroppedAtTheSource() {
    t.create(ordered("a", 1L, "b", 2L));
    // a: n changes (an update of n, a no-op for a query reading only id); b: deleted; c: inserted.
    t.upsert(ordered("a", 10L, "c", 3L), List.of("b"));

    Table idsOnly =
        env.from(
                changelog(
                    Map.of(
                        "scan.startup.mode", "changes-only",
                        "starting-version", "1",
                        "ending-version", "1")))
            .select(org.apache.flink.table.api.Expressions.$("id"));
    assertThat(collect(idsOnly)).containsExactly("-D[b]", "+I[c]");

    // The same change, read with the column it changes, keeps both halves of the update.
    List<String> whole =
        collect(
            env.from(
                changelog(
                    Map.of(
                        "scan.startup.mode", "changes-only",
                        "starting-version", "1",
                        "ending-version", "1"))));
    assertThat(whole).containsExactly("-U[a, 1]", "-D[b, 2]", "+U[a, 10]", "+I[c, 3]");
  }

  @Test
  void continuousModePicksUpCommitsMadeWhileTheJobRuns() throws Exception {
    t.create(ordered("a", 1L, "b", 2L));
    Table feed = env.from(changelog(Map.of("poll-interval", "100 ms")));

    List<String> rows = new ArrayList<>();
    try (CloseableIterator<Row> it = feed.execute().collect()) {
      take(it, 2, rows);
      t.append(ordered("c", 3L));
      take(it, 1, rows);
      t.upsert(ordered("c", 30L), List.of("a"));
      take(it, 3, rows);
    }

    assertThat(rows)
        .containsExactly("+I[a, 1]", "+I[b, 2]", "+I[c, 3]", "-U[c, 3]", "-D[a, 1]", "+U[c, 30]");
  }

  @Test
  void startingTimestampStartsAtTheFirstVersionCommittedThen() throws Exception {
    t.create(ordered("a", 1L));
    Thread.sleep(20);
    long between = System.currentTimeMillis();
    Thread.sleep(20);
    t.append(ordered("b", 2L));
    t.append(ordered("c", 3L));

    List<String> rows =
        collect(
            env.from(
                changelog(
                    Map.of(
                        "scan.startup.mode", "changes-only",
                        "starting-timestamp", Long.toString(between),
                        "ending-version", "2"))));

    assertThat(rows).containsExactly("+I[b, 2]", "+I[c, 3]");
  }

  @Test
  void anAddedNullableColumnIsFollowedWhenTheQueryDoesNotReadIt() {
    t.create(ordered("a", 1L));
    var wider = ChangeFeedTable.SCHEMA.add("extra", StringType.STRING, true);
    long altered = t.changeSchema(wider);
    t.appendWithSchema(wider, List.<Object[]>of(new Object[] {"b", 2L, "x"}));

    List<String> rows =
        collect(
            env.from(
                changelog(Map.of("starting-version", "0", "ending-version", "" + (altered + 1)))));

    assertThat(rows).containsExactly("+I[a, 1]", "+I[b, 2]");
  }

  @Test
  void aDroppedColumnTheQueryReadsIsAClearErrorNamingTableAndVersion() {
    t.create(ordered("a", 1L));
    long altered =
        t.changeSchema(new io.delta.kernel.types.StructType().add("id", StringType.STRING, false));

    assertThatThrownBy(
            () ->
                collect(
                    env.from(
                        changelog(
                            Map.of("starting-version", "0", "ending-version", "" + altered)))))
        .hasStackTraceContaining("version " + altered + " has no column `n`")
        .hasStackTraceContaining(t.table.path());
  }

  @Test
  void aVacuumedChangeDataFileIsAClearErrorNamingTableVersionAndFile() throws Exception {
    writeFourVersions();
    String cdcFile = t.cdcFiles(2).get(0);
    Files.delete(t.table.root().resolve(cdcFile));

    assertThatThrownBy(
            () ->
                collect(
                    env.from(
                        changelog(
                            Map.of(
                                "scan.startup.mode", "changes-only",
                                "starting-version", "1",
                                "ending-version", "3")))))
        .hasStackTraceContaining("version 2 needs file " + cdcFile + ", which no longer exists")
        .hasStackTraceContaining(t.table.path());
  }

  @Test
  void aRetypedColumnTheQueryReadsIsAClearErrorNamingTableAndVersion() {
    t.create(ordered("a", 1L));
    long altered =
        t.changeSchema(
            new io.delta.kernel.types.StructType()
                .add("id", StringType.STRING, false)
                .add("n", StringType.STRING));

    assertThatThrownBy(
            () ->
                collect(
                    env.from(
                        changelog(
                            Map.of("starting-version", "0", "ending-version", "" + altered)))))
        .hasStackTraceContaining(
            "column `n` is STRING at version " + altered + " but the query reads it as BIGINT")
        .hasStackTraceContaining(t.table.path());
  }

  @Test
  void aContinuousJobFollowsAnAddedNullableColumnItDoesNotReadWithoutRestart() throws Exception {
    t.create(ordered("a", 1L));
    Table feed = env.from(changelog(Map.of("poll-interval", "100 ms")));

    List<String> rows = new ArrayList<>();
    try (CloseableIterator<Row> it = feed.execute().collect()) {
      take(it, 1, rows);
      var wider = ChangeFeedTable.SCHEMA.add("extra", StringType.STRING, true);
      t.changeSchema(wider);
      t.appendWithSchema(wider, List.<Object[]>of(new Object[] {"b", 2L, "x"}));
      take(it, 1, rows);
    }

    assertThat(rows).containsExactly("+I[a, 1]", "+I[b, 2]");
  }

  @Test
  void aVacuumedDataFileOfADerivedVersionIsAClearErrorNamingTableVersionAndFile() throws Exception {
    t.create(ordered("a", 1L));
    t.append(ordered("b", 2L));
    String appended =
        t.table.files(t.table.snapshot()).stream()
            .map(io.codeanatomy.delta.TableFile::path)
            .filter(
                p ->
                    !t.table.files(t.table.snapshotAt(0)).stream()
                        .anyMatch(f -> f.path().equals(p)))
            .findFirst()
            .orElseThrow();
    Files.delete(t.table.root().resolve(appended));

    assertThatThrownBy(
            () ->
                collect(
                    env.from(
                        changelog(
                            Map.of(
                                "scan.startup.mode", "changes-only",
                                "starting-version", "1",
                                "ending-version", "1")))))
        .hasStackTraceContaining("version 1 needs file " + appended + ", which no longer exists")
        .hasStackTraceContaining(t.table.path());
  }

  @Test
  void aMissingTableIsAClearError() {
    assertThatThrownBy(() -> env.from(changelog(Map.of())).explain())
        .hasStackTraceContaining("no Delta table here")
        .hasStackTraceContaining(t.table.path());
  }

  private TableDescriptor changelog(Map<String, String> options) {
    TableDescriptor.Builder builder =
        TableDescriptor.forConnector("delta")
            .schema(
                Schema.newBuilder()
                    .column("id", DataTypes.STRING().notNull())
                    .column("n", DataTypes.BIGINT())
                    .build())
            .option("path", t.table.path())
            .option("mode", "changelog");
    options.forEach(builder::option);
    return builder.build();
  }

  static Map<String, Long> ordered(Object... idAndN) {
    Map<String, Long> rows = new LinkedHashMap<>();
    for (int i = 0; i < idAndN.length; i += 2) {
      rows.put((String) idAndN[i], (Long) idAndN[i + 1]);
    }
    return rows;
  }

  private static void take(CloseableIterator<Row> it, int n, List<String> out) {
    for (int i = 0; i < n; i++) {
      out.add(it.next().toString());
    }
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
