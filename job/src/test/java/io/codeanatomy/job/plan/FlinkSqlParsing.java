package io.codeanatomy.job.plan;

import org.apache.calcite.config.Lex;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.flink.sql.parser.impl.FlinkSqlParserImpl;
import org.apache.flink.sql.parser.validate.FlinkSqlConformance;

/** Parses text with Flink's own SQL parser, configured as the Table planner configures it. */
final class FlinkSqlParsing {
  private static final SqlParser.Config CONFIG =
      SqlParser.config()
          .withParserFactory(FlinkSqlParserImpl.FACTORY)
          .withConformance(FlinkSqlConformance.DEFAULT)
          .withLex(Lex.JAVA)
          .withIdentifierMaxLength(256);

  private FlinkSqlParsing() {}

  /** Null when {@code sql} parses as a query, else the parser's message. */
  static String parses(String sql) {
    try {
      SqlParser.create(sql, CONFIG).parseQuery();
      return null;
    } catch (SqlParseException e) {
      return e.getMessage();
    }
  }
}
