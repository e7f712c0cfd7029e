package io.codeanatomy.extract;

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

  private ExtractionStore() {}

  /** True when the tables hold an extraction (the {@code files} table exists). */
  public static boolean exists(Path dir) {
    return DeltaTable.forPath(dir.resolve(ExtractionTables.FILES)).exists();
  }

  /**
   * Replaces every table's content; returns the version committed for each, in table order. The
   * tables other than {@code files} are independent and written side by side on all cores, largest
   * first; {@code files} is written once they all committed.
   */
  public static Map<String, Long> write(Path dir, Extraction extraction) {
    int buckets = bucketsFor(extraction.rows(ExtractionTables.FILES).size());
    List<String> others = new ArrayList<>(commitOrder());
    others.remove(ExtractionTables.FILES);
    others.sort(Comparator.comparingInt((String name) -> extraction.rows(name).size()).reversed());
    int threads = Math.min(others.size(), Runtime.getRuntime().availableProcessors());
    ExecutorService pool = Executors.newFixedThreadPool(threads, ExtractionStore::writerThread);
    Map<String, Long> versions = new LinkedHashMap<>();
    try {
      Map<String, Future<Long>> pending = new LinkedHashMap<>();
      for (String name : others) {
        pending.put(name, pool.submit(() -> replaceContent(dir, name, extraction, buckets)));
      }
      for (Map.Entry<String, Future<Long>> table : pending.entrySet()) {
        versions.put(table.getKey(), await(table.getValue(), dir.resolve(table.getKey())));
      }
    } finally {
      pool.shutdownNow();
    }
    versions.put(
        ExtractionTables.FILES, replaceContent(dir, ExtractionTables.FILES, extraction, buckets));
    return inTableOrder(versions);
  }

  private static long replaceContent(Path dir, String name, Extraction extraction, int buckets) {
    return TableOverwrite.replaceContent(
        DeltaTable.forPath(dir.resolve(name)),
        ExtractionTables.schema(name),
        TableOverwrite.CDF_ON,
        extraction.rows(name),
        layout(name, buckets));
  }

  private static Thread writerThread(Runnable task) {
    Thread thread = new Thread(task, "extraction-store-writer");
    thread.setDaemon(true);
    return thread;
  }

  private static long await(Future<Long> version, Path table) {
    try {
      return version.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ExtractionException("interrupted while writing " + table, e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause; // a DeltaException names the table and what to do
      }
      throw new ExtractionException("writing " + table + " failed: " + e.getCause(), e.getCause());
    }
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
    Map<String, KeyedChangeSummary> summaries = new LinkedHashMap<>();
    for (String name : commitOrder()) {
      DeltaTable table = DeltaTable.forPath(dir.resolve(name));
      DeltaTransaction txn = DeltaTransaction.update(table);
      KeyedLayout layout =
          KeyedLayout.fromProperties(txn.tableProperties()).orElse(layout(name, 0));
      KeyedChangeSummary summary =
          new KeyedChangeWriter(table, layout)
              .stageOwnerReplacement(txn, fileIds, extraction.rows(name));
      if (summary.changed()) {
        summary =
            summary.committedAs(txn.commit("MERGE", Map.of("source", "incremental extraction")));
      }
      summaries.put(name, summary);
    }
    return inTableOrder(summaries);
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

  private static List<String> commitOrder() {
    List<String> order = new ArrayList<>(ExtractionTables.names());
    order.remove(ExtractionTables.FILES);
    order.add(ExtractionTables.FILES);
    return order;
  }

  private static <T> Map<String, T> inTableOrder(Map<String, T> byTable) {
    Map<String, T> ordered = new LinkedHashMap<>();
    ExtractionTables.names().forEach(name -> ordered.put(name, byTable.get(name)));
    return ordered;
  }
}
