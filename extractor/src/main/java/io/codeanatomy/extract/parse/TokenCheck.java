package io.codeanatomy.extract.parse;

/**
 * The checks CPython's tokenizer makes before its parser sees a token: brackets that are never
 * closed, closed by the wrong kind or never opened; unterminated strings; more than 200 nested
 * brackets or 100 indentation levels. tree-sitter recovers from all of these silently or reports
 * them far from their cause, so when a file fails to parse (or nests deeply) this pass finds the
 * cause and words it as CPython does.
 *
 * <p>Strings (with any prefix, triple-quoted, with escapes and line continuations), comments and
 * explicit line joins are skipped; f-strings are single tokens, as in Python 3.11.
 */
public final class TokenCheck {
  /** CPython's {@code MAXLEVEL}: brackets nested deeper are a syntax error. */
  static final int MAX_BRACKETS = 200;

  /** CPython's {@code MAXINDENT}. */
  static final int MAX_INDENT = 100;

  private static final String UNCLOSED = " was never closed";

  private TokenCheck() {}

  /** The first tokenizer-level problem of {@code source}, or null. */
  public static SyntaxProblem check(byte[] source) {
    int n = source.length;
    int[] open = new int[MAX_BRACKETS + 1];
    int depth = 0;
    int[] indents = new int[MAX_INDENT + 1];
    int levels = 0;
    boolean lineStart = true;
    int i = 0;
    while (i < n) {
      if (lineStart && depth == 0) {
        lineStart = false;
        int col = 0;
        int j = i;
        while (j < n && (source[j] == ' ' || source[j] == '\t' || source[j] == '\f')) {
          col = source[j] == '\t' ? (col / 8 + 1) * 8 : source[j] == '\f' ? 0 : col + 1;
          j++;
        }
        boolean blank = j >= n || source[j] == '\n' || source[j] == '\r' || source[j] == '#';
        if (!blank) {
          if (col > indents[levels]) {
            if (levels + 1 >= MAX_INDENT) {
              return new SyntaxProblem("too many levels of indentation", j, j + 1);
            }
            indents[++levels] = col;
          } else {
            while (levels > 0 && col < indents[levels]) {
              levels--;
            }
          }
        }
        i = j;
        continue;
      }
      byte b = source[i];
      switch (b) {
        case '#' -> {
          while (i < n && source[i] != '\n') {
            i++;
          }
        }
        case '\\' -> {
          // an explicit line join: the next line continues this one
          i += i + 2 < n && source[i + 1] == '\r' && source[i + 2] == '\n' ? 3 : 2;
        }
        case '\n' -> {
          lineStart = depth == 0;
          i++;
        }
        case '\'', '"' -> {
          int end = skipString(source, i);
          if (end < 0) {
            boolean triple = i + 2 < n && source[i + 1] == b && source[i + 2] == b;
            String what =
                triple
                    ? "unterminated triple-quoted string literal"
                    : "unterminated string literal";
            int detected = lineOf(source, triple ? n - 1 : endOfLine(source, i));
            return new SyntaxProblem(what + " (detected at line " + detected + ")", i, i + 1);
          }
          i = end;
        }
        case '(', '[', '{' -> {
          if (depth >= MAX_BRACKETS) {
            return new SyntaxProblem("too many nested parentheses", i, i + 1);
          }
          open[depth++] = i;
          i++;
        }
        case ')', ']', '}' -> {
          if (depth == 0) {
            return new SyntaxProblem("unmatched '" + (char) b + "'", i, i + 1);
          }
          int opener = open[--depth];
          if (source[opener] != matching(b)) {
            String message =
                "closing parenthesis '"
                    + (char) b
                    + "' does not match opening parenthesis '"
                    + (char) source[opener]
                    + "'";
            int openLine = lineOf(source, opener);
            if (openLine != lineOf(source, i)) {
              message += " on line " + openLine;
            }
            return new SyntaxProblem(message, i, i + 1);
          }
          i++;
        }
        default -> i++;
      }
    }
    if (depth > 0) {
      int opener = open[depth - 1];
      return new SyntaxProblem("'" + (char) source[opener] + "'" + UNCLOSED, opener, opener + 1);
    }
    return null;
  }

  /** True for the problem of a bracket still open at the end of the file. */
  public static boolean isUnclosed(SyntaxProblem problem) {
    return problem.message().endsWith(UNCLOSED);
  }

  /** The offset after the string starting at the quote at {@code start}, or -1 if unterminated. */
  private static int skipString(byte[] s, int start) {
    int n = s.length;
    byte q = s[start];
    boolean triple = start + 2 < n && s[start + 1] == q && s[start + 2] == q;
    int i = start + (triple ? 3 : 1);
    while (i < n) {
      byte b = s[i];
      if (b == '\\') {
        i += 2;
        continue;
      }
      if (b == q) {
        if (!triple) {
          return i + 1;
        }
        if (i + 2 < n && s[i + 1] == q && s[i + 2] == q) {
          return i + 3;
        }
      } else if (b == '\n' && !triple) {
        return -1;
      }
      i++;
    }
    return -1;
  }

  private static byte matching(byte closing) {
    return switch (closing) {
      case ')' -> '(';
      case ']' -> '[';
      default -> '{';
    };
  }

  private static int endOfLine(byte[] s, int from) {
    int i = from;
    while (i < s.length && s[i] != '\n') {
      i++;
    }
    return Math.max(from, i - 1);
  }

  private static int lineOf(byte[] s, int offset) {
    int line = 1;
    for (int i = 0; i < offset && i < s.length; i++) {
      if (s[i] == '\n') {
        line++;
      }
    }
    return line;
  }
}
