package io.codeanatomy.source.enumerate;

import io.codeanatomy.source.split.DeltaFileSplit;
import io.codeanatomy.source.split.PendingSplits;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;

/**
 * Hands out the files of one snapshot, one per request, until none is left; then tells each reader
 * there will be no more. Bounded: the snapshot never grows.
 */
public final class StaticSplitEnumerator implements SplitEnumerator<DeltaFileSplit, PendingSplits> {
  private final SplitEnumeratorContext<DeltaFileSplit> context;
  private final Deque<DeltaFileSplit> pending;

  public StaticSplitEnumerator(
      SplitEnumeratorContext<DeltaFileSplit> context, Collection<DeltaFileSplit> splits) {
    this.context = context;
    this.pending = new ArrayDeque<>(splits);
  }

  @Override
  public void start() {}

  @Override
  public void handleSplitRequest(int subtaskId, String requesterHostname) {
    DeltaFileSplit next = pending.poll();
    if (next != null) {
      context.assignSplit(next, subtaskId);
    } else {
      context.signalNoMoreSplits(subtaskId);
    }
  }

  @Override
  public void addSplitsBack(List<DeltaFileSplit> splits, int subtaskId) {
    splits.forEach(pending::addFirst);
  }

  @Override
  public void addReader(int subtaskId) {
    // Readers ask for splits themselves when they start.
  }

  @Override
  public PendingSplits snapshotState(long checkpointId) {
    return new PendingSplits(List.copyOf(pending));
  }

  @Override
  public void close() {}
}
