package io.codeanatomy.sink;

import io.codeanatomy.delta.DeltaException;
import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.schema.FlinkSchemas;
import io.codeanatomy.delta.write.KeyedLayout;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;
import org.apache.flink.table.types.logical.RowType;

/**
 * Everything a {@link DeltaSink} needs to know, shipped with the job graph to every writer, the
 * pre-commit aggregator and the committer.
 *
 * @param tablePath the table's directory (created on the first commit when missing)
 * @param rowType the rows the sink receives; also the schema of a table the sink creates
 * @param mode overwrite or append
 * @param appId identifies the writer of this table; the run's {@code txn} application id is this
 *     plus the id of the job that started the run
 * @param rowsPerFile rows a writer buffers before it writes them as a Parquet file
 * @param keyColumns the primary key (upsert mode; empty otherwise)
 * @param bucketColumn upsert mode: the column whose hash groups rows into files, or null; a key
 *     column, or an owner column outside the key that each key keeps for life (see {@link
 *     KeyedLayout}), in which case the sink asks Flink for deletes with full rows
 * @param buckets upsert mode with a bucket column: how many buckets
 * @param replaceOnFirstCommit upsert mode: the run's first commit makes the table hold exactly the
 *     rows it upserts (a fresh start of a continuous job that rebuilds the table); later commits
 *     merge
 */
