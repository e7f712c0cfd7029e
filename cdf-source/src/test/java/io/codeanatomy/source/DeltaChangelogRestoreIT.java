package io.codeanatomy.source;

import static io.codeanatomy.source.DeltaChangelogSourceIT.ordered;
import static org.assertj.core.api.Assertions.assertThat;

import io.codeanatomy.delta.schema.FlinkSchemas;
import io.codeanatomy.source.DeltaChangelogSource.StartupMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The changelog source as a DataStream job with checkpoints: a failure after a completed checkpoint
 * restarts from it, and the collected changelog (exactly-once collect) is the expected one with no
 * change lost or repeated.
 */
class DeltaChangelogRestoreIT {
  static final RowType ROW = FlinkSchemas.toRowType(ChangeFeedTable.SCHEMA);

  @TempDir Path dir;
  ChangeFeedTable t;

  @BeforeEach
  void writeTable() {
    t = new ChangeFeedTable(dir.resolve("t"));
    t.create(ordered("a", 1L, "b", 2L, "c", 3L, "d", 4L, "e", 5L));
    t.append(ordered("f", 6L, "g", 7L));
    t.upsert(ordered("a", 10L, "f", 60L, "h", 8L), List.of("b", "c"));
    t.rewrite(ordered("a", 10L, "d", 4L, "i", 9L));
    t.upsert(ordered("d", 40L, "j", 11L), List.of("i"));
    t.append(ordered("k", 12L, "l", 13L, "m", 14L));
  }

  @ParameterizedTest(name = "failure after {0} rows")
  @ValueSource(ints = {3, 12, 24})
  void restoreFromACheckpointNeitherLosesNorRepeatsAChange(int failAfter) throws Exception {
    FailOnceAfter.FAILED.set(false);
    FailOnceAfter.TIMES_MAPPED.clear();
    Configuration conf = new Configuration();
    conf.setString("restart-strategy.type", "fixed-delay");
    conf.setString("restart-strategy.fixed-delay.attempts", "3");
    conf.setString("restart-strategy.fixed-delay.delay", "100 ms");
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    env.enableCheckpointing(40);
    env.setParallelism(1);

    List<String> rows = run(t, env, new FailOnceAfter(failAfter));

    assertThat(FailOnceAfter.FAILED).isTrue();
    assertThat(rows).containsExactlyElementsOf(t.expectedFeed());
    // The first row was mapped only once: the restore started from a checkpoint taken after it,
    // not from the beginning.
    assertThat(FailOnceAfter.TIMES_MAPPED.get(t.expectedFeed().get(0))).isEqualTo(1);
  }

  static List<String> run(ChangeFeedTable t, StreamExecutionEnvironment env, FailOnceAfter map)
      throws Exception {
    DeltaChangelogSource source =
        DeltaChangelogSource.builder(t.table.root(), ROW)
            .startup(StartupMode.SNAPSHOT_THEN_CHANGES)
            .startingVersion(0)
            .endingVersion(t.table.latestVersion())
            .pollInterval(Duration.ofMillis(50))
            .build();
    List<String> rows = new ArrayList<>();
    try (CloseableIterator<String> it =
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "changelog")
            .map(map)
            .executeAndCollect()) {
      it.forEachRemaining(rows::add);
    }
    return rows;
  }

  static long count(List<String> feed, String kind) {
    return feed.stream().filter(r -> r.startsWith(kind)).count();
  }

  /**
   * Formats rows like {@code Row#toString}, slowly enough for checkpoints to complete between rows,
   * and throws once: after {@code failAfter} rows, provided a checkpoint that covers at least one
   * row has completed (so the restore starts mid-stream, not from the beginning).
   */
  static final class FailOnceAfter extends RichMapFunction<RowData, String>
      implements CheckpointedFunction, CheckpointListener {
    static final AtomicBoolean FAILED = new AtomicBoolean();
    static final Map<String, Integer> TIMES_MAPPED = new java.util.concurrent.ConcurrentHashMap<>();
    private final int failAfter;
    private transient long seen;
    private transient Map<Long, Long> seenAtCheckpoint;
    private transient long seenAtCompletedCheckpoint;

    FailOnceAfter(int failAfter) {
      this.failAfter = failAfter;
    }

    @Override
    public void open(OpenContext context) {
      seen = 0;
      seenAtCheckpoint = new HashMap<>();
      seenAtCompletedCheckpoint = 0;
    }

    @Override
    public String map(RowData row) throws Exception {
      Thread.sleep(15);
      seen++;
      String formatted =
          row.getRowKind().shortString()
              + "["
              + row.getString(0)
              + ", "
              + (row.isNullAt(1) ? "null" : row.getLong(1))
              + "]";
      TIMES_MAPPED.merge(formatted, 1, Integer::sum);
      if (seen >= failAfter && seenAtCompletedCheckpoint > 0 && FAILED.compareAndSet(false, true)) {
        throw new IllegalStateException("injected failure after " + seen + " rows");
      }
      return formatted;
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) {
      seenAtCheckpoint.put(context.getCheckpointId(), seen);
    }

    @Override
    public void initializeState(FunctionInitializationContext context) {}

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
      Long covered = seenAtCheckpoint.get(checkpointId);
      if (covered != null) {
        seenAtCompletedCheckpoint = Math.max(seenAtCompletedCheckpoint, covered);
      }
    }
  }
}
