package io.codeanatomy.source.changelog;

import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.source.schema.ColumnCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.table.types.logical.RowType;

/**
 * Discovers new table versions by polling the log and hands their change splits, one at a time and
 * in feed order, to the one reader (subtask 0). Any other reader gets nothing: changes to one key
 * must reach downstream through one channel, or they could overtake each other. In a bounded feed
 * they are told so at once and finish; in a continuous one they stay idle, since Flink fails over a
 * job whose coordinator sends a finished subtask an event such as a backlog change.
 *
 * <p>Discovery runs on the coordinator's worker thread; its result is applied on the coordinator
 * thread only if it starts at the version still expected, so an overlapping poll can never add a
 * version twice. A version that changes the schema is checked against the columns the query reads
 * before any of its splits is queued.
 *
 * <p>Bounded when an ending version is set: once every version up to it is handed out, the reader
 * is told there are no more splits (waiting, if need be, for the table to reach that version).
 *
 * <p>While the reader works through a starting snapshot, or through changes whose files add up to
 * the backlog threshold, the enumerator reports that the source is processing backlog (FLIP-309),
 * so a job can checkpoint rarely or not at all until it has caught up (<code>
 * execution.checkpointing.interval-during-backlog</code>) and a sink that commits on checkpoints
 * publishes a snapshot's or a large change set's result as one version instead of many partial
 * ones. The state is decided when the reader asks for a split, which it does only after reading the
 * previous one to its end, and when a poll queues new splits. A bounded feed reports no backlog.
 */
