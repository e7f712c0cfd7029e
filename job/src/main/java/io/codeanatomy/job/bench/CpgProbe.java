package io.codeanatomy.job.bench;

import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.read.ChangeReader;
import io.codeanatomy.delta.read.ChangeRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Watches a CPG table's commits for a row, to time how long a change takes to reach the graph: the
 * version whose change feed first inserts a row with a given {@code name}, and when it was
 * committed.
 */
final class CpgProbe {
  private final DeltaTable table;
  private final int nameColumn;
  private long seen;

  /** A probe that looks at the versions committed after the table's current one. */
  CpgProbe(DeltaTable table, String nameColumn) {
    this.table = table;
    this.seen = table.exists() ? table.latestVersion() : -1;
    this.nameColumn = table.snapshot().getSchema().indexOf(nameColumn);
  }

  /** A commit found by the probe: its version and commit time (epoch millis). */
  record Commit(long version, long committedMillis) {}

  /** Waits for the first version inserting a row named {@code name}. */
  Optional<Commit> awaitInsertOf(String name, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      long latest = table.latestVersion();
      for (long version = seen + 1; version <= latest; version++) {
        seen = version;
        for (ChangeRow row : ChangeReader.changes(table, version, version)) {
          boolean inserted =
              row.changeType().equals(ChangeRow.INSERT)
                  || row.changeType().equals(ChangeRow.UPDATE_POSTIMAGE);
          if (inserted && name.equals(row.values()[nameColumn])) {
            return Optional.of(new Commit(version, committedMillis(table, version)));
          }
        }
      }
      Thread.sleep(20);
    }
    return Optional.empty();
  }

  /** When {@code version} of {@code table} was committed: its log file's modification time. */
  static long committedMillis(DeltaTable table, long version) {
    try {
      Path log = table.logDir().resolve(String.format("%020d.json", version));
      return Files.getLastModifiedTime(log).toMillis();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
