package io.codeanatomy.source.split;

import java.util.List;

/** The enumerator's checkpoint: the splits not yet handed to a reader. */
public record PendingSplits(List<DeltaFileSplit> splits) {
  public PendingSplits {
    splits = List.copyOf(splits);
  }
}
