package io.codeanatomy.source.table;

import org.apache.flink.api.connector.source.Source;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.connector.source.ScanTableSource;
import org.apache.flink.table.connector.source.SourceProvider;
import org.apache.flink.table.data.RowData;

/**
 * An insert-only scan of one source that produces exactly the declared columns: the change feed as
 * rows, a version's metadata or its file list. It takes no projection, filter or limit: these
 * relations are small or must not lose rows, and the planner projects after the scan.
 */
final class FixedScanSource implements ScanTableSource {
  private final Source<RowData, ?, ?> source;
  private final String summary;

  FixedScanSource(Source<RowData, ?, ?> source, String summary) {
    this.source = source;
    this.summary = summary;
  }

  @Override
  public ChangelogMode getChangelogMode() {
    return ChangelogMode.insertOnly();
  }

  @Override
  public ScanRuntimeProvider getScanRuntimeProvider(ScanContext context) {
    return SourceProvider.of(source);
  }

  @Override
  public DynamicTableSource copy() {
    return new FixedScanSource(source, summary);
  }

  @Override
  public String asSummaryString() {
    return summary;
  }
}