public record DeltaSinkConfig(
    String tablePath,
    RowType rowType,
    WriteMode mode,
    String appId,
    long rowsPerFile,
    List<String> keyColumns,
    String bucketColumn,
    int buckets,
    boolean replaceOnFirstCommit)
    implements Serializable {

  /** The column of a staged change file that says what the change is. */
  public static final String OP_COLUMN = "_op";

  public static final String OP_UPSERT = "upsert";
  public static final String OP_DELETE = "delete";

  /** Where writers stage the changes of upsert mode, relative to the table root. */
  public static final String STAGING_DIRECTORY = "_staging";

  private static final Set<LogicalTypeRoot> KEY_TYPES =
      EnumSet.of(
          LogicalTypeRoot.CHAR,
          LogicalTypeRoot.VARCHAR,
          LogicalTypeRoot.BOOLEAN,
          LogicalTypeRoot.TINYINT,
          LogicalTypeRoot.SMALLINT,
          LogicalTypeRoot.INTEGER,
          LogicalTypeRoot.BIGINT,
          LogicalTypeRoot.DATE,
          LogicalTypeRoot.TIMESTAMP_WITHOUT_TIME_ZONE,
          LogicalTypeRoot.TIMESTAMP_WITH_LOCAL_TIME_ZONE);

  public DeltaSinkConfig {
    Objects.requireNonNull(tablePath, "tablePath");
    Objects.requireNonNull(rowType, "rowType");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(appId, "appId");
    keyColumns = List.copyOf(keyColumns);
    if (rowsPerFile < 1) {
      throw new DeltaException(tablePath, "rows per file must be at least 1, not " + rowsPerFile);
    }
    if (mode == WriteMode.UPSERT) {
      if (keyColumns.isEmpty()) {
        throw new DeltaException(
            tablePath,
            "sink.mode = upsert needs the sink's primary key, but none is declared; declare"
                + " PRIMARY KEY (...) NOT ENFORCED on the table, or use sink.mode = append");
      }
      for (String column : keyColumns) {
        int index = rowType.getFieldNames().indexOf(column);
        if (index < 0) {
          throw new DeltaException(
              tablePath,
              "primary key column `" + column + "` is not a column of " + rowType.getFieldNames());
        }
        LogicalType type = rowType.getTypeAt(index);
        if (!KEY_TYPES.contains(type.getTypeRoot())) {
          // The keyed commit compares and hashes keys; it supports these types (delta-core).
          throw new DeltaException(
              tablePath,
              "primary key column `"
                  + column
                  + "` has type "
                  + type
                  + "; keys must be strings, booleans, integers, dates or timestamps");
        }
      }
      if (bucketColumn != null && !rowType.getFieldNames().contains(bucketColumn)) {
        throw new DeltaException(
            tablePath,
            "sink.bucket-column `"
                + bucketColumn
                + "` is not a column of "
                + rowType.getFieldNames());
      }
      try {
        new KeyedLayout(
            keyColumns, Optional.ofNullable(bucketColumn), bucketColumn == null ? 0 : buckets);
      } catch (IllegalArgumentException e) {
        throw new DeltaException(tablePath, "sink.bucket-column: " + e.getMessage(), e);
      }
    }
  }

  /** A sink whose upserts always merge into what the table holds. */
  public DeltaSinkConfig(
      String tablePath,
      RowType rowType,
      WriteMode mode,
      String appId,
      long rowsPerFile,
      List<String> keyColumns,
      String bucketColumn,
      int buckets) {
    this(tablePath, rowType, mode, appId, rowsPerFile, keyColumns, bucketColumn, buckets, false);
  }

  /** A sink without a primary key: {@code OVERWRITE} or {@code APPEND}. */
  public DeltaSinkConfig(
      String tablePath, RowType rowType, WriteMode mode, String appId, long rowsPerFile) {
    this(tablePath, rowType, mode, appId, rowsPerFile, List.of(), null, 0);
  }

  /** An {@code UPSERT} sink keyed by {@code keyColumns}, without buckets. */
  public static DeltaSinkConfig upsert(
      String tablePath, RowType rowType, String appId, long rowsPerFile, List<String> keyColumns) {
    return new DeltaSinkConfig(
        tablePath, rowType, WriteMode.UPSERT, appId, rowsPerFile, keyColumns, null, 0);
  }

  /** This config with rows grouped into {@code buckets} files by the hash of {@code column}. */
  public DeltaSinkConfig bucketedBy(String column, int buckets) {
    return new DeltaSinkConfig(
        tablePath,
        rowType,
        mode,
        appId,
        rowsPerFile,
        keyColumns,
        column,
        buckets,
        replaceOnFirstCommit);
  }

  /** This config, with the run's first commit replacing the table's content (upsert mode). */
  public DeltaSinkConfig replacingOnFirstCommit(boolean replace) {
    return new DeltaSinkConfig(
        tablePath, rowType, mode, appId, rowsPerFile, keyColumns, bucketColumn, buckets, replace);
  }

  /** The layout keyed writes follow (upsert mode only). */
  public KeyedLayout layout() {
    KeyedLayout layout = new KeyedLayout(keyColumns, Optional.empty(), 0);
    return bucketColumn == null ? layout : layout.bucketedBy(bucketColumn, buckets);
  }

  /** The positions of the key columns in the row type. */
  public int[] keyIndexes() {
    return keyColumns.stream().mapToInt(rowType.getFieldNames()::indexOf).toArray();
  }

  /** The positions of the {@link KeyedLayout#locatorColumns() locator columns} in the row type. */
  public int[] locatorIndexes() {
    return layout().locatorColumns().stream().mapToInt(rowType.getFieldNames()::indexOf).toArray();
  }

  /**
   * Whether a delete must carry its whole row, not just its key: when rows are bucketed by an owner
   * outside the key, the owner says which files hold the key.
   */
  public boolean needsFullDeletes() {
    return mode == WriteMode.UPSERT && layout().ownedOutsideKey();
  }

  /**
   * The schema of a staged change file: the row's columns, all nullable at the top level (a delete
   * may carry only its key), plus {@link #OP_COLUMN}.
   */
  public StructType stagingSchema() {
    List<StructField> fields = new ArrayList<>();
    for (StructField field : deltaSchema().fields()) {
      fields.add(new StructField(field.getName(), field.getDataType(), true));
    }
    fields.add(new StructField(OP_COLUMN, StringType.STRING, true));
    return new StructType(fields);
  }

  /**
   * The application id used when none is given: a name-based UUID of the table path, so the same
   * table gets the same id on every machine and every run.
   */
  public static String defaultAppId(String tablePath) {
    String normalized = Path.of(tablePath).toAbsolutePath().normalize().toString();
    return "codeanatomy-sink-"
        + UUID.nameUUIDFromBytes(normalized.getBytes(StandardCharsets.UTF_8));
  }

  public DeltaTable table() {
    return DeltaTable.forPath(Path.of(tablePath));
  }

  /** The Delta schema of the rows; a table the sink writes must have exactly this schema. */
  public StructType deltaSchema() {
    try {
      return FlinkSchemas.toStructType(rowType);
    } catch (FlinkSchemas.UnsupportedTypeException e) {
      throw new DeltaException(tablePath, e.getMessage(), e);
    }
  }

  /**
   * Fails when the table exists with another schema. Called when the job is planned and again when
   * a writer starts, so a mismatch stops the job before any data file is written.
   */
  public void checkTableSchema() {
    DeltaTable table = table();
    if (!table.exists()) {
      return;
    }
    checkSchema(table.snapshot().getSchema());
  }

  /** Fails unless {@code tableSchema} is the schema of the rows. */
  public void checkSchema(StructType tableSchema) {
    StructType written = deltaSchema();
    if (!tableSchema.equals(written)) {
      throw new DeltaException(
          tablePath,
          "the table's schema "
              + tableSchema
              + " differs from the schema being written "
              + written
              + "; schema evolution is not supported, write to a new table or delete this one");
    }
  }
}
