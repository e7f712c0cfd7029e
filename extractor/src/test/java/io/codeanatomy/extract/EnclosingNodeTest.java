package io.codeanatomy.extract;

import static io.codeanatomy.extract.ExtractionTables.AST_NODES;
import static io.codeanatomy.extract.ExtractionTables.CALLS;
import static io.codeanatomy.extract.ExtractionTables.DEFS;
import static io.codeanatomy.extract.ExtractionTables.NAME_REFS;
import static io.codeanatomy.extract.ExtractionTables.PARAMS;
import static io.codeanatomy.extract.ExtractionTables.SCOPES;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code enclosing_node_id} of calls, name references and scopes: the nearest entity node above, in
 * the shape of CPython's {@code ast} (a default value belongs to the function, an annotation to its
 * parameter, a decorator's expression to the decorator).
 */
class EnclosingNodeTest {
  @TempDir static Path repo;
  static Extraction extraction;

  static final String SOURCE =
      """
      import functools

      @functools.wraps(len)
      def f(a: int = g(h), *, k=lambda z: z):
          return [print(a) for _ in range(2)]
      """;

  @BeforeAll
  static void extract() throws IOException {
    Samples.write(repo, "m.py", SOURCE);
    extraction = new PythonExtractor().extract(repo);
  }

  private static Table table(String name) {
    return Table.of(extraction, name);
  }

  private static Object ref(String name) {
    return table(NAME_REFS).where("name", name).one("enclosing_node_id");
  }

  private static Object callEnclosing(String calleeText) {
    return table(CALLS).where("callee_text", calleeText).one("enclosing_node_id");
  }

  private static Object callId(String calleeText) {
    return table(CALLS).where("callee_text", calleeText).one("call_id");
  }

  @Test
  void namesTheNearestEntityAbove() {
    Object function = table(DEFS).where("qualname", "m.f").one("node_id");
    Object decorator = table(AST_NODES).where("kind", "decorator").one("node_id");
    Object paramA = table(PARAMS).where("name", "a").one("node_id");
    Table scopes = table(SCOPES);
    Object module = scopes.where("kind", "MODULE").one("node_id");
    Object lambda = scopes.where("kind", "LAMBDA").one("node_id");

    assertThat(ref("functools"))
        .as("the callee is part of the call")
        .isEqualTo(callId("functools.wraps"));
    assertThat(callEnclosing("functools.wraps")).isEqualTo(decorator);
    assertThat(ref("len")).isEqualTo(callId("functools.wraps"));
    assertThat(ref("int")).as("an annotation belongs to its parameter").isEqualTo(paramA);
    assertThat(callEnclosing("g")).as("a default belongs to the function").isEqualTo(function);
    assertThat(ref("h")).isEqualTo(callId("g"));
    assertThat(scopes.where("kind", "LAMBDA").one("enclosing_node_id")).isEqualTo(function);
    assertThat(ref("z")).isEqualTo(lambda);
    assertThat(callEnclosing("print")).as("comprehensions are looked through").isEqualTo(function);
    assertThat(table(NAME_REFS).where("name", "a").one("enclosing_node_id"))
        .isEqualTo(callId("print"));
    assertThat(scopes.where("qualname", "m.f").one("enclosing_node_id"))
        .as("a decorated def sits in its module")
        .isEqualTo(module);
    assertThat(scopes.where("kind", "MODULE").one("enclosing_node_id")).isNull();
  }
}
