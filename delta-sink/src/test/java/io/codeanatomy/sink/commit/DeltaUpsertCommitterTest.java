package io.codeanatomy.sink.commit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.codeanatomy.delta.DeltaException;
import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.KernelEngine;
import io.codeanatomy.delta.commit.AddFile;
import io.codeanatomy.delta.read.ChangeReader;
import io.codeanatomy.delta.read.DataFileReader;
import io.codeanatomy.delta.read.SnapshotReader;
import io.codeanatomy.delta.write.ParquetFileWriter;
import io.codeanatomy.delta.write.TableOverwrite;
import io.codeanatomy.sink.DeltaSinkConfig;
import io.codeanatomy.sink.committable.DeltaCommittable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.logical.RowType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committer in upsert mode against real tables: staged changes in, exact keyed commits out. */
class DeltaUpsertCommitterTest {
  static final RowType ROW_TYPE =
      (RowType)
          DataTypes.ROW(
                  DataTypes.FIELD("id", DataTypes.STRING().notNull()),
                  DataTypes.FIELD("n", DataTypes.INT()))
              .getLogicalType();

  @TempDir Path dir;

  @Test
  void stagedChangesBecomeOneExactVersionPerCheckpointAndStagedFilesAreDeleted() {
    DeltaSinkConfig config = config();
    DeltaTable table = config.table();
    DeltaCommitter committer = new DeltaCommitter(config);

    List<AddFile> first = stage(config, up("a", 1), up("b", 1), up("c", 1));
    assertThat(committer.commit(new DeltaCommittable("run-1", 1, List.of(), first, false)))
        .contains(0L);
    assertThat(changes(table, 0))
        .containsExactlyInAnyOrder("insert a 1", "insert b 1", "insert c 1");

    // Two writers' files: a updated, b unchanged, c deleted, d inserted, e deleted but absent.
    List<AddFile> second = new ArrayList<>(stage(config, up("a", 2), up("b", 1)));
    second.addAll(stage(config, del("c"), up("d", 1), del("e")));
    assertThat(committer.commit(new DeltaCommittable("run-1", 2, List.of(), second, false)))
        .contains(1L);
    assertThat(changes(table, 1))
        .containsExactlyInAnyOrder(
            "update_preimage a 1", "update_postimage a 2", "delete c 1", "insert d 1");
    assertThat(rows(table)).containsExactlyInAnyOrder("a 2", "b 1", "d 1");
    assertThat(stagedFiles(table)).isEmpty();
  }

  @Test
  void replayOfACommittedCheckpointIsSkippedThoughItsStagedFilesAreGone() {
    DeltaSinkConfig config = config();
    DeltaTable table = config.table();
    DeltaCommitter committer = new DeltaCommitter(config);
    DeltaCommittable committable =
        new DeltaCommittable("run-1", 1, List.of(), stage(config, up("a", 1)), false);
    committer.commit(committable);

    assertThat(committer.commit(committable)).isEmpty();
    // A later checkpoint of the run moves the recorded version on; the earlier one stays skipped.
    committer.commit(new DeltaCommittable("run-1", 2, List.of(), stage(config, up("a", 2)), false));
    assertThat(committer.commit(committable)).isEmpty();

    assertThat(table.latestVersion()).isEqualTo(1);
    assertThat(rows(table)).containsExactly("a 2");
  }

  @Test
  void checkpointThatChangesNothingCommitsOnlyItsTxnSoAReplayIsRecognised() {
    DeltaSinkConfig config = config();
    DeltaTable table = config.table();
    DeltaCommitter committer = new DeltaCommitter(config);
    committer.commit(new DeltaCommittable("run-1", 1, List.of(), stage(config, up("a", 1)), false));

    DeltaCommittable noop =
        new DeltaCommittable("run-1", 2, List.of(), stage(config, up("a", 1), del("zz")), false);
    assertThat(committer.commit(noop)).contains(1L);
    assertThat(ChangeReader.changes(table, 1)).isEmpty();
    assertThat(table.snapshot().getLatestTransactionVersion(KernelEngine.shared(), "run-1"))
        .contains(2L);
    assertThat(committer.commit(noop)).isEmpty();
    assertThat(table.latestVersion()).isEqualTo(1);
  }

