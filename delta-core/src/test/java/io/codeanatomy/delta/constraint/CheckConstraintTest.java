package io.codeanatomy.delta.constraint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Parses and evaluates constraint expressions on one row; each case states the value Spark gives
 * (TRUE, FALSE or NULL), so the three-valued logic is pinned as well as the operators.
 */
class CheckConstraintTest {
  static final StructType LOC =
      new StructType().add("line", IntegerType.INTEGER).add("col", IntegerType.INTEGER);
  static final StructType SCHEMA =
      new StructType()
          .add("id", StringType.STRING)
          .add("n", IntegerType.INTEGER)
          .add("big", LongType.LONG)
          .add("score", DoubleType.DOUBLE)
          .add("price", new DecimalType(10, 2))
          .add("flag", BooleanType.BOOLEAN)
          .add("day", DateType.DATE)
          .add("at", TimestampType.TIMESTAMP)
          .add("nothing", IntegerType.INTEGER)
          .add("loc", LOC)
          .add("odd name", StringType.STRING)
          .add("tags", new ArrayType(StringType.STRING, true));

  /** id='It''s', n=5, big=10^12, score=2.5, price=19.99, flag=true, day=2024-03-01, ... */
  static final Object[] ROW = {
    "It's",
    5,
    1_000_000_000_000L,
    2.5,
    new BigDecimal("19.99"),
    true,
    (int) LocalDate.of(2024, 3, 1).toEpochDay(),
    LocalDate.of(2024, 3, 1).toEpochDay() * 86_400_000_000L + 3_600_000_000L, // 01:00 UTC
    null,
    new Object[] {3, 4},
    "x",
    List.of("a")
  };

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        // comparisons, all spellings
        "n > 0                                   | TRUE",
        "n = 5                                   | TRUE",
        "n == 5                                  | TRUE",
        "n <> 5                                  | FALSE",
        "n != 4                                  | TRUE",
        "n <= 5 AND n >= 5 AND n < 6             | TRUE",
        "0 < n                                   | TRUE",
        // null-safe equality and NULL comparisons
        "nothing <=> NULL                        | TRUE",
        "n <=> NULL                              | FALSE",
        "nothing = NULL                          | NULL",
        "nothing > 0                             | NULL",
        // three-valued AND / OR / NOT
        "nothing > 0 AND n > 100                 | FALSE",
        "nothing > 0 AND n > 0                   | NULL",
        "nothing > 0 OR n > 0                    | TRUE",
        "nothing > 0 OR n > 100                  | NULL",
        "NOT (nothing > 0)                       | NULL",
        "NOT n > 100                             | TRUE",
        "n > 100 OR n = 5 AND id IS NOT NULL     | TRUE",
        // IS [NOT] NULL, on structs and arrays too
        "nothing IS NULL                         | TRUE",
        "loc IS NOT NULL AND tags IS NOT NULL    | TRUE",
        // IN with three-valued logic
        "n IN (1, 5, 9)                          | TRUE",
        "n NOT IN (1, 2)                         | TRUE",
        "n IN (1, NULL)                          | NULL",
        "n IN (5, NULL)                          | TRUE",
        "n NOT IN (1, NULL)                      | NULL",
        "nothing IN (1, 2)                       | NULL",
        "id IN ('It''s', 'other')                | TRUE",
        // BETWEEN
        "n BETWEEN 1 AND 5                       | TRUE",
        "n NOT BETWEEN 1 AND 5                   | FALSE",
        "score BETWEEN 2 AND 3                   | TRUE",
        // arithmetic and unary minus; integer division gives a double
        "n + 1 = 6 AND n - 6 = -1 AND n * 2 = 10 | TRUE",
        "n / 2 = 2.5                             | TRUE",
        "n % 3 = 2                               | TRUE",
        "-n < 0 AND -(n - 10) = 5                | TRUE",
        "n / 0 IS NULL                           | TRUE",
        "n % 0 IS NULL                           | TRUE",
        "(n + nothing) IS NULL                   | TRUE",
        "big > 2147483647                        | TRUE",
        "big = 1000000000000L                    | TRUE",
        // decimals and doubles, mixed
        "price > 19.98 AND price < 20            | TRUE",
        "price = 19.99BD                         | TRUE",
        "price * 2 = 39.98                       | TRUE",
        "score = 2.5D AND score > 2              | TRUE",
        "score * 2 = 5                           | TRUE",
        "score < 1e1                             | TRUE",
        // strings: escapes, functions
        "id = 'It''s'                            | TRUE",
        "id = 'It\\'s'                           | TRUE",
        "length(id) = 4 AND LENGTH(id) > 3       | TRUE",
        "char_length('héllo') = 5                | TRUE",
        "lower(id) = 'it''s' AND upper(id) = 'IT''S' | TRUE",
        "id > 'Is' AND id < 'J'                  | TRUE",
        // booleans
        "flag                                    | TRUE",
        "flag = TRUE AND NOT flag = FALSE        | TRUE",
        // dates and timestamps
        "day = DATE '2024-03-01'                 | TRUE",
        "day >= '2024-01-01'                     | TRUE",
        "day < DATE '2024-03-01'                 | FALSE",
        "at > TIMESTAMP '2024-03-01 00:30:00'    | TRUE",
        "at < TIMESTAMP '2024-03-01 01:00:00.000001' | TRUE",
        "at >= day                               | TRUE",
        // nested fields and backticks
        "loc.line = 3 AND loc.col > loc.line     | TRUE",
        "`loc`.`col` = 4                         | TRUE",
        "`odd name` = 'x'                        | TRUE",
        "LOC.LINE = 3                            | TRUE",
        // COALESCE and CASE
        "coalesce(nothing, n) = 5                | TRUE",
        "coalesce(nothing, NULL) IS NULL         | TRUE",
        "coalesce(nothing, score) = 2.5          | TRUE",
        "nvl(nothing, 1) = 1 AND ifnull(n, 0) = 5 | TRUE",
        "CASE WHEN n > 3 THEN 'big' ELSE 'small' END = 'big' | TRUE",
        "CASE WHEN nothing > 3 THEN 1 END IS NULL | TRUE",
        "CASE n WHEN 1 THEN FALSE WHEN 5 THEN TRUE END | TRUE",
        "CASE WHEN n > 3 THEN nothing > 0 ELSE TRUE END | NULL",
        "NULL                                    | NULL",
      })
  void evaluatesAsSparkDoes(String expression, String expected) {
    CheckConstraint check = CheckConstraint.of("c", expression, SCHEMA);

    Object result = check.evaluate(ROW);

    assertThat(result == null ? "NULL" : result.toString().toUpperCase())
        .as(expression)
        .isEqualTo(expected);
    // Delta accepts a row only when the expression is TRUE: NULL violates.
    assertThat(check.accepts(ROW)).isEqualTo(expected.equals("TRUE"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = ';',
      value = {
        "id LIKE 'a%' ; `LIKE` is not supported",
        "substring(id, 1, 2) = 'It' ; function `substring` is not supported",
        "CAST(n AS STRING) = '5' ; `CAST` is not supported",
        "id = 5 ; comparison `=` between STRING and INTEGRAL",
        "missing > 0 ; column `missing` does not exist",
        "loc.missing > 0 ; column `loc.missing` does not exist",
        "n.x > 0 ; `n` is not a struct column",
        "tags[0] = 'a' ; element access `[` on `tags`",
        "n + 1 ; the expression is of type INTEGRAL, not BOOLEAN",
        "n > (SELECT 1) ; subqueries are not supported",
        "id || 'x' = 'y' ; string concatenation `||` is not supported",
        "n IS TRUE ; `IS TRUE` is not supported",
        "length(n) = 1 ; length of INTEGRAL is not supported",
        "n > 0 AND ; the expression ends too early",
        "(n > 0 ; expected `)` but found the end",
        "id = 'open ; unterminated string",
        "n > 0 n < 1 ; unexpected `n` at offset 6",
        "CASE WHEN n > 0 THEN 'a' ELSE 1 END = 'a' ; CASE mixes STRING and INTEGRAL",
        "tags = tags ; comparison `=` between OTHER and OTHER",
        "big < 99999999999999999999L ; out of range number",
      })
  void refusesWhatItCannotEvaluateExactly(String expression, String message) {
    assertThatThrownBy(() -> CheckConstraint.of("c", expression, SCHEMA))
        .isInstanceOf(UnsupportedExpressionException.class)
        .hasMessageContaining(message);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {"big * big > 0", "-(big * 1000000) * 9223372 > 0"})
  void integerOverflowFailsRatherThanWraps(String expression) {
    CheckConstraint check = CheckConstraint.of("c", expression, SCHEMA);

    assertThatThrownBy(() -> check.evaluate(ROW)).isInstanceOf(ArithmeticException.class);
  }
}
