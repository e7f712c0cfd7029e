package io.codeanatomy.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.TableFile;
import io.codeanatomy.delta.commit.AddCdcFile;
import io.codeanatomy.delta.commit.CommittedActions;
import io.codeanatomy.delta.commit.SetTransaction;
import io.codeanatomy.delta.read.ChangeReader;
import io.codeanatomy.delta.read.ChangeRow;
import io.codeanatomy.delta.read.DataFileReader;
import io.codeanatomy.delta.read.SnapshotReader;
import io.codeanatomy.sink.fault.FaultInjectingSink;
import io.codeanatomy.sink.fault.FaultPlan;
import io.codeanatomy.sink.fault.SeededChangelog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Exactly-once under failures: a seeded changelog (inserts, updates, deletes over a bucketed keyed
 * table) streams into the upsert sink with frequent checkpoints, while a {@link FaultPlan} kills
 * the job at seeded points — mid-stream, after a writer staged a file but before its checkpoint
 * completed, after a checkpoint completed but before its commit, and after a commit landed but
 * before Flink learned of it. A restart strategy recovers every time.
 *
 * <p>Seeds: {@code -Ddelta.sink.fault.seeds=1,2,3,...} (default three).
 */
class DeltaSinkFaultIT {
  private static final long CHANGES = 1000;
  private static final int CHANGES_PER_CHECKPOINT = 70;

  @TempDir Path dir;

  static LongStream seeds() {
    return Arrays.stream(System.getProperty("delta.sink.fault.seeds", "11,23,37").split(","))
        .mapToLong(s -> Long.parseLong(s.trim()));
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void killedAndRestartedJobCommitsEveryCheckpointExactlyOnce(long seed) throws Exception {
    String path = dir.resolve("t").toString();
    DeltaSinkConfig config =
        DeltaSinkConfig.upsert(
                path,
                SeededChangelog.ROW_TYPE,
                DeltaSinkConfig.defaultAppId(path),
                1000,
                List.of("owner", "id"))
            .bucketedBy("owner", 4);
    SeededChangelog changelog = new SeededChangelog(seed, 12, 20);
    FaultPlan plan = FaultPlan.draw(seed, CHANGES);

    Configuration conf = new Configuration();
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 20);
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(20));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    env.enableCheckpointing(100);
    env.setParallelism(2);
    DataGeneratorSource<RowData> source =
        new DataGeneratorSource<>(
            changelog,
            CHANGES,
            RateLimiterStrategy.perCheckpoint(CHANGES_PER_CHECKPOINT),
            InternalTypeInfo.of(SeededChangelog.ROW_TYPE));
    env.fromSource(source, WatermarkStrategy.noWatermarks(), "seeded changelog")
        .setParallelism(1)
        .map(FaultInjectingSink.recordFaults(plan))
        .returns(InternalTypeInfo.of(SeededChangelog.ROW_TYPE))
        .setParallelism(1)
        .sinkTo(new FaultInjectingSink(new DeltaSink(config), plan));
    env.execute("upsert under faults, " + plan);

