package io.codeanatomy.delta.read;

import java.nio.file.Path;
import java.util.function.LongPredicate;

/**
 * Some rows of one data file, chosen by deletion vectors: the rows that {@code onlyDeletedBy}
 * deletes (every row, when it is null) and that {@code notDeletedBy} does not delete (no exclusion,
 * when it is null). The live rows of a file with deletion vector {@code dv} are {@code (null, dv)};
 * the rows a commit newly deletes by replacing {@code old} with {@code new} are {@code (new, old)}.
 *
 * @param path the file path as the log writes it
 */
public record FileRows(
    String path, long size, DeletionVector onlyDeletedBy, DeletionVector notDeletedBy) {

  /** The rows of a file that its deletion vector (null: none) leaves in the table. */
  public static FileRows live(String path, long size, DeletionVector deletionVector) {
    return new FileRows(path, size, null, deletionVector);
  }

  /** True when every row of the file is selected, so no bitmap needs to be read. */
  public boolean wholeFile() {
    return onlyDeletedBy == null && notDeletedBy == null;
  }

  /** Loads the vectors: the predicate is true for the row indexes of the file that are selected. */
  public LongPredicate selection(Path tableRoot) {
    LongPredicate selected = row -> true;
    if (onlyDeletedBy != null) {
      selected = selected.and(onlyDeletedBy.load(tableRoot));
    }
    if (notDeletedBy != null) {
      selected = selected.and(notDeletedBy.load(tableRoot).negate());
    }
    return selected;
  }
}
