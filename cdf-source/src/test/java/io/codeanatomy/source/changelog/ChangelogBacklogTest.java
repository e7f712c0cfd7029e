package io.codeanatomy.source.changelog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.mocks.MockSplitEnumeratorContext;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.logical.RowType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the enumerator reports backlog (FLIP-309): through a starting snapshot until the reader asks
 * for a split after the last one, and through changes whose files reach the threshold.
 */
class ChangelogBacklogTest {
  static final RowType ROW =
      (RowType) DataTypes.ROW(DataTypes.FIELD("id", DataTypes.STRING())).getLogicalType();
  static final long THRESHOLD = 4_096;

  @TempDir Path root;

  /** Flink's mock context, remembering what the enumerator reports. */
  static final class BacklogContext extends MockSplitEnumeratorContext<ChangeSplit> {
    final List<Boolean> reported = new ArrayList<>();

    BacklogContext() {
      super(2);
    }

    @Override
    public void setIsProcessingBacklog(boolean isProcessingBacklog) {
      reported.add(isProcessingBacklog);
    }

    boolean backlog() {
      return reported.get(reported.size() - 1);
    }
  }

  BacklogContext context;

  @BeforeEach
  void setUp() throws IOException {
    Files.createDirectories(root.resolve("_delta_log"));
    context = new BacklogContext();
    context.registerReader(new ReaderInfo(0, "localhost"));
  }

  @Test
  void aSnapshotIsBacklogUntilTheReaderAsksForASplitAfterItsLastFile() throws Exception {
    ChangelogSplitEnumerator enumerator =
        enumerator(new ChangelogEnumeratorState(1, List.of(snapshot("a"), snapshot("b"))));
    enumerator.start();
    assertThat(context.backlog()).isTrue();

    enumerator.handleSplitRequest(0, null); // gets a
    enumerator.handleSplitRequest(0, null); // done with a, gets b
    assertThat(context.backlog()).isTrue();
    enumerator.handleSplitRequest(0, null); // done with b
    assertThat(context.backlog()).isFalse();
    assertThat(context.reported).containsExactly(true, false);
  }

  @Test
  void otherSubtasksOfAContinuousFeedStayIdleSoBacklogEventsNeverReachAFinishedTask() {
    context.registerReader(new ReaderInfo(1, "localhost"));
    ChangelogSplitEnumerator enumerator = enumerator(new ChangelogEnumeratorState(1, List.of()));
    enumerator.start();

    enumerator.handleSplitRequest(1, null);

    assertThat(context.hasNoMoreSplits(1)).isFalse();
  }

  @Test
  void aBoundedFeedReportsNoBacklogAndFinishesTheOtherSubtasks() throws Exception {
    context.registerReader(new ReaderInfo(1, "localhost"));
    ChangelogSplitEnumerator enumerator =
        new ChangelogSplitEnumerator(
            context,
            new CommitLog(root),
            ROW,
            5L,
            200,
            THRESHOLD,
            new ChangelogEnumeratorState(1, List.of(snapshot("a"))));
    enumerator.start();
    enumerator.handleSplitRequest(1, null);

    assertThat(context.reported).isEmpty();
    assertThat(context.hasNoMoreSplits(1)).isTrue();
  }

  @Test
  void aSnapshotSplitHandedBackAfterAFailureIsBacklogAgain() throws Exception {
    ChangeSplit a = snapshot("a");
    ChangelogSplitEnumerator enumerator = enumerator(new ChangelogEnumeratorState(1, List.of(a)));
    enumerator.start();
    enumerator.handleSplitRequest(0, null); // gets a
    enumerator.handleSplitRequest(0, null); // done with a
    assertThat(context.backlog()).isFalse();

    enumerator.addSplitsBack(List.of(a), 0); // the reader failed before any checkpoint

    assertThat(context.backlog()).isTrue();
  }

  @Test
  void changesAreBacklogWhileTheirUnreadFilesReachTheThreshold() throws Throwable {
    ChangelogSplitEnumerator enumerator = enumerator(new ChangelogEnumeratorState(0, List.of()));
    enumerator.start();
    assertThat(context.backlog()).isFalse();

    commit(0, cdc("small", 100)); // one edit: a small change file
    poll();
    assertThat(context.backlog()).isFalse();

    commit(1, cdc("big-1", 3_000), cdc("big-2", 3_000)); // read twice each: 12 KB of splits
    poll();
    assertThat(context.backlog()).isTrue();

    // The reader works through the queue (small twice, then big-1, big-2 retractions, then their
    // accumulations); backlog ends once what is left, the split it gets included, is below 4 KB.
    List<Boolean> whileReading = new ArrayList<>();
    for (int request = 0; request < 7; request++) {
      enumerator.handleSplitRequest(0, null);
      whileReading.add(context.backlog());
    }
    assertThat(whileReading).containsExactly(true, true, true, true, true, false, false);
  }

  private ChangelogSplitEnumerator enumerator(ChangelogEnumeratorState state) {
    return new ChangelogSplitEnumerator(
        context, new CommitLog(root), ROW, null, 200, THRESHOLD, state);
  }

  private void poll() throws Throwable {
    context.runPeriodicCallable(0);
  }

  private ChangeSplit snapshot(String name) throws IOException {
    Path file = root.resolve(name + ".parquet");
    Files.write(file, new byte[10_000]);
    return new ChangeSplit(
        root.toString(), 0, ChangeSplit.Kind.SNAPSHOT, name + ".parquet", null, null, 0, 0);
  }

  private String cdc(String name, int bytes) throws IOException {
    Path file = root.resolve("_change_data").resolve(name + ".parquet");
    Files.createDirectories(file.getParent());
    Files.write(file, new byte[bytes]);
    return "{\"cdc\":{\"path\":\"_change_data/" + name + ".parquet\",\"dataChange\":false}}";
  }

  private void commit(long version, String... actions) throws IOException {
    Files.writeString(
        root.resolve("_delta_log").resolve(String.format("%020d.json", version)),
        "{\"commitInfo\":{\"timestamp\":1}}\n" + String.join("\n", actions) + "\n");
  }
}
