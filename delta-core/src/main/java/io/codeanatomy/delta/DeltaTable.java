package io.codeanatomy.delta;

import io.codeanatomy.delta.read.DeletionVector;
import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.TableManager;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.exceptions.KernelEngineException;
import io.delta.kernel.exceptions.KernelException;
import io.delta.kernel.exceptions.TableNotFoundException;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.types.DataTypeJsonSerDe;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A Delta table on a local file system, by path. A handle only: it reads the log when asked, so it
 * is cheap to create and always sees the latest committed version.
 */
public final class DeltaTable {
  private final Path root;

  private DeltaTable(Path root) {
    this.root = root;
  }

  /** The table at {@code path} (which need not exist yet). */
  public static DeltaTable forPath(Path path) {
    return new DeltaTable(path.toAbsolutePath().normalize());
  }

  public String path() {
    return root.toString();
  }

  public Path root() {
    return root;
  }

  public Path logDir() {
    return root.resolve("_delta_log");
  }

  /** True when the table has at least one commit. */
  public boolean exists() {
    if (!Files.isDirectory(logDir())) {
      return false;
    }
    try (Stream<Path> entries = Files.list(logDir())) {
      return entries.anyMatch(p -> p.getFileName().toString().matches("\\d{20}\\.json"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The latest snapshot. */
  public Snapshot snapshot() {
    return load(Optional.empty());
  }

  /** The snapshot at {@code version}. */
  public Snapshot snapshotAt(long version) {
    return load(Optional.of(version));
  }

  /**
   * The snapshot of the latest version committed at or before {@code millis} (epoch milliseconds,
   * commit time as the log records it).
   *
   * @throws DeltaException when {@code millis} is before the earliest commit still in the log or
   *     after the latest commit, naming both ends
   */
  public Snapshot snapshotAtTimestamp(long millis) {
    Snapshot latest = snapshot();
    long latestTime = latest.getTimestamp(KernelEngine.shared());
    if (millis > latestTime) {
      throw new DeltaException(
          path(),
          "timestamp "
              + Instant.ofEpochMilli(millis)
              + " is after the latest commit (version "
              + latest.getVersion()
              + " at "
              + Instant.ofEpochMilli(latestTime)
              + "); use the latest version or an earlier time");
    }
    try {
      return TableManager.loadSnapshot(root.toUri().toString())
          .atTimestamp(millis, latest)
          .build(KernelEngine.shared());
    } catch (KernelException e) {
      throw new DeltaException(
          path(),
          "no version of the table was committed at or before "
              + Instant.ofEpochMilli(millis)
              + " (the log's earliest commit is later, or was removed by log cleanup): "
              + e.getMessage(),
          e);
    }
  }

  public long latestVersion() {
    return snapshot().getVersion();
  }

  /**
   * When {@code version} was committed, in epoch milliseconds: its log file's modification time,
   * which is the commit timestamp of tables without in-commit timestamps (all of ours).
   */
  public long commitMillis(long version) {
    Path log = logDir().resolve(String.format("%020d.json", version));
    try {
      return Files.getLastModifiedTime(log).toMillis();
    } catch (IOException e) {
      throw new DeltaException(
          path(), "cannot read the commit time of version " + version + ": " + e, e);
    }
  }

  /**
   * The data files of a snapshot of this table, in path order, with their deletion vectors. Readers
   * must apply them; writers never meet them ({@code ProtocolSupport} refuses tables with deletion
   * vectors).
   */
  public List<TableFile> files(Snapshot snapshot) {
    List<TableFile> files = new ArrayList<>();
    Scan scan = snapshot.getScanBuilder().build();
    try (CloseableIterator<FilteredColumnarBatch> batches =
        scan.getScanFiles(KernelEngine.shared(), true)) {
      while (batches.hasNext()) {
        try (CloseableIterator<Row> rows = batches.next().getRows()) {
          while (rows.hasNext()) {
            files.add(toTableFile(rows.next()));
          }
        }
      }
    } catch (IOException e) {
      throw new DeltaException(path(), "could not list data files: " + e.getMessage(), e);
    } catch (KernelEngineException e) {
      throw damagedLog(Optional.of(snapshot.getVersion()), e);
    }
    files.sort(Comparator.comparing(TableFile::path));
    return files;
  }

  /** Parses a {@code schemaString} the way the log stores it. */
  public StructType parseSchema(String schemaJson) {
    return DataTypeJsonSerDe.deserializeStructType(schemaJson);
  }

  private static TableFile toTableFile(Row scanFile) {
    Row add = scanFile.getStruct(InternalScanFileUtils.ADD_FILE_ORDINAL);
    int statsOrdinal = add.getSchema().indexOf("stats");
    String stats =
        statsOrdinal < 0 || add.isNullAt(statsOrdinal) ? null : add.getString(statsOrdinal);
    long numRecords =
        stats == null
            ? -1
            : io.delta.kernel.statistics.DataFileStatistics.getNumRecords(stats).orElse(-1L);
    return new TableFile(
        add.getString(add.getSchema().indexOf("path")),
        add.getLong(add.getSchema().indexOf("size")),
        add.getLong(add.getSchema().indexOf("modificationTime")),
        numRecords,
        stats,
        DeletionVector.of(InternalScanFileUtils.getDeletionVectorDescriptorFromRow(scanFile)));
  }

  private Snapshot load(Optional<Long> version) {
    try {
      var builder = TableManager.loadSnapshot(root.toUri().toString());
      if (version.isPresent()) {
        builder = builder.atVersion(version.get());
      }
      return builder.build(KernelEngine.shared());
    } catch (TableNotFoundException e) {
      throw new DeltaException(path(), "no Delta table here (no _delta_log with commits)", e);
    } catch (KernelException e) {
      throw new DeltaException(
          path(),
          "cannot read the table"
              + version.map(v -> " at version " + v).orElse("")
              + ": "
              + e.getMessage(),
          e);
    } catch (KernelEngineException e) {
      throw damagedLog(version, e);
    }
  }

  /**
   * A log file Kernel could not read (garbage JSON, a truncated checkpoint): Kernel's message names
   * the file; ours says what it means and that earlier versions may still be readable.
   */
  public DeltaException damagedLog(Optional<Long> version, RuntimeException e) {
    return new DeltaException(
        path(),
        "cannot read the table"
            + version.map(v -> " at version " + v).orElse("")
            + ": its transaction log is damaged ("
            + e.getMessage()
            + "); earlier versions may still be readable by time travel",
        e);
  }

  @Override
  public String toString() {
    return "DeltaTable(" + root + ")";
  }
}
