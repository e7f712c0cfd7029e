package io.codeanatomy.sink.writer;

import io.codeanatomy.delta.DeltaException;
import io.codeanatomy.delta.commit.AddFile;
import io.codeanatomy.delta.write.ParquetFileWriter;
import io.codeanatomy.sink.DeltaSinkConfig;
import io.codeanatomy.sink.committable.DeltaWriteResult;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.apache.flink.table.data.RowData;
import org.apache.flink.types.RowKind;

/**
 * One writer subtask: buffers converted rows, writes them as a Parquet file in the table directory
 * every {@code rowsPerFile} rows (so its memory stays bounded), and at each checkpoint (or at end
 * of input) hands the files it wrote since the last one downstream as a {@link DeltaWriteResult}.
 *
 * <p>Files are invisible to readers until the committer adds them to the log; files of an attempt
 * that fails before its checkpoint completes are never referenced (vacuum removes them).
 *
 * <p>It has no state; it is a {@link StatefulSinkWriter} only because the sink declares writer
 * state for the sake of {@link DeltaUpsertWriter}.
 */
public final class DeltaSinkWriter
    implements CommittingSinkWriter<RowData, DeltaWriteResult>, StatefulSinkWriter<RowData, Void> {
  private final DeltaSinkConfig config;
  private final RowDataToJava converter;
  private final ParquetFileWriter fileWriter;
  private final List<Object[]> buffer = new ArrayList<>();
  private final List<AddFile> written = new ArrayList<>();
  private final DeltaWriterMetrics metrics;

  public DeltaSinkWriter(DeltaSinkConfig config, SinkWriterMetricGroup metricGroup) {
    this.config = config;
    this.converter = new RowDataToJava(config.tablePath(), config.rowType());
    this.fileWriter = new ParquetFileWriter(config.table(), config.deltaSchema());
    this.metrics = new DeltaWriterMetrics(metricGroup, "deltaFilesWritten");
  }

  @Override
  public void write(RowData row, Context context) {
    if (row.getRowKind() != RowKind.INSERT) {
      throw new DeltaException(
          config.tablePath(),
          "the Delta sink received a "
              + row.getRowKind()
              + " row, but sink.mode = "
              + config.mode().name().toLowerCase(Locale.ROOT)
              + " writes insert-only streams; for a changelog use sink.mode = upsert with a"
              + " primary key");
    }
    metrics.rowReceived(row.getRowKind());
    buffer.add(converter.convert(row));
    if (buffer.size() >= config.rowsPerFile()) {
      writeBuffer();
    }
  }

  @Override
  public void flush(boolean endOfInput) {
    // The buffer is written in prepareCommit, which Flink calls right after this.
  }

  @Override
  public Collection<DeltaWriteResult> prepareCommit() {
    writeBuffer();
    if (written.isEmpty()) {
      return List.of();
    }
    DeltaWriteResult result = new DeltaWriteResult(written);
    written.clear();
    return List.of(result);
  }

  private void writeBuffer() {
    if (buffer.isEmpty()) {
      return;
    }
    List<AddFile> files = fileWriter.write(buffer);
    written.addAll(files);
    metrics.filesWritten(files);
    buffer.clear();
  }

  @Override
  public List<Void> snapshotState(long checkpointId) {
    return List.of();
  }

  @Override
  public void close() {
    buffer.clear();
    written.clear();
  }
}
