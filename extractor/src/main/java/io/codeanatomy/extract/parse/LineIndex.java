package io.codeanatomy.extract.parse;

import java.util.Arrays;

/**
 * Maps byte offsets to 1-based lines and 0-based byte columns. Lines end at {@code \n}, as for
 * tree-sitter, so computed positions equal tree-sitter's points without asking the native side. Not
 * thread-safe: it remembers the last line found.
 */
public final class LineIndex {
  private final int[] starts;
  private int last;

  public LineIndex(byte[] source) {
    int count = 1;
    for (byte b : source) {
      if (b == '\n') {
        count++;
      }
    }
    starts = new int[count];
    int line = 1;
    for (int i = 0; i < source.length; i++) {
      if (source[i] == '\n') {
        starts[line++] = i + 1;
      }
    }
  }

  /** The 1-based line holding {@code offset}. */
  public int line(int offset) {
    int i = last;
    // Callers walk nodes in source order, so the previous answer is usually right or close.
    if (offset >= starts[i] && (i + 1 == starts.length || offset < starts[i + 1])) {
      return i + 1;
    }
    int found = Arrays.binarySearch(starts, offset);
    i = found >= 0 ? found : -found - 2;
    last = i;
    return i + 1;
  }

  /** The 0-based byte column of {@code offset} within its line. */
  public int col(int offset) {
    return offset - starts[line(offset) - 1];
  }

  /** Lines as editors count them: a trailing newline does not open a new line. */
  public static int lineCount(byte[] source) {
    int count = 0;
    for (byte b : source) {
      if (b == '\n') {
        count++;
      }
    }
    return source.length > 0 && source[source.length - 1] != '\n' ? count + 1 : count;
  }
}
