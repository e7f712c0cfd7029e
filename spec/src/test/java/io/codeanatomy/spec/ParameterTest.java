package io.codeanatomy.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.codeanatomy.spec.expr.Literal;
import io.codeanatomy.spec.expr.Parameter;
import io.codeanatomy.spec.view.FilterView;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Typed positional parameters: declaration checks, {@code {param: n}} references, binding. */
class ParameterTest {
  private static final String WHERE = "where: {is_not_null: {col: module}}";

  /** BASE with a parameterised filter and the given {@code parameters:} block. */
  private static String spec(String parameters, String where) {
    return SpecFixtures.edit(WHERE, where) + parameters;
  }

  private static final String TWO =
      """
      parameters:
        - {position: 1, type: STRING, name: module_prefix}
        - {position: 2, type: INT}
      """;

  private static final String USES_BOTH =
      "where: {and: [{eq: [{col: module}, {param: 1}]},"
          + " {gt: [{call: char_length, args: [{col: path}]}, {param: 2}]}]}";

  private static SpecException failure(String yaml) {
    Spec spec = SpecFixtures.read(yaml);
    try {
      SpecValidator.validate(spec);
    } catch (SpecException e) {
      return e;
    }
    throw new AssertionError("expected a SpecException");
  }

  @Test
  void parametersParse_roundTrip_andValidate() {
    Spec spec = SpecFixtures.read(spec(TWO, USES_BOTH));
    assertThat(spec.parameters())
        .containsExactly(
            new ParameterSpec(1, "STRING", "module_prefix"), new ParameterSpec(2, "INT", null));
    FilterView f = (FilterView) spec.views().get(1);
    assertThat(f.where().children().get(0).expr().children().get(1).expr())
        .isEqualTo(new Parameter(1));
    SpecValidator.validate(spec);
    assertThat(SpecHash.canonicalJson(spec)).contains("\"param\":1");
    Spec again = SpecLoader.parse(SpecHash.canonicalJson(spec), SpecLoader.Format.JSON, null);
    assertThat(SpecHash.sha256(again)).isEqualTo(SpecHash.sha256(spec));
  }

  @Test
  void specWithoutParameters_keepsItsHash() {
    assertThat(SpecHash.canonicalJson(SpecFixtures.read(SpecFixtures.BASE)))
        .doesNotContain("parameters");
  }

  @Test
  void positionsMustBeContiguousFromOne() {
    SpecException e =
        failure(
            spec(
                """
                parameters:
                  - {position: 1, type: STRING}
                  - {position: 3, type: INT}
                """,
                "where: {eq: [{col: module}, {param: 1}]}"));
    assertThat(e.problems())
        .anySatisfy(
            p -> {
              assertThat(p.path()).isEqualTo("parameters");
              assertThat(p.message()).contains("2 is missing");
            });
  }

  @Test
  void duplicatePositions_andBadTypes_havePaths() {
    SpecException e =
        failure(
            spec(
                """
                parameters:
                  - {position: 1, type: STRING}
                  - {position: 1, type: INT}
                  - {position: 2, type: 'ARRAY<INT>'}
                  - {position: 0, type: INT}
                """,
                "where: {eq: [{col: module}, {param: 1}]}"));
    assertThat(e.problems())
        .extracting(SpecProblem::path)
        .contains("parameters[1].position", "parameters[2].type", "parameters[3].position");
    assertThat(e.getMessage()).contains("duplicate parameter position 1 (also at parameters[0])");
  }

  @Test
  void unknownParameter_isReportedWhereItIsUsed() {
    SpecException e = failure(spec(TWO, "where: {eq: [{col: module}, {param: 3}]}"));
    assertThat(e.path()).isEqualTo("views[1].where.eq[1].param");
    assertThat(e.getMessage()).contains("unknown parameter 3").contains("[1, 2]");
  }

  @Test
  void malformedPlaceholder_isASyntaxError() {
    assertThatThrownBy(
            () -> SpecFixtures.read(spec(TWO, "where: {eq: [{col: module}, {param: x}]}")))
        .isInstanceOfSatisfying(
            SpecException.class, e -> assertThat(e.path()).endsWith("where.eq[1].param"));
  }

  @Test
  void binding_typeChecksValues() {
    Spec spec = SpecFixtures.read(spec(TWO, USES_BOTH));
    Map<Integer, Literal> bound = ParameterBinding.bind(spec, List.of("pkg.app", 3));
    assertThat(bound)
        .containsEntry(1, new Literal("pkg.app", "STRING"))
        .containsEntry(2, new Literal(3L, "INT"));
    assertThatThrownBy(() -> ParameterBinding.bind(spec, List.of("pkg.app", "three")))
        .isInstanceOfSatisfying(
            SpecException.class,
            e -> {
              assertThat(e.path()).isEqualTo("parameters[1]");
              assertThat(e.getMessage()).contains("parameter 2 is INT").contains("three");
            });
    assertThatThrownBy(() -> ParameterBinding.bind(spec, List.of("x", 5_000_000_000L)))
        .isInstanceOf(SpecException.class);
    assertThatThrownBy(() -> ParameterBinding.bind(spec, List.of("x")))
        .isInstanceOfSatisfying(
            SpecException.class, e -> assertThat(e.path()).isEqualTo("parameters"));
    assertThat(ParameterBinding.bind(spec, Arrays.asList(null, 1)))
        .containsEntry(1, new Literal(null, "STRING"));
  }
}
