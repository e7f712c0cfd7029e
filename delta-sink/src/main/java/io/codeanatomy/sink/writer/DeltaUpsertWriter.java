package io.codeanatomy.sink.writer;

import io.codeanatomy.delta.DeltaException;
import io.codeanatomy.delta.commit.AddFile;
import io.codeanatomy.delta.write.ParquetFileWriter;
import io.codeanatomy.sink.DeltaSinkConfig;
import io.codeanatomy.sink.committable.DeltaWriteResult;
import io.codeanatomy.sink.staging.StagingArea;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;

/**
 * One writer subtask of upsert mode. Its input is partitioned by the primary key (see {@link
 * io.codeanatomy.sink.PrimaryKeySelector}), so it sees every change of its keys, in order. It
 * collapses the changes of a checkpoint to the last one per key — {@code +I}/{@code +U} upsert the
 * row, {@code -D}/{@code -U} delete the key (a later {@code +U}/{@code +I} of the key overrides
 * that again, so an {@code UPDATE_BEFORE} is right whether or not it has the sink's key) — and at
 * {@code prepareCommit} writes them to one staged change file in the {@link StagingArea}: the row's
 * columns plus {@link DeltaSinkConfig#OP_COLUMN}. Only the file's name crosses the checkpoint.
 *
 * <p>The file's name carries the last checkpoint this writer snapshotted, which is why the writer
 * is a {@link StatefulSinkWriter} with no state of its own: {@code snapshotState} is how Flink
 * tells it the checkpoint ids. The committer uses the number to delete staged files of failed
 * attempts without ever touching a file of a checkpoint still in flight.
 *
 * <p>Memory holds one row per key changed since the last checkpoint.
 */
public final class DeltaUpsertWriter
    implements CommittingSinkWriter<RowData, DeltaWriteResult>, StatefulSinkWriter<RowData, Void> {
  private final DeltaSinkConfig config;
  private final RowDataToJava converter;
  private final StagingArea staging;
  private final int[] keyIndexes;
  private final boolean[] notNull;

  /** Key → the row to upsert, or a row tagged for deletion; the last change wins. */
  private final Map<List<Object>, Object[]> changes = new LinkedHashMap<>();

  private final DeltaWriterMetrics metrics;

  /** The last checkpoint this writer snapshotted (or was restored from); 0 before any. */
  private long lastCheckpointId;

  public DeltaUpsertWriter(
      DeltaSinkConfig config, SinkWriterMetricGroup metricGroup, long restoredCheckpointId) {
    this.config = config;
    this.converter = new RowDataToJava(config.tablePath(), config.rowType());
    this.staging = new StagingArea(config);
    this.lastCheckpointId = restoredCheckpointId;
    this.keyIndexes = config.keyIndexes();
    List<RowType.RowField> fields = config.rowType().getFields();
    this.notNull = new boolean[fields.size()];
    for (int i = 0; i < notNull.length; i++) {
      notNull[i] = !fields.get(i).getType().isNullable();
    }
    this.metrics = new DeltaWriterMetrics(metricGroup, "deltaStagedFilesWritten");
  }

  @Override
  public void write(RowData row, Context context) {
    Object[] values = converter.convert(row);
    List<Object> key = key(values);
    String op =
        switch (row.getRowKind()) {
          case INSERT, UPDATE_AFTER -> DeltaSinkConfig.OP_UPSERT;
          case DELETE, UPDATE_BEFORE -> DeltaSinkConfig.OP_DELETE;
        };
    if (op.equals(DeltaSinkConfig.OP_UPSERT)) {
      checkNotNull(values);
    }
    metrics.rowReceived(row.getRowKind());
    Object[] staged = Arrays.copyOf(values, values.length + 1);
    staged[values.length] = op;
    // Removing first makes the map's order the order of each key's last change.
    changes.remove(key);
    changes.put(key, staged);
  }

  private List<Object> key(Object[] values) {
    List<Object> key = new ArrayList<>(keyIndexes.length);
    for (int i = 0; i < keyIndexes.length; i++) {
      Object value = values[keyIndexes[i]];
      if (value == null) {
        throw new DeltaException(
            config.tablePath(),
            "primary key column `"
                + config.keyColumns().get(i)
                + "` is null in a changed row "
                + Arrays.toString(values)
                + "; key values must not be null");
      }
      key.add(value);
    }
    return key;
  }

  private void checkNotNull(Object[] values) {
    for (int i = 0; i < values.length; i++) {
      if (notNull[i] && values[i] == null) {
        throw new DeltaException(
            config.tablePath(),
            "column `"
                + config.rowType().getFieldNames().get(i)
                + "` is NOT NULL but a row has null: "
                + Arrays.toString(values));
      }
    }
  }

  @Override
  public void flush(boolean endOfInput) {
    // The changes are staged in prepareCommit, which Flink calls right after this.
  }

  @Override
  public Collection<DeltaWriteResult> prepareCommit() {
    if (changes.isEmpty()) {
      return List.of();
    }
    ParquetFileWriter writer = staging.writer(config, lastCheckpointId);
    List<AddFile> staged = writer.write(new ArrayList<>(changes.values()));
    changes.clear();
    metrics.filesWritten(staged);
    return List.of(new DeltaWriteResult(List.of(), staged));
  }

  @Override
  public List<Void> snapshotState(long checkpointId) {
    // Called after prepareCommit of the same checkpoint: later files belong to later checkpoints.
    lastCheckpointId = checkpointId;
    return List.of();
  }

  @Override
  public void close() {
    changes.clear();
  }
}
