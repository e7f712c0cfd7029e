package io.codeanatomy.delta.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.codeanatomy.delta.DeltaException;
import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.commit.AddCdcFile;
import io.codeanatomy.delta.commit.AddFile;
import io.codeanatomy.delta.commit.CommittedActions;
import io.codeanatomy.delta.commit.RemoveFile;
import io.codeanatomy.delta.read.ChangeReader;
import io.codeanatomy.delta.read.SnapshotReader;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyedChangeWriterTest {
  static final StructType SCHEMA =
      new StructType()
          .add("file_id", StringType.STRING, false)
          .add("node_id", StringType.STRING, false)
          .add("kind", StringType.STRING)
          .add("n", IntegerType.INTEGER);
  static final KeyedLayout BY_NODE = KeyedLayout.keyedBy("node_id");

  @TempDir Path dir;
  DeltaTable table;
  KeyedChangeWriter writer;

  @BeforeEach
  void createTable() {
    table = DeltaTable.forPath(dir.resolve("t"));
    // v0: one file holding a1, a2 (owner a) and b1 (owner b)
    TableOverwrite.replaceContent(
        table,
        SCHEMA,
        TableOverwrite.CDF_ON,
        rows(row("a", "a1", "CALL", 1), row("a", "a2", "NAME", 2), row("b", "b1", "CALL", 3)));
    writer = new KeyedChangeWriter(table, BY_NODE);
  }

  @Test
  void newKeysAreInsertedIntoANewFileWithInsertChangesOnly() {
    KeyedChangeSummary summary = writer.apply(rows(row("c", "c1", "DEF", 9)), List.of());

    assertThat(summary.version()).contains(1L);
    assertThat(summary.inserted()).isEqualTo(1);
    assertThat(summary.filesRewritten()).isZero();
    assertThat(changes(1)).containsExactly("insert c1 DEF 9");
    CommittedActions commit = CommittedActions.read(table, 1);
    assertThat(commit.of(RemoveFile.class)).isEmpty();
    assertThat(commit.of(AddFile.class)).hasSize(1);
    assertThat(snapshot())
        .containsExactlyInAnyOrder("a1 CALL 1", "a2 NAME 2", "b1 CALL 3", "c1 DEF 9");
  }

  @Test
  void deleteWritesOnlyTheDeletedRowAsChange() {
    KeyedChangeSummary summary = writer.apply(List.of(), keys("a2"));

    assertThat(summary.deleted()).isEqualTo(1);
    assertThat(summary.filesRewritten()).isEqualTo(1);
    assertThat(changes(1)).containsExactly("delete a2 NAME 2");
    assertThat(snapshot()).containsExactlyInAnyOrder("a1 CALL 1", "b1 CALL 3");
  }

  @Test
  void updateWritesPreAndPostImageAndNothingForItsUnchangedNeighbours() {
    KeyedChangeSummary summary = writer.apply(rows(row("a", "a1", "CALL", 10)), List.of());

    assertThat(summary.updated()).isEqualTo(1);
    assertThat(changes(1))
        .containsExactlyInAnyOrder("update_preimage a1 CALL 1", "update_postimage a1 CALL 10");
    assertThat(snapshot()).containsExactlyInAnyOrder("a1 CALL 10", "a2 NAME 2", "b1 CALL 3");
  }

  @Test
  void identicalUpsertIsNoChangeAndCommitsNothing() {
    // The int column's value given as a Long: equal by value in the column's type.
    Object[] same = {"a", "a1", "CALL", 1L};
    KeyedChangeSummary summary = writer.apply(rows(same), keys("zz-not-there"));

    assertThat(summary.changed()).isFalse();
    assertThat(summary.version()).isEmpty();
    assertThat(summary.unchanged()).isEqualTo(1);
    assertThat(table.latestVersion()).isZero();
  }

  @Test
  void mixedBatchHasExactlyTheEffectiveChanges() {
    KeyedChangeSummary summary =
        writer.apply(
            rows(
                row("a", "a1", "CALL", 1), // identical
                row("a", "a2", "NAME", 20), // update
                row("c", "c1", "DEF", 5)), // insert
            keys("b1", "nope")); // delete, and a key that is not there

    assertThat(summary.version()).contains(1L);
    assertThat(
            List.of(summary.inserted(), summary.updated(), summary.deleted(), summary.unchanged()))
        .containsExactly(1, 1, 1, 1);
    assertThat(changes(1))
        .containsExactlyInAnyOrder(
            "update_preimage a2 NAME 2",
            "update_postimage a2 NAME 20",
            "delete b1 CALL 3",
            "insert c1 DEF 5");
    assertThat(snapshot()).containsExactlyInAnyOrder("a1 CALL 1", "a2 NAME 20", "c1 DEF 5");
    assertThat(SnapshotReader.readAll(table, table.snapshotAt(0))).hasSize(3);
  }

  @Test
  void filesWhoseKeyRangeExcludesTheBatchAreSkippedAndKeptAsTheyAre() {
    writer.apply(rows(row("m", "m1", "X", 1), row("m", "m2", "X", 2)), List.of()); // v1
    writer.apply(rows(row("x", "x1", "X", 1)), List.of()); // v2
    String untouched =
        table.files(table.snapshot()).stream()
            .filter(f -> f.statsJson().contains("\"x1\""))
            .findFirst()
            .orElseThrow()
            .path();

    KeyedChangeSummary summary = writer.apply(rows(row("m", "m2", "X", 3)), List.of());

    assertThat(summary.filesSkipped()).isEqualTo(2); // [a1..b1] and [x1..x1]
    assertThat(summary.filesRead()).isEqualTo(1);
    assertThat(summary.filesRewritten()).isEqualTo(1);
    assertThat(table.files(table.snapshot())).extracting(f -> f.path()).contains(untouched);
    assertThat(changes(3))
        .containsExactlyInAnyOrder("update_preimage m2 X 2", "update_postimage m2 X 3");
  }

  @Test
  void bucketedLayoutRewritesOnlyTheBucketOfTheChangedOwner() {
    DeltaTable bucketed = DeltaTable.forPath(dir.resolve("bucketed"));
    TableOverwrite.replaceContent(bucketed, SCHEMA, TableOverwrite.CDF_ON, List.of());
    KeyedChangeWriter byOwner =
        new KeyedChangeWriter(
            bucketed, KeyedLayout.keyedBy("file_id", "node_id").bucketedBy("file_id", 4));
    List<Object[]> rows = new ArrayList<>();
    for (int f = 0; f < 20; f++) {
      for (int n = 0; n < 3; n++) {
        rows.add(row("f" + f, "f" + f + "/n" + n, "CALL", n));
      }
    }
    KeyedChangeSummary first = byOwner.apply(rows, List.of());
    assertThat(first.filesAdded()).isLessThanOrEqualTo(4);

    KeyedChangeSummary second =
        byOwner.apply(
            rows(row("f7", "f7/n0", "CALL", 100), row("f7", "f7/n9", "DEF", 1)),
            rows(new Object[] {"f7", "f7/n1"}));

    assertThat(second.filesRewritten()).isEqualTo(1);
    assertThat(second.filesAdded()).isEqualTo(1);
    assertThat(changes(bucketed, 2))
        .containsExactlyInAnyOrder(
            "update_preimage f7/n0 CALL 0",
            "update_postimage f7/n0 CALL 100",
            "delete f7/n1 CALL 1",
            "insert f7/n9 DEF 1");
    assertThat(SnapshotReader.readAll(bucketed)).hasSize(60);
  }

  @Test
  void bucketedLayoutReadsOnlyTheFilesOfTheChangedOwnersBucket() {
    DeltaTable bucketed = DeltaTable.forPath(dir.resolve("bucketed-names"));
    TableOverwrite.replaceContent(bucketed, SCHEMA, TableOverwrite.CDF_ON, List.of());
    KeyedChangeWriter byOwner =
        new KeyedChangeWriter(
            bucketed, KeyedLayout.keyedBy("file_id", "node_id").bucketedBy("file_id", 8));
    List<Object[]> rows = new ArrayList<>();
    for (int f = 0; f < 200; f++) {
      rows.add(row(String.format("f%03d", f), "n", "CALL", f));
    }
    assertThat(byOwner.apply(rows, List.of()).filesAdded()).isEqualTo(8);
    List<String> names =
        bucketed.files(bucketed.snapshot()).stream().map(f -> f.path()).sorted().toList();
    assertThat(names).allMatch(p -> p.matches("bucket-000\\d\\d-of-00008-.*\\.parquet"));
    // Every bucket's hashed owners span (nearly) f000..f199: statistics alone would skip nothing.
    assertThat(
            bucketed.files(bucketed.snapshot()).stream()
                .filter(f -> f.statsJson().contains("\"f00")))
        .hasSizeGreaterThan(4);

    KeyedChangeSummary change =
        byOwner.apply(
            rows(row("f042", "n", "CALL", -1), row("f042", "new", "DEF", 1)),
            rows(new Object[] {"f042", "gone"}));

    assertThat(change.filesRead()).isEqualTo(1);
    assertThat(change.filesSkipped()).isEqualTo(7);
    assertThat(change.filesRewritten()).isEqualTo(1);
    assertThat(changes(bucketed, 2))
        .containsExactlyInAnyOrder(
            "update_preimage n CALL 42", "update_postimage n CALL -1", "insert new DEF 1");
    assertThat(SnapshotReader.readAll(bucketed)).hasSize(201);
  }

  @Test
  void anOwnerOutsideTheKeyBucketsRowsAndDeletesNameTheirOwner() {
    DeltaTable bucketed = DeltaTable.forPath(dir.resolve("owned"));
    StructType nullableOwner =
        new StructType()
            .add("file_id", StringType.STRING, true)
            .add("node_id", StringType.STRING, false)
            .add("kind", StringType.STRING)
            .add("n", IntegerType.INTEGER);
    TableOverwrite.replaceContent(bucketed, nullableOwner, TableOverwrite.CDF_ON, List.of());
    // Keyed by node_id alone, as the CPG tables are, but grouped into files by owner.
    KeyedLayout layout = KeyedLayout.keyedBy("node_id").bucketedBy("file_id", 8);
    assertThat(layout.locatorColumns()).containsExactly("node_id", "file_id");
    KeyedChangeWriter byOwner = new KeyedChangeWriter(bucketed, layout);
    List<Object[]> rows = new ArrayList<>();
    for (int f = 0; f < 200; f++) {
      rows.add(row(String.format("f%03d", f), "n" + f, "CALL", f));
    }
    rows.add(row(null, "external-len", "EXTERNAL", 0)); // null owners share a bucket
    assertThat(byOwner.apply(rows, List.of()).filesAdded()).isEqualTo(8);

    KeyedChangeSummary change =
        byOwner.apply(
            rows(row("f042", "n42", "CALL", -1), row("f042", "new", "DEF", 1)),
            rows(new Object[] {"n43", "f043"}, new Object[] {"external-len", null}));

    assertThat(change.filesRead()).isBetween(1, 3);
    assertThat(change.filesSkipped()).isGreaterThanOrEqualTo(5);
    assertThat(changes(bucketed, 2))
        .containsExactlyInAnyOrder(
            "update_preimage n42 CALL 42",
            "update_postimage n42 CALL -1",
            "insert new DEF 1",
            "delete n43 CALL 43",
            "delete external-len EXTERNAL 0");
    assertThat(SnapshotReader.readAll(bucketed)).hasSize(200);
    assertThatThrownBy(() -> byOwner.apply(List.of(), keys("n1")))
        .isInstanceOf(DeltaException.class)
        .hasMessageContaining("must name [node_id, file_id]");
  }

  @Test
  void bucketNamesOfAnotherBucketCountAreNotTrusted() {
    assertThat(BucketFileName.bucketOf("bucket-00003-of-00008-x.parquet", 8)).hasValue(3);
    assertThat(BucketFileName.bucketOf("dir/bucket-00003-of-00008-x.parquet", 16)).isEmpty();
    assertThat(BucketFileName.bucketOf("0a1b-uuid.parquet", 8)).isEmpty();
  }

  @Test
  void commitOfAKeyedBatchRemovesAddsAndDescribesEveryChangeInCdcFiles() {
    writer.apply(rows(row("a", "a1", "CALL", 7)), List.of());
    CommittedActions commit = CommittedActions.read(table, 1);
    assertThat(commit.of(RemoveFile.class)).hasSize(1);
    assertThat(commit.of(AddFile.class)).hasSize(1);
    assertThat(commit.of(AddCdcFile.class))
        .singleElement()
        .satisfies(cdc -> assertThat(cdc.path()).startsWith("_change_data/"));
  }

  @Test
  void changeReaderDerivesChangesFromAddAndRemoveWithoutCdcFiles() {
    TableOverwrite.replaceContent(
        table, SCHEMA, TableOverwrite.CDF_ON, rows(row("z", "z1", "CALL", 1)));

    assertThat(changes(1))
        .containsExactlyInAnyOrder(
            "delete a1 CALL 1", "delete a2 NAME 2", "delete b1 CALL 3", "insert z1 CALL 1");
    assertThat(changes(0))
        .containsExactlyInAnyOrder("insert a1 CALL 1", "insert a2 NAME 2", "insert b1 CALL 3");
  }

  @Test
  void ambiguousBatchesAreRefusedBeforeAnythingIsWritten() {
    assertThatThrownBy(
            () -> writer.apply(rows(row("a", "a1", "X", 1), row("a", "a1", "Y", 1)), List.of()))
        .isInstanceOf(DeltaException.class)
        .hasMessageContaining("upserts key [a1] twice");
    assertThatThrownBy(() -> writer.apply(rows(row("a", "a1", "X", 1)), keys("a1")))
        .isInstanceOf(DeltaException.class)
        .hasMessageContaining("both upserts and deletes key [a1]");
    assertThatThrownBy(() -> writer.apply(List.of(), rows(new Object[] {null})))
        .isInstanceOf(DeltaException.class)
        .hasMessageContaining("must not be null");
    assertThat(table.latestVersion()).isZero();
  }

  @Test
  void replacingAnOwnersRowsDeletesWhatItLostUpdatesWhatChangedAndLeavesOthersAlone() {
    KeyedLayout byOwner = KeyedLayout.keyedBy("file_id", "node_id");
    var txn = io.codeanatomy.delta.commit.DeltaTransaction.update(table);
    KeyedChangeSummary summary =
        new KeyedChangeWriter(table, byOwner)
            .stageOwnerReplacement(
                txn, List.of("a"), rows(row("a", "a1", "CALL", 1), row("a", "a3", "DEF", 4)));
    long version = txn.commit("MERGE", java.util.Map.of());

    assertThat(summary.inserted()).isEqualTo(1);
    assertThat(summary.deleted()).isEqualTo(1);
    assertThat(summary.unchanged()).isEqualTo(1);
    assertThat(changes(version)).containsExactlyInAnyOrder("delete a2 NAME 2", "insert a3 DEF 4");
    assertThat(snapshot()).containsExactlyInAnyOrder("a1 CALL 1", "a3 DEF 4", "b1 CALL 3");
  }

  @Test
  void replacingAnOwnerWithNoRowsDeletesAllOfThemAndARowOfAnotherOwnerIsRefused() {
    KeyedChangeWriter byOwner =
        new KeyedChangeWriter(table, KeyedLayout.keyedBy("file_id", "node_id"));
    var txn = io.codeanatomy.delta.commit.DeltaTransaction.update(table);
    assertThatThrownBy(
            () -> byOwner.stageOwnerReplacement(txn, List.of("a"), rows(row("b", "b1", "X", 0))))
        .isInstanceOf(DeltaException.class)
        .hasMessageContaining("not one of the owners being replaced");

    var again = io.codeanatomy.delta.commit.DeltaTransaction.update(table);
    assertThat(byOwner.stageOwnerReplacement(again, List.of("a"), List.of()).deleted())
        .isEqualTo(2);
    long version = again.commit("MERGE", java.util.Map.of());
    assertThat(changes(version)).containsExactlyInAnyOrder("delete a1 CALL 1", "delete a2 NAME 2");
  }

  @Test
  void replacingTheWholeContentPublishesOnlyTheDifference() {
    var txn = io.codeanatomy.delta.commit.DeltaTransaction.update(table);
    KeyedChangeSummary summary =
        writer.stageReplacement(
            txn,
            rows(row("a", "a1", "CALL", 1), row("b", "b1", "CALL", 30), row("c", "c1", "X", 5)));
    long version = txn.commit("MERGE", java.util.Map.of());

    assertThat(summary.unchanged()).isEqualTo(1);
    assertThat(changes(version))
        .containsExactlyInAnyOrder(
            "delete a2 NAME 2",
            "update_preimage b1 CALL 3",
            "update_postimage b1 CALL 30",
            "insert c1 X 5");
    assertThat(snapshot()).containsExactlyInAnyOrder("a1 CALL 1", "b1 CALL 30", "c1 X 5");
  }

  @Test
  void aBucketedOverwriteWritesOneFilePerBucketAndRecordsItsLayout(@TempDir Path other) {
    DeltaTable bucketed = DeltaTable.forPath(other.resolve("b"));
    KeyedLayout layout = KeyedLayout.keyedBy("file_id", "node_id").bucketedBy("file_id", 4);
    List<Object[]> many = new ArrayList<>();
    for (int owner = 0; owner < 40; owner++) {
      for (int n = 0; n < 3; n++) {
        many.add(row("f" + owner, "f" + owner + "-" + n, "CALL", n));
      }
    }
    TableOverwrite.replaceContent(bucketed, SCHEMA, TableOverwrite.CDF_ON, many, layout);

    assertThat(bucketed.files(bucketed.snapshot()))
        .hasSize(4)
        .allSatisfy(f -> assertThat(f.path()).matches("bucket-0000[0-3]-of-00004-.*"));
    assertThat(KeyedLayout.fromProperties(bucketed.snapshot().getTableProperties()))
        .contains(layout);

    // Replacing one owner's rows reads only its bucket's file.
    var txn = io.codeanatomy.delta.commit.DeltaTransaction.update(bucketed);
    KeyedChangeSummary summary =
        new KeyedChangeWriter(bucketed, layout)
            .stageOwnerReplacement(txn, List.of("f7"), rows(row("f7", "f7-0", "CALL", 0)));
    assertThat(summary.filesRead()).isEqualTo(1);
    assertThat(summary.filesSkipped()).isEqualTo(3);
    assertThat(summary.deleted()).isEqualTo(2);
  }

  private List<String> changes(long version) {
    return changes(table, version);
  }

  private static List<String> changes(DeltaTable t, long version) {
    return ChangeReader.changes(t, version).stream()
        .map(c -> c.changeType() + " " + describe(c.values()))
        .collect(Collectors.toList());
  }

  private List<String> snapshot() {
    return SnapshotReader.readAll(table).stream()
        .map(KeyedChangeWriterTest::describe)
        .collect(Collectors.toList());
  }

  private static String describe(Object[] r) {
    return r[1] + " " + r[2] + " " + r[3];
  }

  static Object[] row(String file, String node, String kind, int n) {
    return new Object[] {file, node, kind, n};
  }

  private static List<Object[]> rows(Object[]... rows) {
    return List.of(rows);
  }

  private static List<Object[]> keys(String... nodes) {
    return Arrays.stream(nodes).map(n -> new Object[] {n}).collect(Collectors.toList());
  }
}
