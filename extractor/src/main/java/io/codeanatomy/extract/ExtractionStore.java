package io.codeanatomy.extract;

import io.codeanatomy.delta.DeltaException;
import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.commit.DeltaTransaction;
import io.codeanatomy.delta.read.SnapshotReader;
import io.codeanatomy.delta.write.KeyedChangeSummary;
import io.codeanatomy.delta.write.KeyedChangeWriter;
import io.codeanatomy.delta.write.KeyedLayout;
import io.codeanatomy.delta.write.TableOverwrite;
import io.codeanatomy.extract.incremental.StoredFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * The extraction tables under one directory ({@code <dir>/<table>}), each a Delta table with Change
 * Data Feed on, keyed by its id and bucketed by {@code file_id} so that the rows of one source file
 * live in one data file per table.
 *
 * <p>Every write commits {@code files} last. Its {@code content_hash} is what incremental
 * extraction compares, so a crash between tables leaves the changed files looking changed and the
 * next run re-applies them; tables that already hold the new rows see no change.
 */
public final class ExtractionStore {
  /** About this many source files share a bucket: a one-file edit rewrites their rows. */
  private static final int FILES_PER_BUCKET = 16;

  private static final int MAX_BUCKETS = 256;

  /** Tables committed at once by an incremental run: enough to overlap reads, writes and fsyncs. */
  private static final int COMMIT_THREADS = 4;

  private ExtractionStore() {}

  /** True when the tables hold an extraction (the {@code files} table exists). */
  public static boolean exists(Path dir) {
    return DeltaTable.forPath(dir.resolve(ExtractionTables.FILES)).exists();
  }

  /**
   * Replaces every table's content; returns the version committed for each, in table order. The
   * tables other than {@code files} are written side by side, largest first, on all cores.
   */
  public static Map<String, Long> write(Path dir, Extraction extraction) {
    int buckets = bucketsFor(extraction.rows(ExtractionTables.FILES).size());
    List<String> largestFirst = new ArrayList<>(ExtractionTables.names());
    largestFirst.sort(
        Comparator.comparingInt((String name) -> extraction.rows(name).size()).reversed());
    return inTableOrder(
        forEachTableFilesLast(
            largestFirst,
            Runtime.getRuntime().availableProcessors(),
            name ->
                TableOverwrite.replaceContent(
                    DeltaTable.forPath(dir.resolve(name)),
                    ExtractionTables.schema(name),
                    TableOverwrite.CDF_ON,
                    extraction.rows(name),
                    layout(name, buckets))));
  }

  /**
   * Replaces the rows of some source files: afterwards each table's rows with one of {@code
   * fileIds} are exactly those of {@code extraction}. Commits one version per table that changed,
   * only the rows that changed; a table without a change gets no version.
   *
   * @return what changed per table, in table order
   */
  public static Map<String, KeyedChangeSummary> replaceFiles(
      Path dir, Collection<String> fileIds, Extraction extraction) {
    return inTableOrder(
        forEachTableFilesLast(
            ExtractionTables.names(),
            COMMIT_THREADS,
            name -> {
              DeltaTable table = DeltaTable.forPath(dir.resolve(name));
              DeltaTransaction txn = DeltaTransaction.update(table);
              KeyedLayout layout =
                  KeyedLayout.fromProperties(txn.tableProperties()).orElse(layout(name, 0));
              KeyedChangeSummary summary =
                  new KeyedChangeWriter(table, layout)
                      .stageOwnerReplacement(txn, fileIds, extraction.rows(name));
              return summary.changed()
                  ? summary.committedAs(
                      txn.commit("MERGE", Map.of("source", "incremental extraction")))
                  : summary;
            }));
  }

