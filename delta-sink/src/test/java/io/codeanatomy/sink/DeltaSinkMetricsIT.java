package io.codeanatomy.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.commit.AddFile;
import io.codeanatomy.delta.commit.CommittedActions;
import io.codeanatomy.delta.commit.RemoveFile;
import io.codeanatomy.delta.read.SnapshotReader;
import io.codeanatomy.sink.fault.SeededChangelog;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.Metric;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.types.RowKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sink's writer and committer metrics, as a metric reporter sees them on a MiniCluster, and the
 * post-commit hook of a streaming upsert job: run every second commit, failing each time, while
 * every commit stands.
 */
class DeltaSinkMetricsIT {
  private static final long CHANGES = 400;
  private static final List<Long> HOOK_VERSIONS = new CopyOnWriteArrayList<>();

  @TempDir Path dir;

  @Test
  void writersAndCommitterReportRowsFilesBytesCommitsAndLatency() throws Exception {
    RecordingMetricReporter.clear();
    HOOK_VERSIONS.clear();
    String path = dir.resolve("t").toString();
    DeltaSinkConfig config =
        DeltaSinkConfig.upsert(
            path, SeededChangelog.ROW_TYPE, "metrics-app", 1000, List.of("owner", "id"));
    SeededChangelog changelog = new SeededChangelog(5, 6, 10);

    Configuration conf = new Configuration();
    conf.setString(
        "metrics.reporter.recording.factory.class",
        RecordingMetricReporter.Factory.class.getName());
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    env.enableCheckpointing(100);
    env.setParallelism(2);
    env.fromSource(
            new DataGeneratorSource<>(
                changelog,
                CHANGES,
                RateLimiterStrategy.perCheckpoint(100),
                InternalTypeInfo.of(SeededChangelog.ROW_TYPE)),
            WatermarkStrategy.noWatermarks(),
            "seeded changelog")
        .setParallelism(1)
        .sinkTo(
            new DeltaSink(config)
                .withPostCommitHook(
                    (table, version) -> {
                      HOOK_VERSIONS.add(version);
                      throw new IllegalStateException("maintenance failed at " + version);
                    },
                    2));
    env.execute("metrics");

    DeltaTable table = config.table();
    assertThat(SnapshotReader.readAll(table)).hasSize(changelog.expectedRows(CHANGES).size());
    long versions = table.latestVersion() + 1;
    assertThat(versions).isGreaterThanOrEqualTo(3);

    Map<RowKind, Long> kinds = new EnumMap<>(RowKind.class);
    for (long i = 0; i < CHANGES; i++) {
      kinds.merge(changelog.map(i).getRowKind(), 1L, Long::sum);
    }
    assertThat(sum("deltaRowsInsert")).isEqualTo(kinds.getOrDefault(RowKind.INSERT, 0L));
    assertThat(sum("deltaRowsUpdateBefore"))
        .isEqualTo(kinds.getOrDefault(RowKind.UPDATE_BEFORE, 0L));
    assertThat(sum("deltaRowsUpdateAfter")).isEqualTo(kinds.getOrDefault(RowKind.UPDATE_AFTER, 0L));
    assertThat(sum("deltaRowsDelete")).isEqualTo(kinds.getOrDefault(RowKind.DELETE, 0L));
    assertThat(sum("deltaStagedFilesWritten")).isPositive();
    assertThat(sum("deltaBytesWritten")).isPositive();

    long added = 0;
    long removed = 0;
    long bytes = 0;
    for (long v = 0; v < versions; v++) {
      CommittedActions actions = CommittedActions.read(table, v);
      added += actions.of(AddFile.class).size();
      removed += actions.of(RemoveFile.class).size();
      bytes += actions.of(AddFile.class).stream().mapToLong(AddFile::size).sum();
    }
    assertThat(sum("deltaCommits")).isEqualTo(versions);
    assertThat(sum("deltaFilesAdded")).isEqualTo(added);
    assertThat(sum("deltaFilesRemoved")).isEqualTo(removed);
    assertThat(sum("deltaBytesAdded")).isEqualTo(bytes);
    assertThat(sum("deltaRowsInserted")).isPositive();
    assertThat(sum("deltaRowsUpdated")).isPositive();
    assertThat(sum("deltaRowsDeleted")).isPositive();
    assertThat(sum("deltaCommitRetries")).isZero();
    assertThat(sum("deltaCommitsSkipped")).isZero();
    assertThat(sum("deltaStagedFilesDeleted")).isEqualTo(sum("deltaStagedFilesWritten"));
    // Committer subtask 0 commits everything (its siblings receive nothing but exist).
    assertThat(all("deltaCommitDurationMs").stream().mapToLong(m -> ((Histogram) m).getCount()))
        .containsExactlyInAnyOrder(versions, 0L);
    assertThat(all("deltaLastCommitDurationMs")).allMatch(m -> ((Gauge<?>) m).getValue() != null);
    assertThat(
            all("deltaLastCommittedVersion").stream().map(m -> (Object) ((Gauge<?>) m).getValue()))
        .containsExactlyInAnyOrder((Object) (versions - 1), (Object) (-1L));

    // The hook ran after the 2nd, 4th, ... commit; each time it failed, and nothing was undone.
    assertThat(HOOK_VERSIONS).hasSize((int) (versions / 2));
    assertThat(HOOK_VERSIONS).allMatch(v -> v % 2 == 1);
    assertThat(sum("deltaPostCommitHookFailures")).isEqualTo(versions / 2);
  }

  private static long sum(String name) {
    List<Metric> metrics = RecordingMetricReporter.named(name);
    assertThat(metrics).as("metric %s", name).isNotEmpty();
    return metrics.stream().mapToLong(m -> ((Counter) m).getCount()).sum();
  }

  private static List<Metric> all(String name) {
    List<Metric> metrics = RecordingMetricReporter.named(name);
    assertThat(metrics).as("metric %s", name).hasSize(2); // one per committer subtask
    return metrics;
  }
}
