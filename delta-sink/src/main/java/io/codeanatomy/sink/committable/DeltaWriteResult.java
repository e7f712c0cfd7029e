package io.codeanatomy.sink.committable;

import io.codeanatomy.delta.commit.AddFile;
import java.util.List;

/**
 * What one writer subtask wrote for one checkpoint. Travels from the writers to the pre-commit
 * aggregator, which folds the results of all writers into one {@link DeltaCommittable}.
 *
 * @param files data files to add (append and overwrite modes)
 * @param stagedChanges upsert mode: files under {@code _staging/} holding the writer's last change
 *     per key; never added to the table, the committer applies and then deletes them
 */
public record DeltaWriteResult(List<AddFile> files, List<AddFile> stagedChanges) {
  public DeltaWriteResult {
    files = List.copyOf(files);
    stagedChanges = List.copyOf(stagedChanges);
  }

  public DeltaWriteResult(List<AddFile> files) {
    this(files, List.of());
  }
}