  @Test
  void aFreshReplacingRunsFirstCommitLeavesExactlyItsRowsAndPublishesOnlyTheDifference() {
    DeltaSinkConfig config = config();
    DeltaTable table = config.table();
    new DeltaCommitter(config)
        .commit(
            new DeltaCommittable(
                "old-run", 1, List.of(), stage(config, up("a", 1), up("b", 1)), false));

    DeltaCommitter fresh = new DeltaCommitter(config.replacingOnFirstCommit(true));
    assertThat(
            fresh.commit(
                new DeltaCommittable(
                    "new-run", 1, List.of(), stage(config, up("a", 1), up("c", 1)), false)))
        .contains(1L);
    assertThat(changes(table, 1)).containsExactlyInAnyOrder("delete b 1", "insert c 1");
    assertThat(rows(table)).containsExactlyInAnyOrder("a 1", "c 1");

    // Later commits of the run merge.
    fresh.commit(new DeltaCommittable("new-run", 2, List.of(), stage(config, up("d", 1)), false));
    assertThat(rows(table)).containsExactlyInAnyOrder("a 1", "c 1", "d 1");
  }

  @Test
  void aCheckpointViolatingATableConstraintFailsNamingItAndARowAndCommitsNothing() {
    DeltaSinkConfig config = config();
    DeltaTable table = config.table();
    // The table exists with a CHECK constraint (Spark's ALTER TABLE ADD CONSTRAINT, or ours).
    TableOverwrite.replaceContent(
        table,
        config.deltaSchema(),
        Map.of("delta.enableChangeDataFeed", "true", "delta.constraints.positive", "n > 0"),
        List.<Object[]>of(new Object[] {"a", 1}));
    DeltaCommitter committer = new DeltaCommitter(config);

    assertThatThrownBy(
            () ->
                committer.commit(
                    new DeltaCommittable(
                        "run-1", 1, List.of(), stage(config, up("b", 2), up("c", -3)), false)))
        .isInstanceOf(DeltaException.class)
        .hasMessageContaining(table.path())
        .hasMessageContaining("CHECK constraint `positive` (n > 0)")
        .hasMessageContaining("c");
    assertThat(table.latestVersion()).isZero();
    assertThat(rows(table)).containsExactly("a 1");
  }

  /**
   * A checkpoint aborted after some writers staged for it leaves their files to the next
   * committable, so one committable may hold a key's changes from two checkpoints: the later wins.
   */
  @Test
  void aCommittableCarryingAnAbortedCheckpointsFilesAppliesEachKeysLastChange() {
    DeltaSinkConfig config = config();
    DeltaCommitter committer = new DeltaCommitter(config);
    committer.commit(
        new DeltaCommittable("run-1", 1, List.of(), stage(config, up("a", 1), up("b", 1)), false));

    List<AddFile> twoCheckpoints = new ArrayList<>(stage(config, up("a", 2), del("b"), up("c", 1)));
    twoCheckpoints.addAll(stage(config, up("a", 3), up("b", 5), del("c")));
    committer.commit(new DeltaCommittable("run-1", 3, List.of(), twoCheckpoints, false));

    assertThat(rows(config.table())).containsExactlyInAnyOrder("a 3", "b 5");
    assertThat(changes(config.table(), 1))
        .containsExactlyInAnyOrder(
            "update_preimage a 1",
            "update_postimage a 3",
            "update_preimage b 1",
            "update_postimage b 5");
  }

  @Test
  void emptyCheckpointCommitsNothing() {
    DeltaSinkConfig config = config();
    DeltaCommitter committer = new DeltaCommitter(config);
    committer.commit(new DeltaCommittable("run-1", 1, List.of(), stage(config, up("a", 1)), false));
    assertThat(committer.commit(new DeltaCommittable("run-1", 2, List.of(), List.of(), false)))
        .isEmpty();
    assertThat(config.table().latestVersion()).isZero();
  }

