package io.codeanatomy.delta.write;

import java.util.List;
import java.util.Optional;

/**
 * How a keyed table is laid out: its primary key and, optionally, a bucket column whose hash groups
 * rows into files, so that the rows of one owner (e.g. one {@code file_id}) live in few files and
 * changing them rewrites few files.
 *
 * @param keyColumns the primary key, one or more columns of primitive type
 * @param bucketColumn a key column to bucket by, or empty for no bucketing
 * @param buckets how many buckets (files per commit at most, one per touched bucket); 0 without a
 *     bucket column
 */
public record KeyedLayout(List<String> keyColumns, Optional<String> bucketColumn, int buckets) {
  public KeyedLayout {
    keyColumns = List.copyOf(keyColumns);
    if (keyColumns.isEmpty()) {
      throw new IllegalArgumentException("a keyed layout needs at least one key column");
    }
    if (bucketColumn.isPresent() != buckets > 0) {
      throw new IllegalArgumentException(
          "a bucket column needs a positive bucket count and vice versa, got "
              + bucketColumn
              + " with "
              + buckets
              + " buckets");
    }
    if (bucketColumn.isPresent() && !keyColumns.contains(bucketColumn.get())) {
      // Deletes carry only keys; the bucket must be derivable from them to find the file.
      throw new IllegalArgumentException(
          "bucket column `"
              + bucketColumn.get()
              + "` must be one of the key columns "
              + keyColumns);
    }
  }

  /** Keyed by these columns, without buckets. */
  public static KeyedLayout keyedBy(String... keyColumns) {
    return new KeyedLayout(List.of(keyColumns), Optional.empty(), 0);
  }

  /**
   * The same key, with rows grouped into files by a hash of {@code column} into {@code buckets}.
   */
  public KeyedLayout bucketedBy(String column, int buckets) {
    return new KeyedLayout(keyColumns, Optional.of(column), buckets);
  }

  /** The column whose statistics decide which files may hold an affected key. */
  public String skippingColumn() {
    return bucketColumn.orElse(keyColumns.get(0));
  }
}
