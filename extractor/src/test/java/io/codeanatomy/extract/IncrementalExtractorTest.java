package io.codeanatomy.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.codeanatomy.delta.DeltaException;
import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.read.ChangeReader;
import io.codeanatomy.delta.read.ChangeRow;
import io.codeanatomy.delta.read.SnapshotReader;
import io.codeanatomy.delta.write.TableOverwrite;
import io.codeanatomy.extract.ExtractionRun.TableChange;
import io.codeanatomy.extract.incremental.FileChanges;
import io.codeanatomy.extract.incremental.RewriteThreshold;
import io.codeanatomy.udf.id.StableId;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Incremental extraction against its oracle: after every run each table equals a fresh full
 * extraction of the repository, and the change feed of the version it committed is exactly the
 * difference between the table before and after — inserts for new keys, deletes for gone keys,
 * pre/post images for keys whose values changed, nothing for rows that stayed.
 */
class IncrementalExtractorTest {
  @TempDir Path repo;
  @TempDir Path tables;
  private IncrementalExtractor extractor;
  private Map<String, List<List<Object>>> before;

  @BeforeEach
  void firstRun() throws IOException {
    Samples.writeRepo(repo);
    extractor = new IncrementalExtractor(new PythonExtractor(), tables);
    ExtractionRun run = extractor.sync(repo);
    assertThat(run.initial()).isTrue();
    assertThat(run.changes().added()).hasSize(6);
    assertTablesEqualFullExtraction();
    before = contents();
  }

  @Test
  void aRunWithoutChangesCommitsNothing() {
    Map<String, Long> versions = latestVersions();
    ExtractionRun run = extractor.sync(repo);
    assertThat(run.changes().isEmpty()).isTrue();
    assertThat(run.changes().unchanged()).isEqualTo(6);
    assertThat(run.committed()).isFalse();
    assertThat(latestVersions()).isEqualTo(versions);
  }

  @Test
  void tablesAnotherExtractorVersionWroteAreRefusedWithWhatToDo() throws IOException {
    Path old = tables.resolve("old");
    var narrower =
        new StructType()
            .add("call_id", StringType.STRING, false)
            .add("file_id", StringType.STRING, false);
    ExtractionStore.write(old, new PythonExtractor().extract(repo));
    Files.walk(old.resolve(ExtractionTables.CALLS))
        .sorted(Comparator.reverseOrder())
        .forEach(p -> p.toFile().delete());
    TableOverwrite.replaceContent(
        DeltaTable.forPath(old.resolve(ExtractionTables.CALLS)),
        narrower,
        TableOverwrite.CDF_ON,
        List.of());
    IncrementalExtractor stale = new IncrementalExtractor(new PythonExtractor(), old);
    assertThatThrownBy(() -> stale.sync(repo))
        .isInstanceOf(DeltaException.class)
        .hasMessageContaining("another version of the extractor")
        .hasMessageContaining("enclosing_node_id")
        .hasMessageContaining("delete " + old);
  }

  @Test
  void anEditedFileCommitsExactlyItsChangedRows() throws IOException {
    append("pkg/sib.py", "\ndef added(x):\n    return helper(x)\n");
    ExtractionRun run = syncAndCheck();
    assertThat(run.changes().changed()).extracting(f -> f.path()).containsExactly("pkg/sib.py");
    TableChange defs = run.tables().get(ExtractionTables.DEFS);
    assertThat(defs.inserted()).isEqualTo(1);
    assertThat(defs.updated() + defs.deleted()).isZero();
    // The file's row changes in place: same file_id, new hash, size and line count.
    TableChange files = run.tables().get(ExtractionTables.FILES);
    assertThat(files.updated()).isEqualTo(1);
    assertThat(files.inserted() + files.deleted()).isZero();
  }

