package io.codeanatomy.delta.write;

import io.codeanatomy.delta.DeltaException;
import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.commit.AddFile;
import io.codeanatomy.delta.read.DataFileReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bucket of a data file, written into its name: {@code bucket-00017-of-00064-<uuid>.parquet}.
 *
 * <p>Why the name and not statistics: a bucket holds owners by hash, so the min/max of the bucket
 * column over one file spans nearly the whole key space and skips nothing. The name makes the
 * bucket exact. The bucket count is part of the name so a file written under another layout is
 * never mistaken for a bucket of this one; such a file (and any file without the prefix) falls back
 * to the statistics.
 */
public final class BucketFileName {
  private static final Pattern NAME =
      Pattern.compile("(?:^|/)bucket-(\\d{5,})-of-(\\d{5,})-[^/]*$");

  private BucketFileName() {}

  /** The file name prefix of a data file holding rows of {@code bucket} out of {@code buckets}. */
  static String prefix(int bucket, int buckets) {
    return String.format("bucket-%05d-of-%05d-", bucket, buckets);
  }

  /**
   * Renames a data file just written (not yet in the log) so its name says its bucket, and returns
   * its {@code add} with the new path. Kernel's Parquet writer picks the names of the files it
   * writes, hence the rename; a crash before it leaves an unreferenced file, as any failed write.
   */
  static AddFile rename(DeltaTable table, AddFile written, int bucket, int buckets) {
    Path file = DataFileReader.resolve(table, written.path());
    String name = prefix(bucket, buckets) + file.getFileName();
    Path renamed = file.resolveSibling(name);
    try {
      Files.move(file, renamed);
      // Hadoop's local file system leaves a checksum beside the file; it follows the rename.
      Path checksum = file.resolveSibling("." + file.getFileName() + ".crc");
      if (Files.exists(checksum)) {
        Files.move(checksum, renamed.resolveSibling("." + name + ".crc"));
      }
    } catch (IOException e) {
      throw new DeltaException(
          table.path(), "could not name data file " + written.path() + " after its bucket", e);
    }
    int slash = written.path().lastIndexOf('/');
    String path = written.path().substring(0, slash + 1) + name;
    return new AddFile(
        path, written.size(), written.modificationTime(), written.dataChange(), written.stats());
  }

  /** A bucket named by a file: {@code bucket} of {@code buckets}. */
  public record Bucket(int bucket, int buckets) {}

  /**
   * The bucket the name of the file at {@code path} carries, whatever the layout; empty for a file
   * named otherwise (or with a bucket number out of its count).
   */
  public static Optional<Bucket> parse(String path) {
    Matcher m = NAME.matcher(path);
    if (!m.find()) {
      return Optional.empty();
    }
    try {
      int bucket = Integer.parseInt(m.group(1));
      int of = Integer.parseInt(m.group(2));
      return bucket < of ? Optional.of(new Bucket(bucket, of)) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** The bucket of the file at {@code path}, when its name says so under {@code buckets}. */
  static OptionalInt bucketOf(String path, int buckets) {
    Matcher m = NAME.matcher(path);
    if (!m.find()) {
      return OptionalInt.empty();
    }
    try {
      int bucket = Integer.parseInt(m.group(1));
      int of = Integer.parseInt(m.group(2));
      return of == buckets && bucket < buckets ? OptionalInt.of(bucket) : OptionalInt.empty();
    } catch (NumberFormatException e) {
      return OptionalInt.empty();
    }
  }
}
