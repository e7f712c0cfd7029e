package io.codeanatomy.source.skipping;

import io.codeanatomy.delta.TableFile;
import java.util.ArrayList;
import java.util.List;

/** Which data files of a snapshot a scan reads, given its pushed-down filter and limit. */
public final class FileSelection {
  private FileSelection() {}

  /**
   * The files whose statistics might match {@code filter} (all, when it is null), cut after the
   * first files whose live row counts (deletion vectors subtracted) reach {@code limit} (no cut
   * when it is negative or a count is unknown). The planner keeps its own filter and limit above
   * the scan, so this only saves reads.
   */
  public static List<TableFile> select(List<TableFile> files, FilePredicate filter, long limit) {
    List<TableFile> selected = new ArrayList<>();
    for (TableFile file : files) {
      if (filter == null || filter.mightMatch(FileStats.parse(file.statsJson()))) {
        selected.add(file);
      }
    }
    if (limit < 0) {
      return selected;
    }
    long rows = 0;
    for (int i = 0; i < selected.size(); i++) {
      if (rows >= limit) {
        return selected.subList(0, i);
      }
      long n = selected.get(i).liveRecords();
      if (n < 0) {
        return selected;
      }
      // With a filter, not every row of a file counts towards the limit.
      rows += filter == null ? n : 0;
    }
    return selected;
  }
}
