package io.codeanatomy.sink.writer;

import io.codeanatomy.delta.commit.AddFile;
import java.util.List;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.types.RowKind;

/**
 * What one writer subtask reports in its operator metric group: rows received per {@link RowKind}
 * ({@code deltaRowsInsert}, {@code deltaRowsUpdateBefore}, {@code deltaRowsUpdateAfter}, {@code
 * deltaRowsDelete}), and the Parquet files and bytes it wrote ({@code <files>} and {@code
 * deltaBytesWritten}; files are data files in append/overwrite mode, staged change files in upsert
 * mode).
 */
final class DeltaWriterMetrics {
  private final Counter[] rowsByKind = new Counter[RowKind.values().length];
  private final Counter files;
  private final Counter bytes;

  DeltaWriterMetrics(MetricGroup group, String filesCounterName) {
    rowsByKind[RowKind.INSERT.ordinal()] = group.counter("deltaRowsInsert");
    rowsByKind[RowKind.UPDATE_BEFORE.ordinal()] = group.counter("deltaRowsUpdateBefore");
    rowsByKind[RowKind.UPDATE_AFTER.ordinal()] = group.counter("deltaRowsUpdateAfter");
    rowsByKind[RowKind.DELETE.ordinal()] = group.counter("deltaRowsDelete");
    this.files = group.counter(filesCounterName);
    this.bytes = group.counter("deltaBytesWritten");
  }

  void rowReceived(RowKind kind) {
    rowsByKind[kind.ordinal()].inc();
  }

  void filesWritten(List<AddFile> written) {
    files.inc(written.size());
    for (AddFile file : written) {
      bytes.inc(file.size());
    }
  }
}
