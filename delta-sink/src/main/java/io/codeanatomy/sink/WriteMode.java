package io.codeanatomy.sink;

/** What a run of the sink does to the table's existing content. */
public enum WriteMode {
  /**
   * The run replaces the table's whole content. Its first commit removes every file the table had
   * and adds the run's files; a batch run therefore lands as exactly one new version.
   */
  OVERWRITE,
  /** The run adds rows; what the table held stays. */
  APPEND,
  /**
   * Changelog input keyed by the table's primary key: inserts and updates replace the row with the
   * same key, deletes remove it. Each checkpoint commits its last change per key as one
   * copy-on-write version with exact change data ({@code cdc}) files.
   */
  UPSERT
}
