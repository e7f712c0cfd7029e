package io.codeanatomy.source.changelog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.codeanatomy.delta.DeltaException;
import io.codeanatomy.delta.read.DeletionVector;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
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

  private static final String DV_OLD =
      "{\"storageType\":\"u\",\"pathOrInlineDv\":\"old\",\"sizeInBytes\":1,\"cardinality\":1}";
  private static final String DV_NEW =
      "{\"storageType\":\"u\",\"pathOrInlineDv\":\"new\",\"sizeInBytes\":2,\"cardinality\":3}";

  @Test
  void aFileReAddedWithAnotherDeletionVectorDeletesTheNewlyDeletedRowsOnly() throws IOException {
    touch("dv.parquet", "gone.parquet", "fresh.parquet");
    commit(
        0,
        "{\"remove\":{\"path\":\"dv.parquet\",\"dataChange\":true,\"deletionVector\":"
            + DV_OLD
            + "}}",
        "{\"add\":{\"path\":\"dv.parquet\",\"dataChange\":true,\"deletionVector\":" + DV_NEW + "}}",
        "{\"remove\":{\"path\":\"gone.parquet\",\"dataChange\":true,\"deletionVector\":"
            + DV_OLD
            + "}}",
        "{\"add\":{\"path\":\"fresh.parquet\",\"dataChange\":true}}");

    assertThat(log.read(0).splits())
        .extracting(
            s ->
                s.kind()
                    + " "
                    + s.path()
                    + " only="
                    + (s.onlyDeletedBy() == null ? null : s.onlyDeletedBy().pathOrInlineDv())
                    + " not="
                    + (s.notDeletedBy() == null ? null : s.notDeletedBy().pathOrInlineDv()))
        .containsExactly(
            // rows the new vector deletes and the old one did not
            "REMOVED dv.parquet only=new not=old",
            // a removed file: its live rows
            "REMOVED gone.parquet only=null not=old",
            // rows the old vector deleted and the new one does not (a restore)
            "ADDED dv.parquet only=old not=new",
            "ADDED fresh.parquet only=null not=null");
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
    DeletionVector dv = new DeletionVector("i", "x".repeat(70_000), null, 4, 2);
    ChangeSplit split =
        new ChangeSplit(root.toString(), 7, ChangeSplit.Kind.REMOVED, "p%20q", dv, null, 99, 5);
    ChangelogEnumeratorState state = new ChangelogEnumeratorState(8, List.of(split, split));

    assertThat(
            ChangeSplitSerializer.INSTANCE.deserialize(
                2, ChangeSplitSerializer.INSTANCE.serialize(split)))
        .isEqualTo(split);
    assertThat(
            ChangelogEnumeratorStateSerializer.INSTANCE.deserialize(
                2, ChangelogEnumeratorStateSerializer.INSTANCE.serialize(state)))
        .isEqualTo(state);
  }

  @Test
  void splitsOfVersionOneCheckpointsStillRestore() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeUTF(root.toString());
      out.writeLong(7);
      out.writeUTF("CDC_RETRACTIONS");
      out.writeUTF("c.parquet");
      out.writeLong(99);
      out.writeLong(5);
    }

    assertThat(ChangeSplitSerializer.INSTANCE.deserialize(1, bytes.toByteArray()))
        .isEqualTo(
            new ChangeSplit(
                root.toString(),
                7,
                ChangeSplit.Kind.CDC_RETRACTIONS,
                "c.parquet",
                null,
                null,
                99,
                5));
  }
}
