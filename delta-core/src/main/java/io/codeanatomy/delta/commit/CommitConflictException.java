package io.codeanatomy.delta.commit;

import io.codeanatomy.delta.DeltaException;

/** Another writer committed the version this transaction wanted, and the two cannot be merged. */
public final class CommitConflictException extends DeltaException {
  public CommitConflictException(String tablePath, long version, String why) {
    super(
        tablePath,
        "commit "
            + version
            + " was published by another writer first ("
            + why
            + "); nothing of this transaction was committed, retry it");
  }
}
