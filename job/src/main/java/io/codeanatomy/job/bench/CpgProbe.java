package io.codeanatomy.job.bench;

import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.read.ChangeReader;
import io.codeanatomy.delta.read.ChangeRow;
import java.time.Duration;
import java.util.Optional;

/**
 * Watches a CPG table's commits for a row, to time how long a change takes to reach the graph: the
 * version whose change feed first inserts a row with a given {@code name}, and when it was
 * committed.
 */
final class CpgProbe {
  private final DeltaTable table;
  private final String nameColumn;
  private long seen;

  /**
   * A probe that looks at the versions committed after the table's current one (all of them when
   * the job has not created the table yet).
   */
  CpgProbe(DeltaTable table, String nameColumn) {
    this.table = table;
    this.nameColumn = nameColumn;
    this.seen = table.exists() ? table.latestVersion() : -1;
  }

  /** A commit found by the probe: its version and commit time (epoch millis). */
  record Commit(long version, long committedMillis) {}

  /** Waits for the first version inserting a row named {@code name}. */
  Optional<Commit> awaitInsertOf(String name, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!table.exists()) {
        Thread.sleep(100);
        continue;
      }
      long latest = table.latestVersion();
      int column = table.snapshot().getSchema().indexOf(nameColumn);
      for (long version = seen + 1; version <= latest; version++) {
        seen = version;
        for (ChangeRow row : ChangeReader.changes(table, version, version)) {
          boolean inserted =
              row.changeType().equals(ChangeRow.INSERT)
                  || row.changeType().equals(ChangeRow.UPDATE_POSTIMAGE);
          if (inserted && name.equals(row.values()[column])) {
            return Optional.of(new Commit(version, table.commitMillis(version)));
          }
        }
      }
      Thread.sleep(20);
    }
    return Optional.empty();
  }
}
