package io.codeanatomy.sink;

/** What a run of the sink does to the table's existing content. */
public enum WriteMode {
  /**
   * The run replaces the table's whole content. Its first commit removes every file the table had
   * and adds the run's files; a batch run therefore lands as exactly one new version.
   */
  OVERWRITE,
  /** The run adds rows; what the table held stays. */
  APPEND
}
