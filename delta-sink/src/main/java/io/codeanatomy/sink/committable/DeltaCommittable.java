package io.codeanatomy.sink.committable;

import io.codeanatomy.delta.commit.AddFile;
import java.util.List;

/**
 * What one commit of the sink publishes: every data file all writers wrote for one checkpoint.
 * Flink keeps it in the committer's state until the commit succeeded, so after a failure it is
 * replayed; {@code appId} and {@code checkpointId} become the commit's {@code txn} action, which is
 * how the committer recognises a replay of a commit that already landed.
 *
 * @param appId the run's Delta application id
 * @param checkpointId the checkpoint the files belong to (at end of input: the one after the last)
 * @param files the data files to add, possibly none
 * @param stagedChanges upsert mode: the staged change files of all writers (keys never repeat
 *     across them, since the input is partitioned by key), possibly none
 * @param endOfInput true for the last committable of a run over bounded input
 */
public record DeltaCommittable(
    String appId,
    long checkpointId,
    List<AddFile> files,
    List<AddFile> stagedChanges,
    boolean endOfInput) {
  public DeltaCommittable {
    files = List.copyOf(files);
    stagedChanges = List.copyOf(stagedChanges);
  }

  public DeltaCommittable(
      String appId, long checkpointId, List<AddFile> files, boolean endOfInput) {
    this(appId, checkpointId, files, List.of(), endOfInput);
  }
}
