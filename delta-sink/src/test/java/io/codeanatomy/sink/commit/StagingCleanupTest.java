package io.codeanatomy.sink.commit;

import static org.assertj.core.api.Assertions.assertThat;

import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.commit.AddFile;
import io.codeanatomy.delta.read.DataFileReader;
import io.codeanatomy.delta.read.SnapshotReader;
import io.codeanatomy.sink.DeltaSinkConfig;
import io.codeanatomy.sink.committable.DeltaCommittable;
import io.codeanatomy.sink.committable.DeltaWriteResult;
import io.codeanatomy.sink.writer.DeltaUpsertWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.types.RowKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Staged change files go once nothing can read them any more — after the commit that consumed them,
 * or as leftovers of an attempt that failed — and never while a checkpoint in flight needs them.
 * Real upsert writers stage the files, the real committer commits them to a table on disk.
 */
class StagingCleanupTest {
  @TempDir Path dir;

  @Test
  void consumedAndAbandonedFilesAreDeletedFilesOfACheckpointInFlightAreKept() throws Exception {
    DeltaSinkConfig config =
        DeltaSinkConfig.upsert(
            dir.resolve("t").toString(),
            DeltaUpsertCommitterTest.ROW_TYPE,
            "app",
            100,
            List.of("id"));
    DeltaTable table = config.table();
    DeltaCommitter committer = new DeltaCommitter(config);
    DeltaUpsertWriter writer = writer(config, 0);

    writer.write(row(RowKind.INSERT, "a", 1), null);
    List<AddFile> checkpoint1 = staged(writer.prepareCommit());
    writer.snapshotState(1);
    // An attempt that failed before checkpoint 1 completed had staged a file no commit will read.
    DeltaUpsertWriter failedAttempt = writer(config, 0);
    failedAttempt.write(row(RowKind.INSERT, "z", 9), null);
    List<AddFile> abandoned = staged(failedAttempt.prepareCommit());
    // Checkpoint 2's file is staged (its checkpoint in flight) before checkpoint 1 commits.
    writer.write(row(RowKind.UPDATE_AFTER, "a", 2), null);
    List<AddFile> checkpoint2 = staged(writer.prepareCommit());
    writer.snapshotState(2);

    committer.commit(new DeltaCommittable("run", 1, List.of(), checkpoint1, false));

    assertThat(paths(table, checkpoint1)).noneMatch(Files::exists);
    assertThat(paths(table, abandoned)).noneMatch(Files::exists);
    assertThat(paths(table, checkpoint2)).allMatch(Files::exists);

    // Still readable: checkpoint 2 commits its change.
    committer.commit(new DeltaCommittable("run", 2, List.of(), checkpoint2, false));
    assertThat(SnapshotReader.readAll(table))
        .singleElement()
        .satisfies(r -> assertThat(r[1]).isEqualTo(2));
    assertThat(paths(table, checkpoint2)).noneMatch(Files::exists);

    // A replay of checkpoint 2 is skipped and cleans up too; a writer restored from checkpoint 5
    // (of another attempt) staged a file that belongs to no commit of this run.
    DeltaUpsertWriter restored = writer(config, 5);
    restored.write(row(RowKind.INSERT, "q", 1), null);
    List<AddFile> later = staged(restored.prepareCommit());
    assertThat(committer.commit(new DeltaCommittable("run", 2, List.of(), checkpoint2, false)))
        .isEmpty();
    assertThat(paths(table, later)).allMatch(Files::exists); // 5 >= 2: may be in flight

    // The end-of-input commit of a bounded run leaves nothing in flight: everything goes.
    writer.write(row(RowKind.DELETE, "a", 2), null);
    List<AddFile> last = staged(writer.prepareCommit());
    committer.commit(new DeltaCommittable("run", 3, List.of(), last, true));
    assertThat(SnapshotReader.readAll(table)).isEmpty();
    assertThat(stagedFiles(table)).isEmpty();
  }

  private static DeltaUpsertWriter writer(DeltaSinkConfig config, long restoredCheckpointId) {
    return new DeltaUpsertWriter(
        config, UnregisteredMetricsGroup.createSinkWriterMetricGroup(), restoredCheckpointId);
  }

  private static GenericRowData row(RowKind kind, String id, int n) {
    GenericRowData row = GenericRowData.of(StringData.fromString(id), n);
    row.setRowKind(kind);
    return row;
  }

  private static List<AddFile> staged(Collection<DeltaWriteResult> results) {
    return results.stream().flatMap(r -> r.stagedChanges().stream()).toList();
  }

  private static List<Path> paths(DeltaTable table, List<AddFile> files) {
    assertThat(files).isNotEmpty();
    return files.stream().map(f -> DataFileReader.resolve(table, f.path())).toList();
  }

  private static List<Path> stagedFiles(DeltaTable table) throws Exception {
    Path staging = table.root().resolve(DeltaSinkConfig.STAGING_DIRECTORY);
    try (Stream<Path> files = Files.walk(staging)) {
      return files.filter(Files::isRegularFile).toList();
    }
  }
}
