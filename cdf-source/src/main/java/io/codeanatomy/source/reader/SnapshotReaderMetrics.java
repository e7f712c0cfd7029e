package io.codeanatomy.source.reader;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * The snapshot reader's Parquet reads: {@code rowGroupsRead} and {@code rowGroupsSkipped} count the
 * row groups of the data files opened under a pushed-down filter, read or skipped because their
 * footer statistics rule the filter out (files read without a filter are not counted: their footers
 * are not inspected); {@code parquetRowsRead} counts the rows decoded from every file, those of the
 * row groups read, deleted rows and rows the query's filter drops later included. Only the split
 * reader's fetcher thread updates them.
 */
public final class SnapshotReaderMetrics {
  private final Counter rowGroupsRead;
  private final Counter rowGroupsSkipped;
  private final Counter parquetRowsRead;

  public SnapshotReaderMetrics(MetricGroup group) {
    this.rowGroupsRead = group.counter("rowGroupsRead");
    this.rowGroupsSkipped = group.counter("rowGroupsSkipped");
    this.parquetRowsRead = group.counter("parquetRowsRead");
  }

  void fileOpened(int groupsRead, int groupsSkipped) {
    rowGroupsRead.inc(groupsRead);
    rowGroupsSkipped.inc(groupsSkipped);
  }

  void rowsDecoded(int rows) {
    parquetRowsRead.inc(rows);
  }
}
