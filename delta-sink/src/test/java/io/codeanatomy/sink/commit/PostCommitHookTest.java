package io.codeanatomy.sink.commit;

import static org.assertj.core.api.Assertions.assertThat;

import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.read.SnapshotReader;
import io.codeanatomy.sink.DeltaSinkConfig;
import io.codeanatomy.sink.committable.DeltaCommittable;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committer's post-commit hook, on a real table: when it runs and what a failure does. */
class PostCommitHookTest {
  private static final List<String> CALLS = new CopyOnWriteArrayList<>();

  @TempDir Path dir;

  @Test
  void hookRunsAfterEveryNthCommittedVersionNotAfterSkippedReplays() {
    CALLS.clear();
    DeltaSinkConfig config = config();
    DeltaCommitter committer =
        new DeltaCommitter(
            config,
            new PostCommitSchedule((path, version) -> CALLS.add(path + "@" + version), 3),
            UnregisteredMetricsGroup.createOperatorMetricGroup());

    for (long checkpoint = 1; checkpoint <= 7; checkpoint++) {
      committer.commit(committable(config, checkpoint, "k" + checkpoint));
      // Replays are skipped and do not count as commits.
      committer.commit(committable(config, checkpoint, "k" + checkpoint));
    }

    assertThat(config.table().latestVersion()).isEqualTo(6);
    assertThat(CALLS).containsExactly(config.tablePath() + "@2", config.tablePath() + "@5");
  }

  @Test
  void failingHookIsLoggedAndCountedWhileTheCommitStands() {
    DeltaSinkConfig config = config();
    Map<String, Counter> counters = new ConcurrentHashMap<>();
    UnregisteredMetricsGroup metrics =
        new UnregisteredMetricsGroup() {
          @Override
          public Counter counter(String name) {
            return counters.computeIfAbsent(name, n -> new SimpleCounter());
          }
        };
    DeltaCommitter committer =
        new DeltaCommitter(
            config,
            new PostCommitSchedule(
                (path, version) -> {
                  throw new IllegalStateException("maintenance broke at " + version);
                },
                1),
            metrics);

    assertThat(committer.commit(committable(config, 1, "a"))).contains(0L);
    assertThat(committer.commit(committable(config, 2, "b"))).contains(1L);

    DeltaTable table = config.table();
    assertThat(table.latestVersion()).isEqualTo(1);
    assertThat(SnapshotReader.readAll(table)).hasSize(2);
    assertThat(counters.get("deltaPostCommitHookFailures").getCount()).isEqualTo(2);
    assertThat(counters.get("deltaCommits").getCount()).isEqualTo(2);
  }

  private DeltaSinkConfig config() {
    return DeltaSinkConfig.upsert(
        dir.resolve("t").toString(), DeltaUpsertCommitterTest.ROW_TYPE, "app", 100, List.of("id"));
  }

  private static DeltaCommittable committable(DeltaSinkConfig config, long checkpoint, String id) {
    return new DeltaCommittable(
        "run",
        checkpoint,
        List.of(),
        DeltaUpsertCommitterTest.stage(config, new Object[] {id, 1, DeltaSinkConfig.OP_UPSERT}),
        false);
  }
}
