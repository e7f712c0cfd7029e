package io.codeanatomy.source.changelog;

import io.codeanatomy.delta.DeltaException;
import io.codeanatomy.delta.read.CommitChanges;
import io.codeanatomy.delta.read.DerivedChanges;
import io.codeanatomy.delta.read.FileRows;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads single commits of a table's log ({@code _delta_log/<version>.json}) as the change feed
 * needs them: the commit timestamp, a new schema if the commit changes it, and the files that carry
 * its row changes. Kernel exposes no row-level change feed, and its commit-range API replays far
 * more than one commit needs, so the feed reads the JSON commit files directly; they are the
 * protocol's own record of each version.
 */
public final class CommitLog {
  private static final Pattern COMMIT_FILE = Pattern.compile("\\d{20}\\.json");

  private final Path root;

  public CommitLog(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public String tablePath() {
    return root.toString();
  }

  /** The changes of one version. */
  public record Commit(
      long version, long timestamp, String newSchemaJson, List<ChangeSplit> splits) {}

  /** The highest committed version, or -1 when the log has no commit. */
  public long latestVersion() {
    Path log = root.resolve("_delta_log");
    if (!Files.isDirectory(log)) {
      throw new DeltaException(tablePath(), "no Delta table here (no _delta_log directory)");
    }
    try (Stream<Path> entries = Files.list(log)) {
      return entries
          .map(p -> p.getFileName().toString())
          .filter(n -> COMMIT_FILE.matcher(n).matches())
          .mapToLong(n -> Long.parseLong(n.substring(0, 20)))
          .max()
          .orElse(-1);
    } catch (IOException e) {
      throw new DeltaException(tablePath(), "cannot list the log: " + e.getMessage(), e);
    }
  }

  /**
   * The first version committed at or after {@code timestampMillis}, if any is yet.
   *
   * <p>Commit timestamps are the in-commit timestamp where the commit has one and the commit file's
   * modification time otherwise, as the protocol defines them for time travel.
   */
  public OptionalLong firstVersionAtOrAfter(long timestampMillis) {
    long latest = latestVersion();
    for (long v = 0; v <= latest; v++) {
      Path file = commitFile(v);
      if (Files.exists(file) && timestamp(v) >= timestampMillis) {
        return OptionalLong.of(v);
      }
    }
    return OptionalLong.empty();
  }

  /**
   * The last version committed at or before {@code timestampMillis}, if any (commit timestamps as
   * in {@link #firstVersionAtOrAfter}).
   */
  public OptionalLong lastVersionAtOrBefore(long timestampMillis) {
    OptionalLong last = OptionalLong.empty();
    long latest = latestVersion();
    for (long v = 0; v <= latest; v++) {
      if (Files.exists(commitFile(v))) {
        if (timestamp(v) > timestampMillis) {
          break;
        }
        last = OptionalLong.of(v);
      }
    }
    return last;
  }

  /** The commit timestamp of {@code version}, milliseconds since the epoch. */
  public long timestamp(long version) {
    return read(version, false).timestamp();
  }

  /**
   * The changes of {@code version}: from its {@code cdc} files when it has any (each file twice,
   * retractions first), otherwise derived from its {@code remove}s, then its {@code add}s, that
   * change data, deletion vectors applied ({@link DerivedChanges}).
   *
   * @throws DeltaException when the commit is gone from the log or names a file that no longer
   *     exists
   */
  public Commit read(long version) {
    return read(version, true);
  }

  private Commit read(long version, boolean checkFiles) {
    CommitChanges changes = CommitChanges.read(root, version);
    long timestamp =
        changes.inCommitTimestamp() != null
            ? changes.inCommitTimestamp()
            : modificationTime(commitFile(version));
    List<ChangeSplit> splits = new ArrayList<>();
    if (changes.hasCdcFiles()) {
      addSplits(splits, version, timestamp, ChangeSplit.Kind.CDC_RETRACTIONS, changes.cdcFiles());
      addSplits(splits, version, timestamp, ChangeSplit.Kind.CDC_ACCUMULATIONS, changes.cdcFiles());
    } else {
      DerivedChanges derived = changes.derived();
      addSplits(splits, version, timestamp, ChangeSplit.Kind.REMOVED, derived.deleted());
      addSplits(splits, version, timestamp, ChangeSplit.Kind.ADDED, derived.inserted());
    }
    if (checkFiles) {
      for (ChangeSplit split : splits) {
        checkExists(split);
      }
    }
    return new Commit(version, timestamp, changes.newSchemaJson(), splits);
  }

  /** The local file a split reads. */
  public static Path fileOf(ChangeSplit split) {
    String root = Path.of(split.tableRoot()).toUri().toString();
    URI base = URI.create(root.endsWith("/") ? root : root + "/");
    return Path.of(base.resolve(split.path()));
  }

  /**
   * Fails with a message naming table, version and file when a split's file is gone: vacuum removes
   * the files of versions older than the retention period, and their changes go with them.
   */
  public static void checkExists(ChangeSplit split) {
    if (!Files.exists(fileOf(split))) {
      throw new DeltaException(
          split.tableRoot(),
          "version "
              + split.version()
              + " needs file "
              + split.path()
              + ", which no longer exists (VACUUM removes files older than the retention period);"
              + " the changes of this version are lost to the feed: start from a later version or"
              + " rebuild from a snapshot");
    }
  }

  private void addSplits(
      List<ChangeSplit> out, long version, long ts, ChangeSplit.Kind kind, List<FileRows> files) {
    for (FileRows file : files) {
      out.add(
          new ChangeSplit(
              tablePath(),
              version,
              kind,
              file.path(),
              file.onlyDeletedBy(),
              file.notDeletedBy(),
              ts,
              0));
    }
  }

  private long modificationTime(Path file) {
    try {
      return Files.getLastModifiedTime(file).toMillis();
    } catch (IOException e) {
      throw new DeltaException(tablePath(), "cannot stat " + file + ": " + e, e);
    }
  }

  private Path commitFile(long version) {
    return root.resolve("_delta_log").resolve(String.format("%020d.json", version));
  }
}
