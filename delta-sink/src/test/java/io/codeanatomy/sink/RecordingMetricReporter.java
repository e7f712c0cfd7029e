package io.codeanatomy.sink;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * A metric reporter for tests: remembers every metric registered in the JVM by name, and keeps it
 * after its task ends, so a test reads the final values once the job finished. Enable it with
 * {@code metrics.reporter.recording.factory.class} = {@link Factory}.
 */
public final class RecordingMetricReporter implements MetricReporter {
  private static final Map<String, List<Metric>> METRICS = new ConcurrentHashMap<>();

  /** Every metric registered under {@code name} since the last {@link #clear()}. */
  public static List<Metric> named(String name) {
    return METRICS.getOrDefault(name, List.of());
  }

  public static void clear() {
    METRICS.clear();
  }

  @Override
  public void open(MetricConfig config) {}

  @Override
  public void close() {}

  @Override
  public void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {
    METRICS.computeIfAbsent(name, n -> new CopyOnWriteArrayList<>()).add(metric);
  }

  @Override
  public void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {
    // Kept: the test reads the values after the job ended.
  }

  /** Creates the reporter; found through {@code META-INF/services}. */
  public static final class Factory implements MetricReporterFactory {
    @Override
    public MetricReporter createMetricReporter(Properties properties) {
      return new RecordingMetricReporter();
    }
  }
}
