package io.codeanatomy.delta.constraint;

import io.codeanatomy.delta.constraint.SqlLexer.Kind;
import io.codeanatomy.delta.constraint.SqlLexer.Token;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses the subset of Spark SQL expressions that CHECK constraints realistically use, by recursive
 * descent with Spark's precedence (loosest first): OR; AND; NOT; comparisons, IS [NOT] NULL, [NOT]
 * IN, [NOT] BETWEEN; + -; * / %; unary minus; literals, columns, function calls, CASE and
 * parentheses. Anything else fails with an {@link UnsupportedExpressionException} naming it.
 */
final class SqlParser {
  private static final Set<String> COMPARISONS =
      Set.of("=", "==", "<>", "!=", "<", "<=", ">", ">=", "<=>");

  /** Words that begin a construct outside the subset when they appear after an operand. */
  private static final Set<String> UNSUPPORTED_PREDICATES =
      Set.of("LIKE", "ILIKE", "RLIKE", "REGEXP", "SIMILAR", "ESCAPE", "DIV");

  private final List<Token> tokens;
  private int next;

  private SqlParser(List<Token> tokens) {
    this.tokens = tokens;
  }

  static SqlExpr parse(String sql) {
    SqlParser parser = new SqlParser(SqlLexer.tokenize(sql));
    SqlExpr expr = parser.or();
    if (parser.peek().kind() != Kind.END) {
      throw parser.unexpected();
    }
    return expr;
  }

  private SqlExpr or() {
    SqlExpr left = and();
    while (peek().isKeyword("OR") || peek().isSymbol("||")) {
      if (peek().isSymbol("||")) {
        throw new UnsupportedExpressionException("string concatenation `||` is not supported");
      }
      advance();
      left = new SqlExpr.Logical(false, left, and());
    }
    return left;
  }

  private SqlExpr and() {
    SqlExpr left = not();
    while (peek().isKeyword("AND") || peek().isSymbol("&&")) {
      advance();
      left = new SqlExpr.Logical(true, left, not());
    }
    return left;
  }

  private SqlExpr not() {
    if (peek().isKeyword("NOT") || peek().isSymbol("!")) {
      advance();
      return new SqlExpr.Not(not());
    }
    return predicate();
  }

  private SqlExpr predicate() {
    SqlExpr left = additive();
    Token t = peek();
    if (t.kind() == Kind.SYMBOL && COMPARISONS.contains(t.text())) {
      advance();
      return new SqlExpr.Comparison(t.text(), left, additive());
    }
    if (t.isKeyword("IS")) {
      advance();
      boolean negated = accept("NOT");
      if (!accept("NULL")) {
        throw new UnsupportedExpressionException(
            "`IS "
                + (negated ? "NOT " : "")
                + peek().text()
                + "` is not supported (only IS [NOT]"
                + " NULL)");
      }
      return new SqlExpr.IsNull(left, negated);
    }
    boolean negated = false;
    if (t.isKeyword("NOT")) {
      advance();
      negated = true;
      t = peek();
    }
    if (t.isKeyword("IN")) {
      advance();
      expectSymbol("(");
      if (peek().isKeyword("SELECT")) {
        throw new UnsupportedExpressionException("subqueries are not supported");
      }
      List<SqlExpr> values = new ArrayList<>();
      do {
        values.add(or());
      } while (acceptSymbol(","));
      expectSymbol(")");
      return new SqlExpr.In(left, values, negated);
    }
    if (t.isKeyword("BETWEEN")) {
      advance();
      SqlExpr low = additive();
      expectKeyword("AND");
      return new SqlExpr.Between(left, low, additive(), negated);
    }
    if (t.kind() == Kind.WORD && UNSUPPORTED_PREDICATES.contains(upper(t.text()))) {
      throw new UnsupportedExpressionException("`" + upper(t.text()) + "` is not supported");
    }
    if (negated) {
      throw unexpected();
    }
    return left;
  }

  private SqlExpr additive() {
    SqlExpr left = multiplicative();
    while (peek().isSymbol("+") || peek().isSymbol("-")) {
      char op = advance().text().charAt(0);
      left = new SqlExpr.Arithmetic(op, left, multiplicative());
    }
    return left;
  }

