package io.codeanatomy.extract;

import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.write.KeyedChangeSummary;
import io.codeanatomy.extract.ExtractionRun.TableChange;
import io.codeanatomy.extract.incremental.ChangeDetector;
import io.codeanatomy.extract.incremental.FileChanges;
import io.codeanatomy.extract.incremental.RewriteThreshold;
import io.codeanatomy.extract.incremental.StoredFile;
import io.codeanatomy.extract.repo.SourceFile;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Keeps a repository's extraction tables in step with its source files. The first run writes every
 * table whole; later runs compare content hashes with the {@code files} table, parse only the
 * added, changed and renamed files, and commit per table one version holding exactly the rows that
 * changed — or nothing, when nothing did.
 *
 * <p>A change set past the {@link RewriteThreshold} (a branch switch, say) is not merged: every
 * file is parsed and every table written whole, which is faster by far. A listener hears of such a
 * rewrite before it commits — a continuous job reading the tables' change feed stops there, since
 * the rewrite's feed deletes every row and inserts them all again.
 *
 * <p>One instance remembers file fingerprints between runs, so a watcher polling it re-hashes only
 * files whose size or modification time moved.
 */
public final class IncrementalExtractor {
  private final PythonExtractor extractor;
  private final Path tablesDir;
  private final RewriteThreshold rewriteThreshold;
  private final Consumer<FileChanges> beforeRewrite;
  private final ChangeDetector detector = new ChangeDetector();
  private boolean schemasChecked;

  /**
   * @param tablesDir the directory holding one Delta table per extraction table
   */
  public IncrementalExtractor(PythonExtractor extractor, Path tablesDir) {
    this(extractor, tablesDir, RewriteThreshold.DEFAULT, changes -> {});
  }

  /**
   * @param beforeRewrite told of a change set that reached {@code rewriteThreshold}, before the
   *     tables are rewritten
   */
  public IncrementalExtractor(
      PythonExtractor extractor,
      Path tablesDir,
      RewriteThreshold rewriteThreshold,
      Consumer<FileChanges> beforeRewrite) {
    this.extractor = extractor;
    this.tablesDir = tablesDir;
    this.rewriteThreshold = rewriteThreshold;
    this.beforeRewrite = beforeRewrite;
  }

  /** Brings the tables in line with {@code repo}'s current files. */
  public ExtractionRun sync(Path repo) {
    long start = System.nanoTime();
    List<SourceFile> sources = extractor.sourceFiles(repo);
    if (!ExtractionStore.exists(tablesDir)) {
      FileChanges allAdded = new FileChanges(sources, List.of(), List.of(), List.of(), 0);
      return writeWhole(sources, allAdded, true, start);
    }
    if (!schemasChecked) {
      ExtractionStore.requireCurrentSchemas(tablesDir);
      schemasChecked = true;
    }
    Map<String, StoredFile> stored = ExtractionStore.storedFiles(tablesDir);
    FileChanges changes = detector.detect(sources, stored);
    if (rewriteThreshold.reachedBy(changes, stored.size())) {
      beforeRewrite.accept(changes);
      return writeWhole(sources, changes, false, start);
    }
    Map<String, TableChange> tables = new LinkedHashMap<>();
    if (changes.isEmpty()) {
      ExtractionTables.names()
          .forEach(name -> tables.put(name, new TableChange(Optional.empty(), 0, 0, 0)));
    } else {
      Extraction rows = extractor.extract(changes.toExtract());
      Map<String, KeyedChangeSummary> summaries =
          ExtractionStore.replaceFiles(tablesDir, changes.replacedFileIds(), rows);
      summaries.forEach(
          (name, s) ->
              tables.put(
                  name, new TableChange(s.version(), s.inserted(), s.updated(), s.deleted())));
    }
    return new ExtractionRun(false, false, changes, tables, latestVersions(), millisSince(start));
  }

  /** Writes every table whole: the first run ({@code initial}), or a rewrite of {@code changes}. */
  private ExtractionRun writeWhole(
      List<SourceFile> sources, FileChanges changes, boolean initial, long start) {
    Extraction extraction = extractor.extract(sources);
    Map<String, Long> versions = ExtractionStore.write(tablesDir, extraction);
    Map<String, TableChange> tables = new LinkedHashMap<>();
    versions.forEach(
        (name, version) ->
            tables.put(
                name, new TableChange(Optional.of(version), extraction.rows(name).size(), 0, 0)));
    return new ExtractionRun(initial, !initial, changes, tables, versions, millisSince(start));
  }

  private Map<String, Long> latestVersions() {
    Map<String, Long> versions = new LinkedHashMap<>();
    for (String name : ExtractionTables.names()) {
      versions.put(name, DeltaTable.forPath(tablesDir.resolve(name)).latestVersion());
    }
    return versions;
  }

  private static long millisSince(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }
}