  /**
   * Runs {@code commit} for every table but {@code files} at once on {@code threads} threads, in
   * {@code order}, then — only if all of them succeeded — for {@code files}. The tables are
   * independent, and a run (or an edit's way to the CPG) waits for the last of them, so their work
   * overlaps; {@code files} still comes last (see the class comment).
   */
  private static <T> Map<String, T> forEachTableFilesLast(
      List<String> order, int threads, Function<String, T> commit) {
    List<String> others = new ArrayList<>(order);
    others.remove(ExtractionTables.FILES);
    Map<String, T> results = new LinkedHashMap<>();
    ExecutorService pool =
        Executors.newFixedThreadPool(Math.min(threads, others.size()), ExtractionStore::writer);
    try {
      Map<String, Future<T>> pending = new LinkedHashMap<>();
      others.forEach(name -> pending.put(name, pool.submit(() -> commit.apply(name))));
      RuntimeException failure = null;
      for (Map.Entry<String, Future<T>> table : pending.entrySet()) {
        try {
          results.put(table.getKey(), table.getValue().get());
        } catch (ExecutionException e) {
          // A DeltaException names the table and what to do; anything else gets the table named.
          RuntimeException cause =
              e.getCause() instanceof RuntimeException r
                  ? r
                  : new ExtractionException(
                      "writing table " + table.getKey() + " failed: " + e.getCause(), e.getCause());
          if (failure == null) {
            failure = cause;
          } else {
            failure.addSuppressed(cause);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new ExtractionException("interrupted while writing the extraction tables", e);
        }
      }
      if (failure != null) {
        throw failure; // files keeps the old hashes: the next run applies the change again
      }
    } finally {
      pool.shutdownNow();
    }
    results.put(ExtractionTables.FILES, commit.apply(ExtractionTables.FILES));
    return results;
  }

  private static Thread writer(Runnable task) {
    Thread thread = new Thread(task, "extraction-store-writer");
    thread.setDaemon(true);
    return thread;
  }

  /**
   * Fails ({@link DeltaException}) when a table under {@code dir} has other columns than this
   * extractor writes (another version of it wrote them): incremental extraction cannot change a
   * table's schema.
   */
  public static void requireCurrentSchemas(Path dir) {
    for (String name : ExtractionTables.names()) {
      DeltaTable table = DeltaTable.forPath(dir.resolve(name));
      if (!table.exists()) {
        continue;
      }
      var stored = table.snapshot().getSchema();
      var current = ExtractionTables.schema(name);
      if (!stored.equals(current)) {
        throw new DeltaException(
            table.path(),
            "this extraction table was written by another version of the extractor (columns "
                + stored.fieldNames()
                + ", this one writes "
                + current.fieldNames()
                + "); extraction tables are rebuilt from the repository: delete "
                + dir
                + " and the CPG tables built from it, then run again");
      }
    }
  }

  /** The {@code files} table by path, as of its latest version. */
  public static Map<String, StoredFile> storedFiles(Path dir) {
    DeltaTable table = DeltaTable.forPath(dir.resolve(ExtractionTables.FILES));
    Map<String, StoredFile> stored = new LinkedHashMap<>();
    for (Object[] row :
        SnapshotReader.readColumns(
            table, table.snapshot(), List.of("file_id", "path", "content_hash"))) {
      stored.put(
          (String) row[1], new StoredFile((String) row[0], (String) row[1], (String) row[2]));
    }
    return stored;
  }

  /** How many {@code file_id} buckets {@link #write} gives the tables of this many source files. */
  public static int bucketsFor(int fileCount) {
    return Math.max(1, Math.min(MAX_BUCKETS, fileCount / FILES_PER_BUCKET + 1));
  }

  /**
   * Keyed by {@code (file_id, id)}: a superkey of the id that lets a file's rows be replaced;
   * bucketed by {@code file_id} when {@code buckets} is positive.
   */
  public static KeyedLayout layout(String table, int buckets) {
    String id = ExtractionTables.primaryKey(table);
    KeyedLayout keyed =
        id.equals("file_id") ? KeyedLayout.keyedBy(id) : KeyedLayout.keyedBy("file_id", id);
    return buckets > 0 ? keyed.bucketedBy("file_id", buckets) : keyed;
  }

  private static <T> Map<String, T> inTableOrder(Map<String, T> byTable) {
    Map<String, T> ordered = new LinkedHashMap<>();
    ExtractionTables.names().forEach(name -> ordered.put(name, byTable.get(name)));
    return ordered;
  }
}
