package io.codeanatomy.source.split;

import org.apache.flink.api.connector.source.SourceSplit;

/**
 * One data file of a snapshot to read, and how many of its rows were already emitted (so a restore
 * from a checkpoint taken mid-file neither repeats nor loses rows: row order within a Parquet file
 * is fixed).
 *
 * @param tableRoot the table's root directory, absolute
 * @param path the file path as the log writes it (relative to the root)
 */
public record DeltaFileSplit(
    String tableRoot, String path, long size, long modificationTime, long rowsToSkip)
    implements SourceSplit {

  @Override
  public String splitId() {
    return path;
  }

  public DeltaFileSplit withRowsToSkip(long rows) {
    return new DeltaFileSplit(tableRoot, path, size, modificationTime, rows);
  }
}
