package io.codeanatomy.source.reader;

import io.codeanatomy.delta.read.FileRows;
import java.nio.file.Path;
import java.util.function.LongPredicate;

/**
 * The rows of a file a split reads, by row index; loads deletion vectors only when there are any.
 */
public final class FileRowSelection {
  private static final LongPredicate EVERY_ROW = row -> true;

  private FileRowSelection() {}

  public static LongPredicate of(String tableRoot, FileRows rows) {
    return rows.wholeFile() ? EVERY_ROW : rows.selection(Path.of(tableRoot));
  }
}
