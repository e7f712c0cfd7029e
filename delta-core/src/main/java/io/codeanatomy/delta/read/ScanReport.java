package io.codeanatomy.delta.read;

/**
 * What a filtered scan skipped and read.
 *
 * @param filesTotal data files of the snapshot
 * @param filesSkipped files never opened: their {@code add.stats} min/max/null counts rule the
 *     filter out
 * @param rowGroupsTotal row groups in the files that were opened
 * @param rowGroupsSkipped row groups of opened files never read: their footer min/max statistics
 *     rule the filter out
 * @param rowsRead rows decoded from the row groups that were read
 * @param rowsMatched rows that satisfy the filter (the rows the scan returns)
 */
public record ScanReport(
    int filesTotal,
    int filesSkipped,
    int rowGroupsTotal,
    int rowGroupsSkipped,
    long rowsRead,
    long rowsMatched) {

  /** Files that were opened (their footers read), whether or not any row group was read. */
  public int filesOpened() {
    return filesTotal - filesSkipped;
  }
}