  private SqlExpr multiplicative() {
    SqlExpr left = unary();
    while (peek().isSymbol("*") || peek().isSymbol("/") || peek().isSymbol("%")) {
      char op = advance().text().charAt(0);
      left = new SqlExpr.Arithmetic(op, left, unary());
    }
    return left;
  }

  private SqlExpr unary() {
    if (acceptSymbol("-")) {
      return new SqlExpr.Negate(unary());
    }
    if (acceptSymbol("+")) {
      return unary();
    }
    return primary();
  }

  private SqlExpr primary() {
    Token t = advance();
    switch (t.kind()) {
      case NUMBER:
        return number(t.text());
      case STRING:
        return new SqlExpr.Literal(SqlType.STRING, t.text());
      case QUOTED_IDENTIFIER:
        return columnRef(t.text());
      case SYMBOL:
        if (t.text().equals("(")) {
          if (peek().isKeyword("SELECT")) {
            throw new UnsupportedExpressionException("subqueries are not supported");
          }
          SqlExpr inner = or();
          expectSymbol(")");
          return inner;
        }
        throw new UnsupportedExpressionException("operator `" + t.text() + "` is not supported");
      case WORD:
        return word(t);
      default:
        throw new UnsupportedExpressionException("the expression ends too early");
    }
  }

  private SqlExpr word(Token t) {
    String word = upper(t.text());
    switch (word) {
      case "TRUE":
        return new SqlExpr.Literal(SqlType.BOOLEAN, Boolean.TRUE);
      case "FALSE":
        return new SqlExpr.Literal(SqlType.BOOLEAN, Boolean.FALSE);
      case "NULL":
        return new SqlExpr.Literal(SqlType.NULL, null);
      case "CASE":
        return caseWhen();
      default:
        break;
    }
    if ((word.equals("DATE") || word.equals("TIMESTAMP") || word.equals("TIMESTAMP_NTZ"))
        && peek().kind() == Kind.STRING) {
      return datetime(word, advance().text());
    }
    if ((word.equals("INTERVAL") || word.equals("X")) && peek().kind() == Kind.STRING) {
      throw new UnsupportedExpressionException("`" + word + "` literals are not supported");
    }
    if (peek().isSymbol("(")) {
      advance();
      if (word.equals("CAST") || word.equals("TRY_CAST")) {
        throw new UnsupportedExpressionException("`" + word + "` is not supported");
      }
      List<SqlExpr> args = new ArrayList<>();
      if (!acceptSymbol(")")) {
        do {
          if (peek().isKeyword("DISTINCT")) {
            throw new UnsupportedExpressionException(
                "`" + word + "(DISTINCT ...)` is not supported");
          }
          args.add(or());
        } while (acceptSymbol(","));
        expectSymbol(")");
      }
      return new SqlExpr.Call(word, args);
    }
    return columnRef(t.text());
  }

  /** A column name, then {@code .field} parts for nested struct fields. */
  private SqlExpr columnRef(String first) {
    List<String> path = new ArrayList<>();
    path.add(first);
    while (acceptSymbol(".")) {
      Token part = advance();
      if (part.kind() != Kind.WORD && part.kind() != Kind.QUOTED_IDENTIFIER) {
        throw new UnsupportedExpressionException(
            "expected a field name after `.` but found " + part.describe());
      }
      path.add(part.text());
    }
    if (peek().isSymbol("[") || peek().isSymbol(":")) {
      throw new UnsupportedExpressionException(
          "element access `"
              + peek().text()
              + "` on `"
              + String.join(".", path)
              + "` is not"
              + " supported");
    }
    return new SqlExpr.ColumnRef(List.copyOf(path));
  }

  private SqlExpr caseWhen() {
    SqlExpr subject = peek().isKeyword("WHEN") ? null : or();
    List<SqlExpr> conditions = new ArrayList<>();
    List<SqlExpr> results = new ArrayList<>();
    while (accept("WHEN")) {
      SqlExpr when = or();
      conditions.add(subject == null ? when : new SqlExpr.Comparison("=", subject, when));
      expectKeyword("THEN");
      results.add(or());
    }
    if (conditions.isEmpty()) {
      throw new UnsupportedExpressionException("CASE without WHEN");
    }
    SqlExpr otherwise = accept("ELSE") ? or() : new SqlExpr.Literal(SqlType.NULL, null);
    expectKeyword("END");
    return new SqlExpr.Case(List.copyOf(conditions), List.copyOf(results), otherwise);
  }

