package io.codeanatomy.sink.committable;

import io.codeanatomy.delta.commit.AddFile;
import java.util.List;

/**
 * The data files one writer subtask wrote for one checkpoint. Travels from the writers to the
 * pre-commit aggregator, which folds the results of all writers into one {@link DeltaCommittable}.
 */
public record DeltaWriteResult(List<AddFile> files) {
  public DeltaWriteResult {
    files = List.copyOf(files);
  }
}
