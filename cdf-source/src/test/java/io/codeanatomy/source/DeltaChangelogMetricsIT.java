package io.codeanatomy.source;

import static io.codeanatomy.source.DeltaChangelogRestoreIT.count;
import static io.codeanatomy.source.DeltaChangelogSourceIT.ordered;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The reader's and the enumerator's change-feed metrics, through a metric reporter. */
class DeltaChangelogMetricsIT {
  static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

  @RegisterExtension
  static final MiniClusterExtension CLUSTER =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setConfiguration(REPORTER.addToConfiguration(new Configuration()))
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  @TempDir Path dir;

  @Test
  void metricsCountRowsPerKindAndReportLagAndVersionsBehindHead() throws Exception {
    ChangeFeedTable t = new ChangeFeedTable(dir.resolve("t"));
    t.create(ordered("a", 1L, "b", 2L));
    t.append(ordered("c", 3L));
    t.upsert(ordered("a", 10L), List.of("b"));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(1);

    List<String> rows =
        DeltaChangelogRestoreIT.run(
            t, env, new DeltaChangelogRestoreIT.FailOnceAfter(Integer.MAX_VALUE));

    assertThat(rows).containsExactlyElementsOf(t.expectedFeed());
    Map<String, Long> counts = new HashMap<>();
    Map<String, Long> gauges = new HashMap<>();
    for (var group : REPORTER.getMetricsByGroup().entrySet()) {
      for (Map.Entry<String, Metric> metric : group.getValue().entrySet()) {
        String name = metric.getKey();
        if (name.startsWith("changeRows") && metric.getValue() instanceof Counter c) {
          counts.merge(name, c.getCount(), Long::sum);
        }
        if ((name.equals("commitToEmitLagMs") || name.equals("versionsBehindHead"))
            && metric.getValue() instanceof Gauge<?> g) {
          gauges.put(name, ((Number) g.getValue()).longValue());
        }
      }
    }
    List<String> feed = t.expectedFeed();
    assertThat(counts)
        .containsEntry("changeRowsInsert", count(feed, "+I"))
        .containsEntry("changeRowsUpdateBefore", count(feed, "-U"))
        .containsEntry("changeRowsUpdateAfter", count(feed, "+U"))
        .containsEntry("changeRowsDelete", count(feed, "-D"));
    assertThat(gauges).containsKey("commitToEmitLagMs").containsEntry("versionsBehindHead", 0L);
    assertThat(gauges.get("commitToEmitLagMs")).isGreaterThanOrEqualTo(0);
  }
}
