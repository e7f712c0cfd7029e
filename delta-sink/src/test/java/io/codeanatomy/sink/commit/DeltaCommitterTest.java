package io.codeanatomy.sink.commit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.codeanatomy.delta.DeltaException;
import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.commit.AddFile;
import io.codeanatomy.delta.read.SnapshotReader;
import io.codeanatomy.delta.write.ParquetFileWriter;
import io.codeanatomy.delta.write.TableOverwrite;
import io.codeanatomy.sink.DeltaSinkConfig;
import io.codeanatomy.sink.WriteMode;
import io.codeanatomy.sink.committable.DeltaCommittable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.sink2.Committer.CommitRequest;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.logical.RowType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committer against real tables on disk: idempotent replay, overwrite once per run. */
class DeltaCommitterTest {
  static final RowType ROW_TYPE =
      (RowType)
          DataTypes.ROW(
                  DataTypes.FIELD("id", DataTypes.STRING().notNull()),
                  DataTypes.FIELD("n", DataTypes.INT()))
              .getLogicalType();

  @TempDir Path dir;

  @Test
  void replayOfACommittedCheckpointIsSkipped() {
    DeltaSinkConfig config = config(WriteMode.APPEND);
    DeltaTable table = config.table();
    DeltaCommitter committer = new DeltaCommitter(config);
    DeltaCommittable first = new DeltaCommittable("run-1", 1, files(config, "a"), false);

    assertThat(committer.commit(first)).contains(0L);
    assertThat(committer.commit(first)).isEmpty();
    assertThat(committer.commit(new DeltaCommittable("run-1", 1, files(config, "x"), false)))
        .isEmpty();

    assertThat(table.latestVersion()).isZero();
    assertThat(ids(table)).containsExactly("a");
  }

  @Test
  void commitRequestsOfReplayedCheckpointsAreSignalledAsAlreadyCommitted() {
    DeltaSinkConfig config = config(WriteMode.APPEND);
    DeltaCommitter committer = new DeltaCommitter(config);
    committer.commit(new DeltaCommittable("run-1", 1, files(config, "a"), false));
    committer.commit(new DeltaCommittable("run-1", 2, files(config, "b"), false));

    RecordingRequest replayed =
        new RecordingRequest(new DeltaCommittable("run-1", 2, files(config, "b"), false));
    RecordingRequest fresh =
        new RecordingRequest(new DeltaCommittable("run-1", 3, files(config, "c"), false));
    committer.commit(List.of(fresh, replayed));

    assertThat(replayed.alreadyCommitted).isTrue();
    assertThat(fresh.alreadyCommitted).isFalse();
    assertThat(config.table().latestVersion()).isEqualTo(2);
    assertThat(ids(config.table())).containsExactlyInAnyOrder("a", "b", "c");
  }

  @Test
  void overwriteReplacesContentOnceAtTheStartOfEachRun() {
    DeltaSinkConfig config = config(WriteMode.OVERWRITE);
    DeltaTable table = config.table();
    TableOverwrite.replaceContent(
        table,
        config.deltaSchema(),
        TableOverwrite.CDF_ON,
        List.<Object[]>of(new Object[] {"old", 0}));
    DeltaCommitter committer = new DeltaCommitter(config);

    committer.commit(new DeltaCommittable("run-1", 1, files(config, "a"), false));
    committer.commit(new DeltaCommittable("run-1", 2, files(config, "b"), false));
    assertThat(ids(table)).containsExactlyInAnyOrder("a", "b");

    committer.commit(new DeltaCommittable("run-2", 1, files(config, "c"), false));
    assertThat(ids(table)).containsExactly("c");
    assertThat(table.latestVersion()).isEqualTo(3);
  }

  @Test
  void emptyCheckpointsCommitNothingButAnEmptyOverwriteRunEmptiesTheTable() {
    DeltaSinkConfig config = config(WriteMode.OVERWRITE);
    DeltaTable table = config.table();
    DeltaCommitter committer = new DeltaCommitter(config);
    committer.commit(new DeltaCommittable("run-1", 1, files(config, "a"), false));

    assertThat(committer.commit(new DeltaCommittable("run-2", 5, List.of(), false))).isEmpty();
    assertThat(ids(table)).containsExactly("a");

    assertThat(committer.commit(new DeltaCommittable("run-2", 6, List.of(), true))).contains(1L);
    assertThat(SnapshotReader.readAll(table)).isEmpty();
  }

  @Test
  void tableWithAnotherSchemaIsRefusedAndLeftAsItWas() {
    DeltaSinkConfig config = config(WriteMode.APPEND);
    DeltaTable table = config.table();
    RowType other =
        (RowType) DataTypes.ROW(DataTypes.FIELD("id", DataTypes.STRING())).getLogicalType();
    DeltaSinkConfig otherConfig =
        new DeltaSinkConfig(config.tablePath(), other, WriteMode.APPEND, "app", 100);
    new DeltaCommitter(otherConfig)
        .commit(
            new DeltaCommittable(
                "run-0",
                1,
                new ParquetFileWriter(table, otherConfig.deltaSchema())
                    .write(List.<Object[]>of(new Object[] {"z"})),
                false));

    assertThatThrownBy(
            () ->
                new DeltaCommitter(config)
                    .commit(new DeltaCommittable("run-1", 1, files(config, "a"), false)))
        .isInstanceOf(DeltaException.class)
        .hasMessageContaining("schema evolution is not supported")
        .hasMessageContaining(table.path());
    assertThat(table.latestVersion()).isZero();
  }

  private DeltaSinkConfig config(WriteMode mode) {
    return new DeltaSinkConfig(dir.resolve("t").toString(), ROW_TYPE, mode, "app", 100);
  }

  private static List<AddFile> files(DeltaSinkConfig config, String id) {
    return new ParquetFileWriter(config.table(), config.deltaSchema())
        .write(List.<Object[]>of(new Object[] {id, 1}));
  }

  private static List<Object> ids(DeltaTable table) {
    List<Object> ids = new ArrayList<>();
    SnapshotReader.readAll(table).forEach(r -> ids.add(r[0]));
    return ids;
  }

  /** Flink's commit request contract, recording what the committer signalled. */
  private static final class RecordingRequest implements CommitRequest<DeltaCommittable> {
    final DeltaCommittable committable;
    boolean alreadyCommitted;

    RecordingRequest(DeltaCommittable committable) {
      this.committable = committable;
    }

    @Override
    public DeltaCommittable getCommittable() {
      return committable;
    }

    @Override
    public int getNumberOfRetries() {
      return 0;
    }

    @Override
    public void signalFailedWithKnownReason(Throwable t) {
      throw new AssertionError("unexpected failure", t);
    }

    @Override
    public void signalFailedWithUnknownReason(Throwable t) {
      throw new AssertionError("unexpected failure", t);
    }

    @Override
    public void retryLater() {
      throw new AssertionError("unexpected retry");
    }

    @Override
    public void updateAndRetryLater(DeltaCommittable committable) {
      throw new AssertionError("unexpected retry");
    }

    @Override
    public void signalAlreadyCommitted() {
      alreadyCommitted = true;
    }
  }
}