  @Test
  void editsAboveADefinitionKeepItsIdAndUpdateItsPosition() throws IOException {
    prepend("pkg/sub/deep.py", "# a comment that moves everything down a line\n");
    ExtractionRun run = syncAndCheck();
    TableChange defs = run.tables().get(ExtractionTables.DEFS);
    assertThat(defs.updated()).isPositive();
    assertThat(defs.inserted() + defs.deleted()).isZero();
    TableChange scopes = run.tables().get(ExtractionTables.SCOPES);
    assertThat(scopes.inserted() + scopes.deleted()).isZero();
  }

  @Test
  void addedAndDeletedFilesInsertAndDeleteAllTheirRows() throws IOException {
    Samples.write(
        repo,
        "pkg/extra.py",
        "import os\n\nclass Extra:\n    def go(self):\n" + "        return os.getcwd()\n");
    Files.delete(repo.resolve("redefined.py"));
    ExtractionRun run = syncAndCheck();
    assertThat(run.changes().added()).extracting(f -> f.path()).containsExactly("pkg/extra.py");
    assertThat(run.changes().deleted()).extracting(f -> f.path()).containsExactly("redefined.py");
    for (TableChange change : run.tables().values()) {
      assertThat(change.updated()).isZero();
    }
    assertThat(rowsOf(ExtractionTables.AST_NODES, StableId.fileId("redefined.py"))).isEmpty();
  }

  @Test
  void aMovedFileIsReportedAsARenameAndItsRowsMove() throws IOException {
    Files.move(repo.resolve("pkg/sub/deep.py"), repo.resolve("pkg/deeper.py"));
    ExtractionRun run = syncAndCheck();
    assertThat(run.changes().renamed()).hasSize(1);
    assertThat(run.changes().renamed().get(0).from().path()).isEqualTo("pkg/sub/deep.py");
    assertThat(run.changes().renamed().get(0).to().path()).isEqualTo("pkg/deeper.py");
    assertThat(run.changes().added()).isEmpty();
    assertThat(run.changes().deleted()).isEmpty();
    assertThat(rowsOf(ExtractionTables.DEFS, StableId.fileId("pkg/sub/deep.py"))).isEmpty();
    assertThat(rowsOf(ExtractionTables.DEFS, StableId.fileId("pkg/deeper.py"))).isNotEmpty();
  }

  @Test
  void aSequenceOfMixedChangesStaysExactAtEveryStep() throws IOException {
    append("pkg/mod.py", "\nclass Late(Child):\n    pass\n");
    syncAndCheck();
    Samples.write(repo, "pkg/sib.py", "VALUE = 2\nOTHER = VALUE\n");
    Samples.write(repo, "broken.py", "def broken(:\n");
    syncAndCheck();
    Files.move(repo.resolve("broken.py"), repo.resolve("pkg/broken.py"));
    Files.delete(repo.resolve("pkg/sub/__init__.py"));
    syncAndCheck();
    Samples.write(repo, "pkg/broken.py", "def fixed():\n    pass\n");
    syncAndCheck();
    assertThat(extractor.sync(repo).committed()).isFalse();
  }