public final class ChangelogSplitEnumerator
    implements SplitEnumerator<ChangeSplit, ChangelogEnumeratorState> {
  /** Versions read per poll, so a long backlog is queued in slices rather than all at once. */
  private static final int MAX_VERSIONS_PER_POLL = 100;

  private static final int READER = 0;

  private final SplitEnumeratorContext<ChangeSplit> context;
  private final CommitLog log;
  private final DeltaTable table;
  private final RowType readType;
  private final Long endingVersion;
  private final long pollMillis;
  private final long backlogThreshold;
  private final Deque<ChangeSplit> pending;

  /**
   * Bytes of the file each pending split reads, by split id; their sum is {@link #pendingBytes}.
   */
  private final Map<String, Long> splitBytes = new HashMap<>();

  private long pendingBytes;

  private volatile long nextVersion;
  private volatile long headVersion = -1;
  private volatile long versionsBehindHead;
  private boolean readerWaiting;
  private boolean backlog; // the last poll stopped at MAX_VERSIONS_PER_POLL
  private boolean readingSnapshot;
  private boolean reportedBacklog;

  public ChangelogSplitEnumerator(
      SplitEnumeratorContext<ChangeSplit> context,
      CommitLog log,
      RowType readType,
      Long endingVersion,
      long pollMillis,
      long backlogThreshold,
      ChangelogEnumeratorState state) {
    this.context = context;
    this.log = log;
    this.table = DeltaTable.forPath(java.nio.file.Path.of(log.tablePath()));
    this.readType = readType;
    this.endingVersion = endingVersion;
    this.pollMillis = pollMillis;
    this.backlogThreshold = backlogThreshold;
    this.pending = new ArrayDeque<>();
    this.nextVersion = state.nextVersion();
    state.pending().forEach(this::queueLast);
  }

  @Override
  public void start() {
    readingSnapshot = pending.stream().anyMatch(ChangelogSplitEnumerator::isSnapshot);
    if (endingVersion == null) {
      context.setIsProcessingBacklog(reportedBacklog = inBacklog());
    }
    context.metricGroup().gauge("versionsBehindHead", () -> versionsBehindHead);
    context.callAsync(this::discover, this::onDiscovered, 0, pollMillis);
  }

  /**
   * The versions found by one poll, from {@code from} on, with the size of each split's file (read
   * on the worker thread, as the log is).
   */
  private record Discovery(
      long from, long head, List<CommitLog.Commit> commits, Map<String, Long> bytes) {}

  private Discovery discover() {
    long from = nextVersion;
    long head = log.latestVersion();
    long to = Math.min(head, from + MAX_VERSIONS_PER_POLL - 1);
    if (endingVersion != null) {
      to = Math.min(to, endingVersion);
    }
    List<CommitLog.Commit> commits = new ArrayList<>();
    for (long v = from; v <= to; v++) {
      CommitLog.Commit commit = log.read(v);
      if (commit.newSchemaJson() != null) {
        ColumnCheck.check(log.tablePath(), v, table.parseSchema(commit.newSchemaJson()), readType);
      }
      commits.add(commit);
    }
    Map<String, Long> bytes = new HashMap<>();
    commits.forEach(c -> c.splits().forEach(split -> bytes.put(split.splitId(), sizeOf(split))));
    return new Discovery(from, head, commits, bytes);
  }

  private void onDiscovered(Discovery discovery, Throwable error) {
    if (error != null) {
      // Fails the job: a change the feed cannot deliver must not be skipped silently.
      throw new IllegalStateException(error.getMessage(), error);
    }
    if (discovery.from() != nextVersion) {
      return; // an older poll's result, already applied
    }
    for (CommitLog.Commit commit : discovery.commits()) {
      for (ChangeSplit split : commit.splits()) {
        pending.addLast(split);
        track(split, discovery.bytes().get(split.splitId()));
      }
    }
    nextVersion = discovery.from() + discovery.commits().size();
    headVersion = Math.max(headVersion, discovery.head());
    backlog = discovery.commits().size() == MAX_VERSIONS_PER_POLL;
    updateBacklog();
    // A reader that failed since it asked is gone; its restarted self asks again.
    if (readerWaiting && context.registeredReaders().containsKey(READER)) {
      readerWaiting = false;
      handleSplitRequest(READER, null);
    }
    updateLag();
  }

  @Override
  public void handleSplitRequest(int subtaskId, String requesterHostname) {
    if (subtaskId != READER) {
      if (endingVersion != null) {
        context.signalNoMoreSplits(subtaskId);
      }
      return;
    }
    if (readingSnapshot && pending.stream().noneMatch(ChangelogSplitEnumerator::isSnapshot)) {
      readingSnapshot = false; // the reader has read the last snapshot split to its end
    }
    updateBacklog();
    ChangeSplit next = pending.poll();
    if (next != null) {
      untrack(next);
      context.assignSplit(next, subtaskId);
    } else if (endingVersion != null && nextVersion > endingVersion) {
      context.signalNoMoreSplits(subtaskId);
    } else {
      readerWaiting = true;
      if (backlog) {
        // Catching up: read the next slice now rather than at the next poll.
        backlog = false;
        context.callAsync(this::discover, this::onDiscovered);
      }
    }
    updateLag();
  }

  @Override
  public void addSplitsBack(List<ChangeSplit> splits, int subtaskId) {
    if (subtaskId == READER) {
      readerWaiting = false; // the reader failed; its request died with it
    }
    // Splits handed out since the last checkpoint come back in assignment order; they go first.
    for (int i = splits.size() - 1; i >= 0; i--) {
      pending.addFirst(splits.get(i));
      track(splits.get(i), sizeOf(splits.get(i)));
    }
    // No checkpoint was taken since: snapshot splits may come back, and the snapshot is not done.
    readingSnapshot |= splits.stream().anyMatch(ChangelogSplitEnumerator::isSnapshot);
    updateBacklog();
    updateLag();
  }

  @Override
  public void addReader(int subtaskId) {
    // The reader asks for splits itself when it starts.
  }

  @Override
  public ChangelogEnumeratorState snapshotState(long checkpointId) {
    return new ChangelogEnumeratorState(nextVersion, List.copyOf(pending));
  }

  @Override
  public void close() {}

  /** Whether the source has backlog: a snapshot still being read, or many unread changes. */
  private boolean inBacklog() {
    return readingSnapshot || pendingBytes >= backlogThreshold;
  }

  private void updateBacklog() {
    boolean now = inBacklog();
    if (endingVersion == null && now != reportedBacklog) {
      reportedBacklog = now;
      context.setIsProcessingBacklog(now);
    }
  }

  private void queueLast(ChangeSplit split) {
    pending.addLast(split);
    track(split, sizeOf(split));
  }

  private void track(ChangeSplit split, Long bytes) {
    long size = bytes == null ? 0 : bytes;
    Long before = splitBytes.put(split.splitId(), size);
    pendingBytes += size - (before == null ? 0 : before);
  }

  private void untrack(ChangeSplit split) {
    Long size = splitBytes.remove(split.splitId());
    pendingBytes -= size == null ? 0 : size;
  }

  /** The size of the file a split reads; 0 when it is gone (reading it then fails clearly). */
  private static long sizeOf(ChangeSplit split) {
    try {
      return Files.size(CommitLog.fileOf(split));
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  private static boolean isSnapshot(ChangeSplit split) {
    return split.kind() == ChangeSplit.Kind.SNAPSHOT;
  }

  /** Versions after the last one whose every split went to the reader. */
  private void updateLag() {
    long handedOut = pending.isEmpty() ? nextVersion - 1 : pending.peek().version() - 1;
    versionsBehindHead = Math.max(0, headVersion - handedOut);
  }
}