  /** Numbers the way Spark types them: 1 int, 1L long, 1.5 decimal, 1.5D / 1e3 double, 1BD. */
  private static SqlExpr number(String text) {
    String upper = upper(text);
    try {
      if (upper.endsWith("BD")) {
        return new SqlExpr.Literal(
            SqlType.DECIMAL, new BigDecimal(upper.substring(0, upper.length() - 2)));
      }
      char suffix = upper.charAt(upper.length() - 1);
      String digits = upper.substring(0, upper.length() - 1);
      switch (suffix) {
        case 'D', 'F':
          return new SqlExpr.Literal(SqlType.FRACTIONAL, Double.parseDouble(digits));
        case 'L', 'S', 'Y':
          return new SqlExpr.Literal(SqlType.INTEGRAL, integral(digits, suffix));
        default:
          break;
      }
      if (upper.contains("E")) {
        return new SqlExpr.Literal(SqlType.FRACTIONAL, Double.parseDouble(upper));
      }
      if (upper.contains(".")) {
        return new SqlExpr.Literal(SqlType.DECIMAL, new BigDecimal(upper));
      }
      BigInteger value = new BigInteger(upper);
      if (value.bitLength() < 64) {
        return new SqlExpr.Literal(SqlType.INTEGRAL, value.longValue());
      }
      return new SqlExpr.Literal(SqlType.DECIMAL, new BigDecimal(value));
    } catch (NumberFormatException | ArithmeticException e) {
      throw new UnsupportedExpressionException("malformed or out of range number `" + text + "`");
    }
  }

  private static long integral(String digits, char suffix) {
    long value = new BigInteger(digits).longValueExact();
    long max =
        switch (suffix) {
          case 'S' -> Short.MAX_VALUE;
          case 'Y' -> Byte.MAX_VALUE;
          default -> Long.MAX_VALUE;
        };
    if (value > max) {
      throw new UnsupportedExpressionException("number `" + digits + suffix + "` is out of range");
    }
    return value;
  }

  /** {@code DATE 'yyyy-mm-dd'} and {@code TIMESTAMP 'yyyy-mm-dd[ hh:mm:ss[.ffffff]]'} (as UTC). */
  static SqlExpr.Literal datetime(String kind, String text) {
    String trimmed = text.trim();
    try {
      if (kind.equals("DATE")) {
        return new SqlExpr.Literal(SqlType.DATE, LocalDate.parse(trimmed));
      }
      LocalDateTime time =
          trimmed.length() <= 10
              ? LocalDate.parse(trimmed).atStartOfDay()
              : LocalDateTime.parse(trimmed.replace(' ', 'T'));
      long micros = time.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + time.getNano() / 1_000;
      return new SqlExpr.Literal(SqlType.TIMESTAMP, micros);
    } catch (DateTimeParseException e) {
      throw new UnsupportedExpressionException(
          kind + " literal '" + text + "' is not in a supported format (yyyy-mm-dd[ hh:mm:ss])");
    }
  }

  private static String upper(String s) {
    return s.toUpperCase(Locale.ROOT);
  }

  private Token peek() {
    return tokens.get(next);
  }

  private Token advance() {
    Token t = tokens.get(next);
    if (t.kind() != Kind.END) {
      next++;
    }
    return t;
  }

  private boolean accept(String keyword) {
    if (peek().isKeyword(keyword)) {
      advance();
      return true;
    }
    return false;
  }

  private boolean acceptSymbol(String symbol) {
    if (peek().isSymbol(symbol)) {
      advance();
      return true;
    }
    return false;
  }

  private void expectKeyword(String keyword) {
    if (!accept(keyword)) {
      throw new UnsupportedExpressionException(
          "expected " + keyword + " but found " + peek().describe());
    }
  }

  private void expectSymbol(String symbol) {
    if (!acceptSymbol(symbol)) {
      throw new UnsupportedExpressionException(
          "expected `" + symbol + "` but found " + peek().describe());
    }
  }

  private UnsupportedExpressionException unexpected() {
    Token t = peek();
    if (t.kind() == Kind.WORD && UNSUPPORTED_PREDICATES.contains(upper(t.text()))) {
      return new UnsupportedExpressionException("`" + upper(t.text()) + "` is not supported");
    }
    return new UnsupportedExpressionException("unexpected " + t.describe());
  }
}
