package io.codeanatomy.source.split;

import io.codeanatomy.delta.read.DeletionVector;
import org.apache.flink.api.connector.source.SourceSplit;

/**
 * One data file of a snapshot to read, and how far it was read: the rows of the file before {@code
 * rowOffset} were consumed (emitted, or skipped as deleted), so a restore from a checkpoint taken
 * mid-file neither repeats nor loses rows. Row order within a Parquet file is fixed.
 *
 * @param tableRoot the table's root directory, absolute
 * @param version the snapshot's version (for error messages)
 * @param path the file path as the log writes it (relative to the root)
 * @param deletionVector the rows of the file deleted from the snapshot, or null
 * @param rowOffset rows of the file, counted before deletion, already consumed
 */
public record DeltaFileSplit(
    String tableRoot,
    long version,
    String path,
    long size,
    long modificationTime,
    DeletionVector deletionVector,
    long rowOffset)
    implements SourceSplit {

  @Override
  public String splitId() {
    return path;
  }

  public DeltaFileSplit withRowOffset(long offset) {
    return new DeltaFileSplit(
        tableRoot, version, path, size, modificationTime, deletionVector, offset);
  }
}