    assertThat(plan.fired()).as("faults fired of %s", plan.progress()).isEqualTo(plan.faults());
    DeltaTable table = config.table();
    List<String> expected = changelog.expectedRows(CHANGES);
    assertThat(rows(SnapshotReader.readAll(table))).containsExactlyInAnyOrderElementsOf(expected);
    assertEachVersionCommitsOneHigherCheckpoint(table);
    assertEveryReferencedFileExists(table);
    assertThat(netChanges(table)).containsExactlyInAnyOrderElementsOf(expected);
    assertEveryVersionsChangesAreItsDiff(table);
    assertThat(stagedFiles(table)).as("staged files left behind").isEmpty();
  }

  /** Every version carries one txn of the run, with a checkpoint id above the previous one's. */
  private static void assertEachVersionCommitsOneHigherCheckpoint(DeltaTable table) {
    long previous = 0;
    String appId = null;
    for (long v = 0; v <= table.latestVersion(); v++) {
      List<SetTransaction> txns = CommittedActions.read(table, v).of(SetTransaction.class);
      assertThat(txns).as("txn actions of version %d", v).hasSize(1);
      SetTransaction txn = txns.get(0);
      if (appId == null) {
        appId = txn.appId();
      }
      assertThat(txn.appId()).as("app id of version %d", v).isEqualTo(appId);
      assertThat(txn.version()).as("checkpoint of version %d", v).isGreaterThan(previous);
      previous = txn.version();
    }
  }

  private static void assertEveryReferencedFileExists(DeltaTable table) {
    for (TableFile file : table.files(table.snapshot())) {
      assertThat(DataFileReader.resolve(table, file.path())).as("data file").exists();
    }
    for (long v = 0; v <= table.latestVersion(); v++) {
      for (AddCdcFile cdc : CommittedActions.read(table, v).of(AddCdcFile.class)) {
        assertThat(DataFileReader.resolve(table, cdc.path())).as("cdc file of %d", v).exists();
      }
    }
  }

  /** The table the change feed describes when applied from version 0 on. */
  private static List<String> netChanges(DeltaTable table) {
    Map<String, String> rows = new LinkedHashMap<>();
    for (long v = 0; v <= table.latestVersion(); v++) {
      List<ChangeRow> changes = ChangeReader.changes(table, v);
      // Within a version a key changes once; removals first, so a pre-image never erases a post.
      for (ChangeRow change : changes) {
        if (change.changeType().equals(ChangeRow.DELETE)
            || change.changeType().equals(ChangeRow.UPDATE_PREIMAGE)) {
          assertThat(rows.remove(key(change.values())))
              .as("version %d removes %s", v, render(change.values()))
              .isEqualTo(render(change.values()));
        }
      }
      for (ChangeRow change : changes) {
        if (change.changeType().equals(ChangeRow.INSERT)
            || change.changeType().equals(ChangeRow.UPDATE_POSTIMAGE)) {
          assertThat(rows.put(key(change.values()), render(change.values())))
              .as("version %d adds %s", v, render(change.values()))
              .isNull();
        }
      }
    }
    return new ArrayList<>(rows.values());
  }

  private static void assertEveryVersionsChangesAreItsDiff(DeltaTable table) {
    Map<String, String> before = Map.of();
    for (long v = 0; v <= table.latestVersion(); v++) {
      Map<String, String> after = new LinkedHashMap<>();
      for (Object[] row : SnapshotReader.readAll(table, table.snapshotAt(v))) {
        after.put(key(row), render(row));
      }
      List<String> expected = new ArrayList<>();
      for (Map.Entry<String, String> old : before.entrySet()) {
        String now = after.get(old.getKey());
        if (now == null) {
          expected.add(ChangeRow.DELETE + " " + old.getValue());
        } else if (!now.equals(old.getValue())) {
          expected.add(ChangeRow.UPDATE_PREIMAGE + " " + old.getValue());
          expected.add(ChangeRow.UPDATE_POSTIMAGE + " " + now);
        }
      }
      for (Map.Entry<String, String> now : after.entrySet()) {
        if (!before.containsKey(now.getKey())) {
          expected.add(ChangeRow.INSERT + " " + now.getValue());
        }
      }
      assertThat(
              ChangeReader.changes(table, v).stream()
                  .map(c -> c.changeType() + " " + render(c.values()))
                  .toList())
          .as("changes of version %d", v)
          .containsExactlyInAnyOrderElementsOf(expected);
      before = after;
    }
  }

  private static String key(Object[] row) {
    return row[0] + " " + row[1];
  }

  private static String render(Object[] row) {
    return row[0] + " " + row[1] + " " + row[2];
  }

  private static List<String> rows(List<Object[]> rows) {
    return rows.stream().map(DeltaSinkFaultIT::render).toList();
  }

  private static List<Path> stagedFiles(DeltaTable table) throws Exception {
    Path staging = table.root().resolve(DeltaSinkConfig.STAGING_DIRECTORY);
    if (!Files.exists(staging)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(staging)) {
      return files.filter(Files::isRegularFile).toList();
    }
  }
}
