package io.codeanatomy.delta;

import io.codeanatomy.delta.read.DeletionVector;

/**
 * One data file of a table version, as its {@code add} action describes it.
 *
 * @param path the path as written in the log: relative to the table root unless absolute
 * @param size bytes
 * @param modificationTime milliseconds since the epoch
 * @param numRecords rows in the file (deleted ones included), or -1 when the log carries no
 *     statistics
 * @param statsJson the raw {@code add.stats} JSON, or null
 * @param deletionVector the rows of the file deleted from the table, or null when none is
 */
public record TableFile(
    String path,
    long size,
    long modificationTime,
    long numRecords,
    String statsJson,
    DeletionVector deletionVector) {

  /** Rows of the file still in the table, or -1 when unknown. */
  public long liveRecords() {
    if (numRecords < 0 || deletionVector == null) {
      return numRecords;
    }
    return numRecords - deletionVector.cardinality();
  }
}
