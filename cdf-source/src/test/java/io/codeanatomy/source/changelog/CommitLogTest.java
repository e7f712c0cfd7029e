package io.codeanatomy.source.changelog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.codeanatomy.delta.DeltaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How one commit of the log becomes change splits, on hand-written log entries. */
class CommitLogTest {
  @TempDir Path root;
  CommitLog log;

  @BeforeEach
  void setUp() throws IOException {
    Files.createDirectories(root.resolve("_delta_log"));
    log = new CommitLog(root);
  }

  private void commit(long version, String... actions) throws IOException {
    Files.writeString(
        root.resolve("_delta_log").resolve(String.format("%020d.json", version)),
        String.join("\n", actions) + "\n");
  }

  private void touch(String... paths) throws IOException {
    for (String path : paths) {
      Path file = root.resolve(path);
      Files.createDirectories(file.getParent());
      Files.writeString(file, "");
    }
  }

  @Test
  void withoutCdcFilesRemovesComeBeforeAddsAndDataChangeFalseIsIgnored() throws IOException {
    touch("b.parquet", "a.parquet", "old.parquet", "compacted.parquet");
    commit(
        0,
        "{\"commitInfo\":{\"timestamp\":1,\"inCommitTimestamp\":1234}}",
        "{\"add\":{\"path\":\"b.parquet\",\"dataChange\":true}}",
        "{\"add\":{\"path\":\"a.parquet\",\"dataChange\":true}}",
        "{\"add\":{\"path\":\"compacted.parquet\",\"dataChange\":false}}",
        "{\"remove\":{\"path\":\"old.parquet\",\"dataChange\":true}}");

    CommitLog.Commit c = log.read(0);

    assertThat(c.timestamp()).isEqualTo(1234);
    assertThat(c.splits())
        .extracting(s -> s.kind() + " " + s.path())
        .containsExactly("REMOVED old.parquet", "ADDED a.parquet", "ADDED b.parquet");
  }

  @Test
  void cdcFilesReplaceTheAddsAndAreReadTwiceRetractionsFirst() throws IOException {
    touch("_change_data/c1.parquet", "_change_data/c2.parquet", "new.parquet");
    commit(
        0,
        "{\"add\":{\"path\":\"new.parquet\",\"dataChange\":true}}",
        "{\"cdc\":{\"path\":\"_change_data/c2.parquet\",\"dataChange\":false}}",
        "{\"cdc\":{\"path\":\"_change_data/c1.parquet\",\"dataChange\":false}}");

    assertThat(log.read(0).splits())
        .extracting(s -> s.kind() + " " + s.path())
        .containsExactly(
            "CDC_RETRACTIONS _change_data/c1.parquet",
            "CDC_RETRACTIONS _change_data/c2.parquet",
            "CDC_ACCUMULATIONS _change_data/c1.parquet",
            "CDC_ACCUMULATIONS _change_data/c2.parquet");
  }

  @Test
  void aDeletionVectorIsRefusedNamingVersionAndFile() throws IOException {
    commit(
        0,
        "{\"add\":{\"path\":\"dv.parquet\",\"dataChange\":true,"
            + "\"deletionVector\":{\"storageType\":\"u\",\"pathOrInlineDv\":\"x\"}}}");

    assertThatThrownBy(() -> log.read(0))
        .isInstanceOf(DeltaException.class)
        .hasMessageContaining("version 0 changes file dv.parquet through a deletion vector")
        .hasMessageContaining(root.toString());
  }

  @Test
  void aLogEntryRemovedByLogCleanupIsAClearError() throws IOException {
    commit(1, "{\"commitInfo\":{}}");

    assertThatThrownBy(() -> log.read(0))
        .isInstanceOf(DeltaException.class)
        .hasMessageContaining("the log entry of version 0 is gone");
    assertThat(log.latestVersion()).isEqualTo(1);
  }

  @Test
  void splitsAndEnumeratorStateSurviveSerialization() throws IOException {
    ChangeSplit split =
        new ChangeSplit(root.toString(), 7, ChangeSplit.Kind.CDC_RETRACTIONS, "p%20q", 99, 5);
    ChangelogEnumeratorState state = new ChangelogEnumeratorState(8, List.of(split, split));

    assertThat(
            ChangeSplitSerializer.INSTANCE.deserialize(
                1, ChangeSplitSerializer.INSTANCE.serialize(split)))
        .isEqualTo(split);
    assertThat(
            ChangelogEnumeratorStateSerializer.INSTANCE.deserialize(
                1, ChangelogEnumeratorStateSerializer.INSTANCE.serialize(state)))
        .isEqualTo(state);
  }
}
