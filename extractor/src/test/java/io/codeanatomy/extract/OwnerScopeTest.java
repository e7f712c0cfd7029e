package io.codeanatomy.extract;

import static io.codeanatomy.extract.ExtractionTables.SCOPES;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scopes.owner_scope_id}: the nearest scope at or above that is not a comprehension, at any
 * depth of nested comprehensions, so the CPG finds a comprehension's node with one equi-join.
 */
class OwnerScopeTest {
  @TempDir static Path repo;
  static Table scopes;

  static final String SOURCE =
      """
      class C:
          rows = [[{k: (lambda v: v)(k) for k in r} for r in t] for t in ()]

      def f(grid):
          return [[sum(x for x in row if ok(x)) for row in plane] for plane in grid]
      """;

  @BeforeAll
  static void extract() throws IOException {
    Samples.write(repo, "m.py", SOURCE);
    scopes = Table.of(new PythonExtractor().extract(repo), SCOPES);
  }

  private static Object id(String qualname) {
    return scopes.where("qualname", qualname).one("scope_id");
  }

  private static Object owner(String qualname) {
    return scopes.where("qualname", qualname).one("owner_scope_id");
  }

  @Test
  void scopesWithANodeOwnThemselves() {
    for (String qualname :
        new String[] {"m", "m.C", "m.f", "m.C.<listcomp>.<listcomp>.<dictcomp>.<lambda>"}) {
      assertThat(owner(qualname)).as(qualname).isEqualTo(id(qualname));
    }
  }

  @Test
  void comprehensionsAreOwnedByTheNearestScopeAboveThemAtAnyDepth() {
    assertThat(owner("m.f.<locals>.<listcomp>")).isEqualTo(id("m.f"));
    assertThat(owner("m.f.<locals>.<listcomp>.<listcomp>")).isEqualTo(id("m.f"));
    assertThat(owner("m.f.<locals>.<listcomp>.<listcomp>.<genexpr>")).isEqualTo(id("m.f"));
    assertThat(owner("m.C.<listcomp>.<listcomp>.<dictcomp>")).isEqualTo(id("m.C"));
  }
}
