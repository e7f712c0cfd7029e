package io.codeanatomy.sink.staging;

import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.commit.AddFile;
import io.codeanatomy.delta.read.DataFileReader;
import io.codeanatomy.delta.write.ParquetFileWriter;
import io.codeanatomy.sink.DeltaSinkConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where upsert writers stage their changes ({@code <table>/_staging/<app id>/after-chk-<s>/}) and
 * when a staged file may be deleted.
 *
 * <p>A writer stages a file in the directory {@code after-chk-<s>}, where {@code s} is the last
 * checkpoint it had snapshotted when it wrote the file; the file therefore belongs to a checkpoint
 * after {@code s}. Once checkpoint {@code k} of the run is in the table, every directory with
 * {@code s < k} is garbage:
 *
 * <ul>
 *   <li>its files belong to checkpoints {@code c} with {@code s < c <= k} — a file for a checkpoint
 *       after {@code k} is written after its writer snapshotted {@code k}, so its {@code s >= k};
 *   <li>the committer commits checkpoints in order and all committables up to {@code k} together,
 *       so a file of {@code c <= k} was either consumed by a commit, or written by an attempt that
 *       failed before {@code c} completed, and will never be read.
 * </ul>
 *
 * A directory with {@code s >= k} may hold files of a checkpoint still in flight and is kept. After
 * the end-of-input commit of a bounded run nothing is in flight any more, so everything goes. The
 * number is on the directory, not the file, so a file a failing writer left half-written goes with
 * it. Staged files live under the configured app id (writers do not know the run's), so runs of
 * other applications writing the same table are never touched.
 */
public final class StagingArea {
  private static final Logger LOG = LoggerFactory.getLogger(StagingArea.class);
  private static final Pattern NAME = Pattern.compile("^after-chk-(\\d+)$");

  private final DeltaTable table;
  private final String directory;

  public StagingArea(DeltaSinkConfig config) {
    this.table = config.table();
    this.directory =
        DeltaSinkConfig.STAGING_DIRECTORY + "/" + config.appId().replaceAll("[^A-Za-z0-9._-]", "_");
  }

  /** This sink's staging directory, relative to the table root. */
  public String directory() {
    return directory;
  }

  /** A writer of staged files written after the writer snapshotted {@code lastCheckpointId}. */
  public ParquetFileWriter writer(DeltaSinkConfig config, long lastCheckpointId) {
    return new ParquetFileWriter(
        table, config.stagingSchema(), directory + "/after-chk-" + lastCheckpointId);
  }

  /** The {@code s} of a staging directory's name, or empty for one this class did not name. */
  static OptionalLong snapshottedBefore(String directoryName) {
    Matcher m = NAME.matcher(directoryName);
    return m.matches() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
  }

  /**
   * Deletes the staged files a commit consumed. Best effort: a file left behind is never read
   * again, since its checkpoint is recorded, and {@link #deleteGarbage} removes it later.
   *
   * @return how many files were deleted
   */
  public int delete(List<AddFile> consumed) {
    int deleted = 0;
    for (AddFile file : consumed) {
      Path path = DataFileReader.resolve(table, file.path());
      try {
        // Hadoop's local file system, which Kernel writes through, leaves a checksum beside it.
        Files.deleteIfExists(path.resolveSibling("." + path.getFileName() + ".crc"));
        if (Files.deleteIfExists(path)) {
          deleted++;
        }
      } catch (IOException e) {
        LOG.warn("Could not delete staged change file {} of {}", path, table.path(), e);
      }
    }
    return deleted;
  }

  /**
   * Deletes the staging directories that can no longer be read once checkpoint {@code committed} is
   * in the table: those named {@code after-chk-<s>} with {@code s < committed}, or all of them
   * after the end-of-input commit ({@code endOfInput}).
   *
   * @return how many staged files were deleted with them
   */
  public int deleteGarbage(long committed, boolean endOfInput) {
    Path root = table.root().resolve(directory);
    List<Path> directories;
    try (Stream<Path> listing = Files.list(root)) {
      directories = listing.toList();
    } catch (NoSuchFileException e) {
      return 0;
    } catch (IOException e) {
      LOG.warn("Could not list the staging directory {}", root, e);
      return 0;
    }
    int deleted = 0;
    for (Path dir : directories) {
      OptionalLong s = snapshottedBefore(dir.getFileName().toString());
      if (s.isPresent() && (endOfInput || s.getAsLong() < committed)) {
        deleted += deleteTree(dir);
      }
    }
    if (deleted > 0) {
      LOG.info(
          "Deleted {} staged files in {} no longer needed after checkpoint {}",
          deleted,
          root,
          committed);
    }
    return deleted;
  }

  /** Deletes a directory and what it holds; returns the number of Parquet files deleted. */
  private int deleteTree(Path dir) {
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(dir)) {
      paths = walk.sorted(Comparator.reverseOrder()).toList(); // children before parents
    } catch (IOException e) {
      LOG.warn("Could not list the staged files in {}", dir, e);
      return 0;
    }
    int deleted = 0;
    for (Path path : paths) {
      try {
        if (Files.deleteIfExists(path) && path.toString().endsWith(".parquet")) {
          deleted++;
        }
      } catch (IOException e) {
        LOG.warn("Could not delete {} of {}", path, table.path(), e);
      }
    }
    return deleted;
  }
}