  @Test
  void aChangeSetPastTheRewriteThresholdRewritesTheTablesAfterTellingTheListener()
      throws IOException {
    List<FileChanges> told = new ArrayList<>();
    IncrementalExtractor rewriting =
        new IncrementalExtractor(
            new PythonExtractor(), tables, new RewriteThreshold(3, 0.5), told::add);
    // 2 of 6 files: under the threshold, merged.
    append("pkg/sib.py", "\nSIB = 2\n");
    Files.delete(repo.resolve("redefined.py"));
    ExtractionRun merged = rewriting.sync(repo);
    assertThat(merged.rewritten()).isFalse();
    assertThat(told).isEmpty();
    assertTablesEqualFullExtraction();

    // 3 of 5 files: rewritten whole, the listener told first.
    append("pkg/mod.py", "\nclass Late(Child):\n    pass\n");
    Samples.write(repo, "pkg/new.py", "def new():\n    return 1\n");
    Files.move(repo.resolve("pkg/sub/deep.py"), repo.resolve("pkg/deeper.py"));
    ExtractionRun rewritten = rewriting.sync(repo);

    assertThat(rewritten.rewritten()).isTrue();
    assertThat(rewritten.initial()).isFalse();
    assertThat(told).hasSize(1);
    assertThat(told.get(0).touched()).isEqualTo(3);
    assertThat(told.get(0).renamed()).hasSize(1);
    assertThat(rewritten.tables().values()).allMatch(TableChange::changed);
    assertTablesEqualFullExtraction();
    // A rewrite's feed deletes the old rows and inserts the new ones: derived from the files.
    long version = rewritten.tables().get(ExtractionTables.DEFS).version().orElseThrow();
    List<ChangeRow> feed = ChangeReader.changes(table(ExtractionTables.DEFS), version, version);
    assertThat(feed).extracting(ChangeRow::changeType).contains(ChangeRow.DELETE, ChangeRow.INSERT);

    // The next small change merges again, exactly.
    before = contents();
    append("pkg/new.py", "\ndef newer():\n    return 2\n");
    assertThat(syncAndCheckWith(rewriting).rewritten()).isFalse();
  }

  /**
   * A crash after some tables committed and before {@code files} did: the next run sees the files
   * as still changed, re-applies them, and the tables that already hold the new rows see no change.
   */
  @Test
  void aRunInterruptedBeforeTheFilesTableCommitsIsCompletedByTheNext(@TempDir Path saved)
      throws IOException {
    List<String> behind = List.of(ExtractionTables.SYMBOLS, ExtractionTables.FILES);
    for (String table : behind) {
      copyTree(tables.resolve(table), saved.resolve(table));
    }
    append("pkg/sib.py", "\nNEW = VALUE + 1\n");
    extractor.sync(repo);
    // Put back the tables a crash would not have reached: files is always committed last.
    for (String table : behind) {
      deleteTree(tables.resolve(table));
      copyTree(saved.resolve(table), tables.resolve(table));
    }
    Map<String, Long> versions = latestVersions();

    ExtractionRun recovery = new IncrementalExtractor(new PythonExtractor(), tables).sync(repo);

    assertThat(recovery.changes().changed())
        .extracting(f -> f.path())
        .containsExactly("pkg/sib.py");
    for (String table : ExtractionTables.names()) {
      assertThat(recovery.tables().get(table).changed())
          .as("table %s committed on recovery", table)
          .isEqualTo(behind.contains(table));
      if (!behind.contains(table)) {
        assertThat(latestVersion(table)).isEqualTo(versions.get(table));
      }
    }
    assertThat(recovery.tables().get(ExtractionTables.FILES).changed()).isTrue();
    assertTablesEqualFullExtraction();
  }

  /** Syncs, then checks contents against a full extraction and each version's change feed. */
  private ExtractionRun syncAndCheck() {
    return syncAndCheckWith(extractor);
  }

  private ExtractionRun syncAndCheckWith(IncrementalExtractor extractor) {
    ExtractionRun run = extractor.sync(repo);
    assertThat(run.committed()).isTrue();
    assertTablesEqualFullExtraction();
    Map<String, List<List<Object>>> after = contents();
    for (String table : ExtractionTables.names()) {
      TableChange change = run.tables().get(table);
      List<String> expected = expectedChanges(table, before.get(table), after.get(table));
      if (change.version().isEmpty()) {
        assertThat(expected).as("changes of %s, which committed nothing", table).isEmpty();
        continue;
      }
      List<String> actual = new ArrayList<>();
      for (ChangeRow row :
          ChangeReader.changes(table(table), change.version().get(), change.version().get())) {
        actual.add(row.changeType() + " " + normalized(row.values()));
      }
      assertThat(actual)
          .as("change feed of %s", table)
          .containsExactlyInAnyOrderElementsOf(expected);
      assertThat(count(expected, ChangeRow.INSERT)).isEqualTo(change.inserted());
      assertThat(count(expected, ChangeRow.DELETE)).isEqualTo(change.deleted());
      assertThat(count(expected, ChangeRow.UPDATE_POSTIMAGE)).isEqualTo(change.updated());
    }
    before = after;
    return run;
  }