  @Test
  void upsertModeWithoutAPrimaryKeyIsRefused() {
    assertThatThrownBy(
            () ->
                DeltaSinkConfig.upsert(
                    dir.resolve("t").toString(), ROW_TYPE, "app", 100, List.of()))
        .isInstanceOf(DeltaException.class)
        .hasMessageContaining("sink.mode = upsert needs the sink's primary key")
        .hasMessageContaining("PRIMARY KEY");
  }

  @Test
  void keyOfAnUnsupportedTypeIsRefusedBeforeAnythingRuns() {
    RowType withDouble =
        (RowType)
            DataTypes.ROW(
                    DataTypes.FIELD("x", DataTypes.DOUBLE().notNull()),
                    DataTypes.FIELD("n", DataTypes.INT()))
                .getLogicalType();
    assertThatThrownBy(
            () ->
                DeltaSinkConfig.upsert(
                    dir.resolve("t").toString(), withDouble, "app", 100, List.of("x")))
        .isInstanceOf(DeltaException.class)
        .hasMessageContaining("primary key column `x` has type DOUBLE NOT NULL");
  }

  @Test
  void anOwnerOutsideTheKeyLocatesDeletesByTheWholeStagedRow() {
    // Keyed by id, bucketed by n: each id keeps its n for life, as a CPG node keeps its file.
    DeltaSinkConfig config = config().bucketedBy("n", 16);
    assertThat(config.needsFullDeletes()).isTrue();
    DeltaTable table = config.table();
    DeltaCommitter committer = new DeltaCommitter(config);
    committer.commit(
        new DeltaCommittable(
            "run-1", 1, List.of(), stage(config, up("a", 1), up("b", 2), up("c", 3)), false));

    List<AddFile> second =
        stage(config, new Object[] {"b", 2, DeltaSinkConfig.OP_DELETE}, up("d", 4), up("a", 1));
    assertThat(committer.commit(new DeltaCommittable("run-1", 2, List.of(), second, false)))
        .contains(1L);

    assertThat(changes(table, 1)).containsExactlyInAnyOrder("delete b 2", "insert d 4");
    assertThat(rows(table)).containsExactlyInAnyOrder("a 1", "c 3", "d 4");
  }

  @Test
  void bucketColumnMustBeAColumn() {
    DeltaSinkConfig config = config();
    assertThatThrownBy(() -> config.bucketedBy("owner", 4))
        .isInstanceOf(DeltaException.class)
        .hasMessageContaining("sink.bucket-column `owner` is not a column of [id, n]");
  }

  private DeltaSinkConfig config() {
    return DeltaSinkConfig.upsert(dir.resolve("t").toString(), ROW_TYPE, "app", 100, List.of("id"));
  }

  private static Object[] up(String id, int n) {
    return new Object[] {id, n, DeltaSinkConfig.OP_UPSERT};
  }

  private static Object[] del(String id) {
    return new Object[] {id, null, DeltaSinkConfig.OP_DELETE};
  }

  /** What an upsert writer stages: one file under _staging/. */
  static List<AddFile> stage(DeltaSinkConfig config, Object[]... rows) {
    return new ParquetFileWriter(
            config.table(), config.stagingSchema(), DeltaSinkConfig.STAGING_DIRECTORY)
        .write(Arrays.asList(rows));
  }

  private static List<String> changes(DeltaTable table, long version) {
    return ChangeReader.changes(table, version).stream()
        .map(c -> c.changeType() + " " + c.values()[0] + " " + c.values()[1])
        .toList();
  }

  private static List<String> rows(DeltaTable table) {
    return SnapshotReader.readAll(table).stream().map(r -> r[0] + " " + r[1]).toList();
  }

  private static List<Path> stagedFiles(DeltaTable table) {
    Path staging = DataFileReader.resolve(table, DeltaSinkConfig.STAGING_DIRECTORY);
    if (!Files.exists(staging)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(staging)) {
      return files.filter(p -> p.toString().endsWith(".parquet")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
