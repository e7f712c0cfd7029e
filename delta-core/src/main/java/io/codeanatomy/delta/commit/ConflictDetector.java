package io.codeanatomy.delta.commit;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Decides whether a transaction that lost the race for a version can be rebased over the commit
 * that won: it can when the winner touched nothing the transaction depends on. It cannot when the
 * winner changed metadata or protocol, recorded a {@code txn} for the same application, removed a
 * file the transaction removes or read, or added a file that may hold rows the transaction read
 * (its outcome could differ had it seen them).
 */
final class ConflictDetector {
  /**
   * What a transaction depends on.
   *
   * @param createsTable the transaction writes version 0
   * @param removed paths of the data files it removes
   * @param read paths of the data files whose content decided what it writes
   * @param readRange added files a rebase must not miss (files that may hold rows it read)
   * @param readRangeDescription what {@code readRange} covers, for the error message
   * @param appIds applications it records a {@code txn} for
   */
  record Footprint(
      boolean createsTable,
      Set<String> removed,
      Set<String> read,
      Predicate<AddFile> readRange,
      String readRangeDescription,
      Set<String> appIds) {}

  private ConflictDetector() {}

  /** Why the transaction cannot be rebased over {@code winner}, or empty when it can. */
  static Optional<String> conflict(Footprint footprint, CommittedActions winner) {
    String at = "version " + winner.version();
    if (footprint.createsTable()) {
      return Optional.of(at + " created the table first");
    }
    for (Action action : winner.actions()) {
      if (action instanceof Metadata) {
        return Optional.of(at + " changed the table's metadata (schema or properties)");
      }
      if (action instanceof Protocol) {
        return Optional.of(at + " changed the table's protocol");
      }
      if (action instanceof SetTransaction t && footprint.appIds().contains(t.appId())) {
        return Optional.of(
            at
                + " records a txn of application "
                + t.appId()
                + " at version "
                + t.version()
                + " (the same application committed concurrently)");
      }
      if (action instanceof RemoveFile r && footprint.removed().contains(r.path())) {
        return Optional.of(at + " also removed file " + r.path());
      }
      if (action instanceof RemoveFile r && footprint.read().contains(r.path())) {
        return Optional.of(at + " removed file " + r.path() + ", which this transaction read");
      }
      if (action instanceof AddFile a && a.dataChange() && footprint.readRange().test(a)) {
        return Optional.of(
            at
                + " added file "
                + a.path()
                + ", which may hold rows this transaction read ("
                + footprint.readRangeDescription()
                + ")");
      }
    }
    return Optional.empty();
  }

  /** The first conflict over a run of winning commits, in version order. */
  static Optional<String> conflict(Footprint footprint, List<CommittedActions> winners) {
    for (CommittedActions winner : winners) {
      Optional<String> why = conflict(footprint, winner);
      if (why.isPresent()) {
        return why;
      }
    }
    return Optional.empty();
  }
}
