package io.codeanatomy.sink;

import io.codeanatomy.delta.DeltaException;
import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.schema.FlinkSchemas;
import io.delta.kernel.types.StructType;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import java.util.UUID;
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
 */
public record DeltaSinkConfig(
    String tablePath, RowType rowType, WriteMode mode, String appId, long rowsPerFile)
    implements Serializable {

  public DeltaSinkConfig {
    Objects.requireNonNull(tablePath, "tablePath");
    Objects.requireNonNull(rowType, "rowType");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(appId, "appId");
    if (rowsPerFile < 1) {
      throw new DeltaException(tablePath, "rows per file must be at least 1, not " + rowsPerFile);
    }
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
