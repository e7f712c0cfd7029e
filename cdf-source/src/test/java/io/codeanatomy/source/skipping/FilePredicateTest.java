package io.codeanatomy.source.skipping;

import static org.assertj.core.api.Assertions.assertThat;

import io.codeanatomy.source.skipping.FilePredicate.Compare;
import io.codeanatomy.source.skipping.FilePredicate.IsNull;
import io.codeanatomy.source.skipping.FilePredicate.Op;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class FilePredicateTest {
  static final FileStats STATS =
      FileStats.parse(
          "{\"numRecords\":10,\"minValues\":{\"n\":100,\"s\":\"b\",\"long\":\"aaaa\"},"
              + "\"maxValues\":{\"n\":199,\"s\":\"m\",\"long\":\""
              + "z".repeat(32)
              + "\"},\"nullCount\":{\"n\":0,\"s\":10}}");

  static Compare n(Op op, long v) {
    return new Compare("n", op, BigDecimal.valueOf(v));
  }

  @Test
  void numericBoundsRuleOutFilesOnlyWhenNoRowCanMatch() {
    assertThat(n(Op.EQ, 150).mightMatch(STATS)).isTrue();
    assertThat(n(Op.EQ, 200).mightMatch(STATS)).isFalse();
    assertThat(n(Op.LT, 100).mightMatch(STATS)).isFalse();
    assertThat(n(Op.LE, 100).mightMatch(STATS)).isTrue();
    assertThat(n(Op.GT, 199).mightMatch(STATS)).isFalse();
    assertThat(n(Op.GE, 199).mightMatch(STATS)).isTrue();
  }

  @Test
  void aStringMaximumThatMayBeTruncatedIsNoBound() {
    assertThat(new Compare("s", Op.GT, "m").mightMatch(STATS)).isFalse();
    assertThat(new Compare("long", Op.GT, "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz").mightMatch(STATS))
        .isTrue();
    assertThat(new Compare("long", Op.LT, "a").mightMatch(STATS)).isFalse();
  }

  @Test
  void unknownStatisticsNeverSkip() {
    assertThat(n(Op.EQ, -5).mightMatch(FileStats.parse(null))).isTrue();
    assertThat(new Compare("missing", Op.EQ, "x").mightMatch(STATS)).isTrue();
    assertThat(new IsNull("missing", false).mightMatch(STATS)).isTrue();
  }

  @Test
  void nullCountsDecideIsNullAndIsNotNull() {
    assertThat(new IsNull("n", false).mightMatch(STATS)).isFalse();
    assertThat(new IsNull("n", true).mightMatch(STATS)).isTrue();
    assertThat(new IsNull("s", true).mightMatch(STATS)).isFalse();
  }

  @Test
  void andNeedsBothOrNeedsEither() {
    assertThat(new FilePredicate.And(n(Op.EQ, 150), n(Op.EQ, 500)).mightMatch(STATS)).isFalse();
    assertThat(new FilePredicate.Or(n(Op.EQ, 150), n(Op.EQ, 500)).mightMatch(STATS)).isTrue();
  }

  @Test
  void rowGroupPredicatesAreNeverStrongerThanTheFilter() {
    assertThat(n(Op.GE, 7).toRowGroupPredicate())
        .hasValueSatisfying(p -> assertThat(p.toString()).isEqualTo("(column(`n`) >= 7)"));
    assertThat(new Compare("s", Op.EQ, "b").toRowGroupPredicate().map(Object::toString))
        .hasValue("(column(`s`) = b)");
    assertThat(new IsNull("s", true).toRowGroupPredicate()).isPresent();
    // A fraction has no exact integer literal: left out rather than rounded the wrong way.
    Compare fraction = new Compare("n", Op.GT, new BigDecimal("2.5"));
    assertThat(fraction.toRowGroupPredicate()).isEmpty();
    // A conjunction keeps the part that translates; a disjunction needs both.
    assertThat(
            new FilePredicate.And(fraction, n(Op.LT, 9))
                .toRowGroupPredicate()
                .map(Object::toString))
        .hasValue("(column(`n`) < 9)");
    assertThat(new FilePredicate.Or(fraction, n(Op.LT, 9)).toRowGroupPredicate()).isEmpty();
    assertThat(new FilePredicate.Or(n(Op.GT, 1), n(Op.LT, 9)).toRowGroupPredicate()).isPresent();
  }
}