  private static List<String> expectedChanges(
      String table, List<List<Object>> old, List<List<Object>> now) {
    Map<Object, List<Object>> oldByKey = byKey(table, old);
    Map<Object, List<Object>> newByKey = byKey(table, now);
    List<String> changes = new ArrayList<>();
    oldByKey.forEach(
        (key, row) -> {
          List<Object> next = newByKey.get(key);
          if (next == null) {
            changes.add(ChangeRow.DELETE + " " + row);
          } else if (!next.equals(row)) {
            changes.add(ChangeRow.UPDATE_PREIMAGE + " " + row);
            changes.add(ChangeRow.UPDATE_POSTIMAGE + " " + next);
          }
        });
    newByKey.forEach(
        (key, row) -> {
          if (!oldByKey.containsKey(key)) {
            changes.add(ChangeRow.INSERT + " " + row);
          }
        });
    return changes;
  }

  private static Map<Object, List<Object>> byKey(String table, List<List<Object>> rows) {
    int key = ExtractionTables.schema(table).indexOf(ExtractionTables.primaryKey(table));
    Map<Object, List<Object>> byKey = new HashMap<>();
    rows.forEach(row -> byKey.put(row.get(key), row));
    return byKey;
  }

  private static long count(List<String> changes, String type) {
    return changes.stream().filter(c -> c.startsWith(type + " ")).count();
  }

  private void assertTablesEqualFullExtraction() {
    Extraction full = new PythonExtractor().extract(repo);
    for (String table : ExtractionTables.names()) {
      List<List<Object>> expected = full.rows(table).stream().map(r -> normalized(r)).toList();
      assertThat(contents(table))
          .as("table %s", table)
          .containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  private Map<String, List<List<Object>>> contents() {
    Map<String, List<List<Object>>> contents = new HashMap<>();
    ExtractionTables.names().forEach(table -> contents.put(table, contents(table)));
    return contents;
  }

  private List<List<Object>> contents(String table) {
    return SnapshotReader.readAll(table(table)).stream().map(r -> normalized(r)).toList();
  }

  private List<List<Object>> rowsOf(String table, String fileId) {
    int column = ExtractionTables.schema(table).indexOf("file_id");
    return contents(table).stream().filter(r -> fileId.equals(r.get(column))).toList();
  }

  /** Values compared across the writer's and the reader's Java types. */
  private static List<Object> normalized(Object[] values) {
    List<Object> out = new ArrayList<>();
    for (Object value : values) {
      if (value instanceof Integer i) {
        out.add(i.longValue());
      } else if (value instanceof List<?> list) {
        out.add(List.copyOf(list));
      } else if (value instanceof Object[] array) {
        out.add(Arrays.asList(array));
      } else {
        out.add(value);
      }
    }
    return out;
  }

  private DeltaTable table(String name) {
    return DeltaTable.forPath(tables.resolve(name));
  }

  private long latestVersion(String name) {
    return table(name).latestVersion();
  }

  private Map<String, Long> latestVersions() {
    Map<String, Long> versions = new HashMap<>();
    ExtractionTables.names().forEach(t -> versions.put(t, latestVersion(t)));
    return versions;
  }

  private void append(String path, String text) throws IOException {
    Samples.write(repo, path, Files.readString(repo.resolve(path)) + text);
  }

  private void prepend(String path, String text) throws IOException {
    Samples.write(repo, path, text + Files.readString(repo.resolve(path)));
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : paths.toList()) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
