package io.codeanatomy.delta.write;

import io.delta.kernel.types.DataType;
import io.delta.kernel.types.StructType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How a keyed table is laid out: its primary key and, optionally, a bucket column whose hash groups
 * rows into files, so that the rows of one owner (e.g. one {@code file_id}) live in few files and
 * changing them rewrites few files.
 *
 * <p>The bucket column is usually a key column. It may also be an <em>owner</em> column outside the
 * key (a CPG node keyed by {@code node_id} and owned by its {@code file_id}); then two things must
 * hold, since a writer looks for a key only in its owner's bucket: a key keeps one owner for life,
 * and a deleted key is given with its owner ({@link #locatorColumns()}). The owner may be null;
 * null owners share one bucket.
 *
 * @param keyColumns the primary key, one or more columns of primitive type
 * @param bucketColumn a column to bucket by, or empty for no bucketing
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

  /** Whether rows are bucketed by an owner column that is not part of the key. */
  public boolean ownedOutsideKey() {
    return bucketColumn.isPresent() && !keyColumns.contains(bucketColumn.get());
  }

  /**
   * The columns that locate a stored key, the shape of a deleted key: the key columns, then the
   * owner column when it is {@link #ownedOutsideKey() outside the key}.
   */
  public List<String> locatorColumns() {
    if (!ownedOutsideKey()) {
      return keyColumns;
    }
    List<String> columns = new ArrayList<>(keyColumns);
    columns.add(bucketColumn.get());
    return List.copyOf(columns);
  }

  /** Table property naming the key columns, comma-separated, of a table written with a layout. */
  public static final String KEYS_PROPERTY = "codeanatomy.layout.keys";

  /** Table property naming the bucket column, when there is one. */
  public static final String BUCKET_COLUMN_PROPERTY = "codeanatomy.layout.bucketColumn";

  /** Table property holding the bucket count, when there is a bucket column. */
  public static final String BUCKETS_PROPERTY = "codeanatomy.layout.buckets";

  /**
   * The table properties recording this layout, so that later writers (which must bucket alike, or
   * the rows of one owner scatter) find it in the table itself.
   */
  public Map<String, String> properties() {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put(KEYS_PROPERTY, String.join(",", keyColumns));
    bucketColumn.ifPresent(
        column -> {
          properties.put(BUCKET_COLUMN_PROPERTY, column);
          properties.put(BUCKETS_PROPERTY, Integer.toString(buckets));
        });
    return properties;
  }

  /** The layout recorded in a table's properties, if it has one. */
  public static Optional<KeyedLayout> fromProperties(Map<String, String> properties) {
    String keys = properties.get(KEYS_PROPERTY);
    if (keys == null) {
      return Optional.empty();
    }
    KeyedLayout layout = new KeyedLayout(List.of(keys.split(",")), Optional.empty(), 0);
    String column = properties.get(BUCKET_COLUMN_PROPERTY);
    return Optional.of(
        column == null
            ? layout
            : layout.bucketedBy(column, Integer.parseInt(properties.get(BUCKETS_PROPERTY))));
  }

  /** The bucket of a canonical value of the bucket column; null owners go to bucket 0. */
  int bucketOf(Object canonicalValue) {
    return canonicalValue == null
        ? 0
        : Math.floorMod(KeyValues.stableHash(canonicalValue), buckets);
  }

  /** The rows of each bucket, in bucket order (a bucket column is required). */
  Map<Integer, List<Object[]>> rowsByBucket(StructType schema, List<Object[]> rows) {
    int index = schema.indexOf(bucketColumn.orElseThrow());
    DataType type = schema.at(index).getDataType();
    Map<Integer, List<Object[]>> byBucket = new TreeMap<>();
    for (Object[] row : rows) {
      int bucket = bucketOf(KeyValues.canonical(type, row[index]));
      byBucket.computeIfAbsent(bucket, b -> new ArrayList<>()).add(row);
    }
    return byBucket;
  }
}
