package io.codeanatomy.sink.commit;

import io.codeanatomy.delta.commit.AddFile;
import io.codeanatomy.delta.commit.CommittedActions;
import io.codeanatomy.delta.commit.RemoveFile;
import io.codeanatomy.delta.write.KeyedChangeSummary;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * What the committer reports in its operator metric group.
 *
 * <table>
 *   <caption>committer metrics</caption>
 *   <tr><td>{@code deltaCommits}</td><td>versions committed</td></tr>
 *   <tr><td>{@code deltaCommitsSkipped}</td><td>checkpoints skipped as already in the table
 *       (replays after a failure)</td></tr>
 *   <tr><td>{@code deltaCommitRetries}</td><td>commits rebuilt after losing a race to another
 *       writer, or rebased over another writer's independent commit</td></tr>
 *   <tr><td>{@code deltaFilesAdded}, {@code deltaFilesRemoved}, {@code deltaBytesAdded}</td>
 *       <td>data files of the committed versions</td></tr>
 *   <tr><td>{@code deltaRowsInserted}, {@code deltaRowsUpdated}, {@code deltaRowsDeleted}</td>
 *       <td>effective keyed changes (upsert mode)</td></tr>
 *   <tr><td>{@code deltaCommitDurationMs} (histogram), {@code deltaLastCommitDurationMs}</td>
 *       <td>from reading the table to the published version</td></tr>
 *   <tr><td>{@code deltaLastCommittedVersion}</td><td>-1 before the first commit</td></tr>
 *   <tr><td>{@code deltaStagedFilesDeleted}</td><td>staged change files cleaned up</td></tr>
 *   <tr><td>{@code deltaPostCommitHookFailures}</td><td>post-commit hooks that threw</td></tr>
 * </table>
 */
final class DeltaCommitterMetrics {
  private static final int HISTOGRAM_WINDOW = 1024;

  private final Counter commits;
  private final Counter skipped;
  private final Counter retries;
  private final Counter filesAdded;
  private final Counter filesRemoved;
  private final Counter bytesAdded;
  private final Counter rowsInserted;
  private final Counter rowsUpdated;
  private final Counter rowsDeleted;
  private final Histogram duration;
  private final Counter stagedFilesDeleted;
  private final Counter hookFailures;
  private volatile long lastDurationMs;
  private volatile long lastVersion = -1;

  DeltaCommitterMetrics(MetricGroup group) {
    commits = group.counter("deltaCommits");
    skipped = group.counter("deltaCommitsSkipped");
    retries = group.counter("deltaCommitRetries");
    filesAdded = group.counter("deltaFilesAdded");
    filesRemoved = group.counter("deltaFilesRemoved");
    bytesAdded = group.counter("deltaBytesAdded");
    rowsInserted = group.counter("deltaRowsInserted");
    rowsUpdated = group.counter("deltaRowsUpdated");
    rowsDeleted = group.counter("deltaRowsDeleted");
    duration =
        group.histogram(
            "deltaCommitDurationMs", new DescriptiveStatisticsHistogram(HISTOGRAM_WINDOW));
    group.gauge("deltaLastCommitDurationMs", (Gauge<Long>) () -> lastDurationMs);
    group.gauge("deltaLastCommittedVersion", (Gauge<Long>) () -> lastVersion);
    stagedFilesDeleted = group.counter("deltaStagedFilesDeleted");
    hookFailures = group.counter("deltaPostCommitHookFailures");
  }

  void committed(long version, CommittedActions actions, long durationMs) {
    commits.inc();
    lastVersion = version;
    lastDurationMs = durationMs;
    duration.update(durationMs);
    for (AddFile add : actions.of(AddFile.class)) {
      if (add.dataChange()) {
        filesAdded.inc();
        bytesAdded.inc(add.size());
      }
    }
    filesRemoved.inc(actions.of(RemoveFile.class).stream().filter(RemoveFile::dataChange).count());
  }

  void keyedChanges(KeyedChangeSummary summary) {
    rowsInserted.inc(summary.inserted());
    rowsUpdated.inc(summary.updated());
    rowsDeleted.inc(summary.deleted());
  }

  void skipped() {
    skipped.inc();
  }

  void retried() {
    retries.inc();
  }

  /** A commit that landed after being rebased over {@code count} independent concurrent commits. */
  void rebased(int count) {
    retries.inc(count);
  }

  void stagedFilesDeleted(int count) {
    stagedFilesDeleted.inc(count);
  }

  void hookFailed() {
    hookFailures.inc();
  }
}
