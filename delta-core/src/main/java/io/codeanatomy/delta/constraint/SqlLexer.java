package io.codeanatomy.delta.constraint;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits Spark SQL expression text into tokens: identifiers (backticked ones keep their case and
 * may hold anything, {@code ``} being a backtick), numbers with Spark's suffixes, strings in single
 * or double quotes ({@code ''} and backslash escapes), and operators.
 */
final class SqlLexer {
  enum Kind {
    WORD, // bare identifier or keyword, as written
    QUOTED_IDENTIFIER, // `...`
    NUMBER,
    STRING,
    SYMBOL,
    END
  }

  record Token(Kind kind, String text, int position) {
    boolean isKeyword(String keyword) {
      return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
    }

    boolean isSymbol(String symbol) {
      return kind == Kind.SYMBOL && text.equals(symbol);
    }

    String describe() {
      return kind == Kind.END ? "the end" : "`" + text + "` at offset " + position;
    }
  }

  private static final List<String> SYMBOLS =
      List.of(
          "<=>", "==", "<>", "!=", "<=", ">=", "||", "&&", "=", "<", ">", "+", "-", "*", "/", "%",
          "(", ")", ",", ".", "!", "~", "&", "|", "^", ":", "[", "]");

  private final String text;
  private int pos;

  private SqlLexer(String text) {
    this.text = text;
  }

  static List<Token> tokenize(String text) {
    return new SqlLexer(text).all();
  }

  private List<Token> all() {
    List<Token> tokens = new ArrayList<>();
    while (true) {
      skipSpace();
      if (pos >= text.length()) {
        tokens.add(new Token(Kind.END, "", pos));
        return tokens;
      }
      tokens.add(next());
    }
  }

  private void skipSpace() {
    while (pos < text.length()) {
      if (Character.isWhitespace(text.charAt(pos))) {
        pos++;
      } else if (text.startsWith("--", pos)) {
        throw new UnsupportedExpressionException("comments (`--`) are not supported");
      } else if (text.startsWith("/*", pos)) {
        throw new UnsupportedExpressionException("comments (`/*`) are not supported");
      } else {
        return;
      }
    }
  }

  private Token next() {
    int start = pos;
    char c = text.charAt(pos);
    if (c == '`') {
      return new Token(Kind.QUOTED_IDENTIFIER, quoted('`', false), start);
    }
    if (c == '\'' || c == '"') {
      return new Token(Kind.STRING, quoted(c, true), start);
    }
    if (Character.isDigit(c) || (c == '.' && pos + 1 < text.length() && isDigit(pos + 1))) {
      return new Token(Kind.NUMBER, number(), start);
    }
    if (Character.isLetter(c) || c == '_') {
      while (pos < text.length()
          && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
        pos++;
      }
      return new Token(Kind.WORD, text.substring(start, pos), start);
    }
    for (String symbol : SYMBOLS) {
      if (text.startsWith(symbol, pos)) {
        pos += symbol.length();
        return new Token(Kind.SYMBOL, symbol, start);
      }
    }
    throw new UnsupportedExpressionException("unexpected character `" + c + "` at offset " + start);
  }

  private boolean isDigit(int at) {
    return Character.isDigit(text.charAt(at));
  }

  /** Digits, an optional fraction and exponent, and Spark's type suffix (L, S, Y, D, F, BD). */
  private String number() {
    int start = pos;
    while (pos < text.length() && (isDigit(pos) || text.charAt(pos) == '.')) {
      pos++;
    }
    if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
      int mark = pos++;
      if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
        pos++;
      }
      if (pos < text.length() && isDigit(pos)) {
        while (pos < text.length() && isDigit(pos)) {
          pos++;
        }
      } else {
        pos = mark;
      }
    }
    String rest = text.substring(pos).toUpperCase(Locale.ROOT);
    if (rest.startsWith("BD")) {
      pos += 2;
    } else if (!rest.isEmpty() && "LSYDF".indexOf(rest.charAt(0)) >= 0) {
      pos++;
    }
    if (pos < text.length()
        && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
      throw new UnsupportedExpressionException(
          "malformed number `" + text.substring(start, pos + 1) + "` at offset " + start);
    }
    return text.substring(start, pos);
  }

  private String quoted(char quote, boolean backslashEscapes) {
    int start = pos;
    pos++; // opening quote
    StringBuilder out = new StringBuilder();
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == quote) {
        if (pos + 1 < text.length() && text.charAt(pos + 1) == quote) {
          out.append(quote); // doubled quote stands for itself
          pos += 2;
          continue;
        }
        pos++;
        return out.toString();
      }
      if (c == '\\' && backslashEscapes && pos + 1 < text.length()) {
        out.append(unescape(text.charAt(pos + 1)));
        pos += 2;
        continue;
      }
      out.append(c);
      pos++;
    }
    throw new UnsupportedExpressionException(
        "unterminated " + (quote == '`' ? "identifier" : "string") + " at offset " + start);
  }

  private static String unescape(char c) {
    return switch (c) {
      case 'n' -> "\n";
      case 't' -> "\t";
      case 'r' -> "\r";
      case 'b' -> "\b";
      case '0' -> "\0";
      case 'Z' -> "\u001A";
      case '%', '_' -> "\\" + c; // Spark keeps these escapes for LIKE patterns
      default -> String.valueOf(c); // \' \" \\ and any other character stand for themselves
    };
  }
}
