package io.codeanatomy.source.changelog;

import io.codeanatomy.delta.read.DeletionVector;
import io.codeanatomy.delta.read.FileRows;
import org.apache.flink.api.connector.source.SourceSplit;

/**
 * One file's share of one table version's changes, and how far it was read. The enumerator hands
 * splits to the single reader strictly in the order of the change feed: by version, and within a
 * version every retraction ({@link Kind#REMOVED}, {@link Kind#CDC_RETRACTIONS}) before every
 * accumulation, so applying a version's rows in emission order yields that version's table.
 *
 * @param tableRoot the table's root directory, absolute
 * @param version the table version whose changes this split carries (for {@link Kind#SNAPSHOT}: the
 *     starting version)
 * @param kind which rows of the file to emit, with which row kinds
 * @param path the file path as the log writes it (relative to the root, URI-encoded, or absolute)
 * @param onlyDeletedBy read only the rows this deletion vector deletes (null: every row)
 * @param notDeletedBy skip the rows this deletion vector deletes (null: skip none)
 * @param commitTimestamp the version's commit timestamp, milliseconds since the epoch
 * @param rowOffset rows of the file (counted before filtering by change type) already consumed
 */
public record ChangeSplit(
    String tableRoot,
    long version,
    Kind kind,
    String path,
    DeletionVector onlyDeletedBy,
    DeletionVector notDeletedBy,
    long commitTimestamp,
    long rowOffset)
    implements SourceSplit {

  /** What a split's file holds and how its rows become changelog rows. */
  public enum Kind {
    /** A data file of the starting snapshot: every row is an insert. */
    SNAPSHOT,
    /**
     * A {@code remove} with {@code dataChange} of a version without {@code cdc} files: deletes (of
     * the rows its deletion vectors select, see {@link io.codeanatomy.delta.read.DerivedChanges}).
     */
    REMOVED,
    /** An {@code add} with {@code dataChange} of a version without {@code cdc} files: inserts. */
    ADDED,
    /** A {@code cdc} file, read for its {@code delete} and {@code update_preimage} rows. */
    CDC_RETRACTIONS,
    /** A {@code cdc} file, read for its {@code insert} and {@code update_postimage} rows. */
    CDC_ACCUMULATIONS
  }

  @Override
  public String splitId() {
    return version + "/" + kind + "/" + path;
  }

  public ChangeSplit withRowOffset(long offset) {
    return new ChangeSplit(
        tableRoot, version, kind, path, onlyDeletedBy, notDeletedBy, commitTimestamp, offset);
  }

  /** The rows of the file this split reads, by deletion vectors. */
  public FileRows rows() {
    return new FileRows(path, -1, onlyDeletedBy, notDeletedBy);
  }
}
