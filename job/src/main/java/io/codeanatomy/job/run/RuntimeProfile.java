package io.codeanatomy.job.run;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * How a continuous job runs: how often it checkpoints (and so commits the CPG tables), where its
 * state lives, how often it polls the extraction tables, and how it restarts after a failure.
 */
public enum RuntimeProfile {
  /** A laptop-sized code base: state on the heap, a commit every second. */
  SMALL("hashmap", Duration.ofSeconds(1), Duration.ofMillis(200)),
  /**
   * A large code base (a whole stdlib and more): state in RocksDB, off the heap and snapshotted
   * incrementally, with less frequent checkpoints.
   */
  LARGE("rocksdb", Duration.ofSeconds(5), Duration.ofMillis(200));

  private final String stateBackend;
  private final Duration checkpointInterval;
  private final Duration pollInterval;

  RuntimeProfile(String stateBackend, Duration checkpointInterval, Duration pollInterval) {
    this.stateBackend = stateBackend;
    this.checkpointInterval = checkpointInterval;
    this.pollInterval = pollInterval;
  }

  /** Flink's {@code state.backend.type}. */
  public String stateBackend() {
    return stateBackend;
  }

  public Duration checkpointInterval() {
    return checkpointInterval;
  }

  /** How often the changelog sources look for new versions of the extraction tables. */
  public Duration pollInterval() {
    return pollInterval;
  }

  /**
   * Flink settings of the profile, applied before any the user gives. RocksDB gets managed memory
   * of its own for block cache and write buffers; the embedded cluster's default (128 MB) would
   * make every state access a disk read. And its state changes are logged (the changelog state
   * backend): a checkpoint then writes the changes since the last one, while RocksDB's own
   * snapshots are taken in the background every few minutes. Without it every checkpoint copies the
   * SST files RocksDB wrote since the last, and when a compaction has just rewritten a large level
   * that takes seconds, which an edit waiting for that checkpoint waits out too.
   */
  public java.util.Map<String, String> flinkConfig() {
    return this == LARGE
        ? java.util.Map.of(
            "taskmanager.memory.managed.size", "1g",
            "state.changelog.enabled", "true",
            "state.changelog.storage", "filesystem")
        : java.util.Map.of();
  }

  /** How many restarts in a row the job tries before it fails. */
  public int restartAttempts() {
    return 10;
  }

  public Duration restartDelay() {
    return Duration.ofSeconds(1);
  }

  /** The profile called {@code name} (any case); fails listing the profiles. */
  public static RuntimeProfile named(String name) {
    try {
      return valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new BuildException(
          "unknown runtime profile '"
              + name
              + "'; profiles: "
              + Arrays.stream(values()).map(p -> p.name().toLowerCase(Locale.ROOT)).toList());
    }
  }
}
