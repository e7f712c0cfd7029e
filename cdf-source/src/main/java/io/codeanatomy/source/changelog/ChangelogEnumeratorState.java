package io.codeanatomy.source.changelog;

import java.util.List;

/**
 * The enumerator's checkpoint: the next version to discover and the splits discovered but not yet
 * handed to the reader, in feed order. With the reader's checkpoint (the split in progress and its
 * row offset) it pins the exact position in the change feed.
 */
public record ChangelogEnumeratorState(long nextVersion, List<ChangeSplit> pending) {
  public ChangelogEnumeratorState {
    pending = List.copyOf(pending);
  }
}
