package io.codeanatomy.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.codeanatomy.spec.expr.CaseWhen;
import io.codeanatomy.spec.expr.ColumnRef;
import io.codeanatomy.spec.expr.Expr;
import io.codeanatomy.spec.expr.ExprJson;
import io.codeanatomy.spec.expr.ExprSyntaxException;
import io.codeanatomy.spec.expr.Literal;
import io.codeanatomy.spec.expr.StructOf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExprJsonTest {
  private static final YAMLMapper YAML = new YAMLMapper();

  private static Expr parse(String yaml) throws Exception {
    return ExprJson.parse(YAML.readTree(yaml));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{col: x}",
        "{lit: 1.5, type: DOUBLE}",
        "{lit: null, type: STRING}",
        "{call: concat, args: [{col: a}, '.', {col: b}]}",
        "{eq: [{col: a}, 1]}",
        "{ge: [{col: a}, 2]}",
        "{and: [true, {or: [{col: p}, {not: {col: q}}]}]}",
        "{is_null: {col: a}}",
        "{is_not_null: {col: a}}",
        "{add: [{col: a}, 1]}",
        "{in: {expr: {col: k}, values: [A, B]}}",
        "{case: {when: [{if: {col: p}, then: 1}], else: 2}}",
        "{cast: {expr: {col: a}, type: STRING}}",
        "{struct: {start_line: {col: l}, start_col: 0}}",
        "{map: {is_async: {col: a}}}",
        "{array: [{col: a}, {col: b}]}",
        "{coalesce: [{col: a}, '']}"
      })
  void everyForm_roundTrips(String yaml) throws Exception {
    Expr expr = parse(yaml);
    JsonNode written = ExprJson.write(expr);
    assertThat(ExprJson.parse(written)).isEqualTo(expr);
  }

  @Test
  void bareScalars_areLiterals() throws Exception {
    assertThat(parse("'x'")).isEqualTo(new Literal("x", null));
    assertThat(parse("3")).isEqualTo(new Literal(3L, null));
    assertThat(((Literal) parse("3")).effectiveType()).isEqualTo("INT NOT NULL");
    assertThat(((Literal) parse("3000000000")).effectiveType()).isEqualTo("BIGINT NOT NULL");
    assertThat(parse("{col: x}")).isEqualTo(new ColumnRef("x"));
  }

  @Test
  void structKeepsFieldOrder() throws Exception {
    StructOf s = (StructOf) parse("{struct: {b: 1, a: 2}}");
    assertThat(s.fields()).extracting(f -> f.name()).containsExactly("b", "a");
    CaseWhen c = (CaseWhen) parse("{case: {when: [{if: true, then: 1}, {if: false, then: 2}]}}");
    assertThat(c.otherwise()).isNull();
  }

  @Test
  void malformed_reportsTheRelativePath() {
    assertThatThrownBy(() -> parse("{and: [{col: a}, {eq: [{col: b}]}]}"))
        .isInstanceOfSatisfying(
            ExprSyntaxException.class,
            e -> {
              assertThat(e.relativePath()).isEqualTo("and[1].eq");
              assertThat(e.getMessage()).contains("exactly two operands");
            });
    assertThatThrownBy(() -> parse("{case: {when: [{if: true, than: 1}]}}"))
        .isInstanceOfSatisfying(
            ExprSyntaxException.class,
            e -> assertThat(e.relativePath()).isEqualTo("case.when[0].than"));
    assertThatThrownBy(() -> parse("{col: a, lit: 1}"))
        .hasMessageContaining("unknown field 'col' here");
    assertThatThrownBy(() -> parse("[1, 2]")).hasMessageContaining("found a list");
  }
}
