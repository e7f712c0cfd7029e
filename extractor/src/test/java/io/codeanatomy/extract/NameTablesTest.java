package io.codeanatomy.extract;

import static io.codeanatomy.extract.ExtractionTables.CALLS;
import static io.codeanatomy.extract.ExtractionTables.CALL_ARGS;
import static io.codeanatomy.extract.ExtractionTables.DEFS;
import static io.codeanatomy.extract.ExtractionTables.NAME_REFS;
import static io.codeanatomy.extract.ExtractionTables.PARAMS;
import static io.codeanatomy.extract.ExtractionTables.SCOPES;
import static io.codeanatomy.extract.ExtractionTables.SYMBOLS;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code symbols}, {@code params}, {@code name_refs} and {@code call_args} on small sources. */
class NameTablesTest {
  @TempDir static Path repo;
  static Extraction extraction;

  static final String SOURCE =
      """
      import os

      limit = 10

      def outer(a, /, b: int = 1, *args, c, d=limit, **kw) -> str:
          total = a
          def inner():
              nonlocal total
              total += b
              return len(os.sep) + missing
          return inner

      class K:
          def m(self):
              return super().m()

      lambda x, *, y=2: x + y
      outer(1, *[2], c=3, **{})
      print(x for x in range(3))
      """;

  @BeforeAll
  static void extract() throws IOException {
    Samples.write(repo, "m.py", SOURCE);
    extraction = new PythonExtractor().extract(repo);
  }

  private static Table table(String name) {
    return Table.of(extraction, name);
  }

  private static Object scopeId(String qualname) {
    return table(SCOPES).where("qualname", qualname).one("scope_id");
  }

  @Test
  void symbolsCarryCpythonFlagsAndBindingScopes() {
    Table symbols = table(SYMBOLS);
    Object[] total = symbols.where("scope_id", scopeId("m.outer")).where("name", "total").single();
    assertThat(symbols.get(total, "is_cell")).isEqualTo(true);
    assertThat(symbols.get(total, "is_local")).isEqualTo(true);
    assertThat(symbols.get(total, "is_assigned")).isEqualTo(true);
    Object[] inInner =
        symbols
            .where("scope_id", scopeId("m.outer.<locals>.inner"))
            .where("name", "total")
            .single();
    assertThat(symbols.get(inInner, "is_free")).isEqualTo(true);
    assertThat(symbols.get(inInner, "is_nonlocal")).isEqualTo(true);
    assertThat(symbols.get(inInner, "binding_scope_id")).isEqualTo(scopeId("m.outer"));
    Object[] os = symbols.where("scope_id", scopeId("m")).where("name", "os").single();
    assertThat(symbols.get(os, "is_imported")).isEqualTo(true);
    Object[] param = symbols.where("scope_id", scopeId("m.outer")).where("name", "b").single();
    assertThat(symbols.get(param, "is_param")).isEqualTo(true);
    assertThat(symbols.get(param, "is_cell")).isEqualTo(true);
    Object[] classCell =
        symbols.where("scope_id", scopeId("m.K.m")).where("name", "__class__").single();
    assertThat(symbols.get(classCell, "is_free")).isEqualTo(true);
    assertThat(symbols.get(classCell, "binding_scope_id")).isEqualTo(scopeId("m.K"));
  }

  @Test
  void nameRefsResolveToTheirBindingScope() {
    Table refs = table(NAME_REFS);
    Table inInner = refs.where("scope_id", scopeId("m.outer.<locals>.inner"));
    assertThat(inInner.where("name", "b").one("binding_scope_id")).isEqualTo(scopeId("m.outer"));
    assertThat(inInner.where("name", "b").one("resolution")).isEqualTo("ENCLOSING");
    assertThat(inInner.where("name", "os").one("binding_scope_id")).isEqualTo(scopeId("m"));
    assertThat(inInner.where("name", "os").one("resolution")).isEqualTo("GLOBAL");
    assertThat(inInner.where("name", "len").one("resolution")).isEqualTo("BUILTIN");
    assertThat(inInner.where("name", "len").one("binding_scope_id")).isNull();
    assertThat(inInner.where("name", "missing").one("resolution")).isEqualTo("UNRESOLVED");
    assertThat(inInner.where("name", "total").one("ctx")).isEqualTo("STORE");
    Table inOuter = refs.where("scope_id", scopeId("m.outer"));
    assertThat(inOuter.where("name", "total").one("resolution")).isEqualTo("LOCAL");
    // a default is evaluated in the enclosing scope
    assertThat(refs.where("name", "limit").column("scope_id")).containsOnly(scopeId("m"));
    // attribute names, keywords, parameters and def names are not name references
    assertThat(refs.column("name")).doesNotContain("sep", "outer.c", "self", "inner_def");
    assertThat(refs.where("name", "c").rows()).isEmpty();
  }

  @Test
  void paramsHaveKindsDefaultsAndAnnotations() {
    Object defId = table(DEFS).where("qualname", "m.outer").one("def_id");
    Table params = table(PARAMS).where("def_id", defId);
    assertThat(params.column("name")).containsExactly("a", "b", "args", "c", "d", "kw");
    assertThat(params.column("index")).containsExactly(0, 1, 2, 3, 4, 5);
    assertThat(params.column("kind"))
        .containsExactly(
            "POSITIONAL_ONLY",
            "POSITIONAL_OR_KEYWORD",
            "VAR_POSITIONAL",
            "KEYWORD_ONLY",
            "KEYWORD_ONLY",
            "VAR_KEYWORD");
    assertThat(params.column("default_text")).containsExactly(null, "1", null, null, "limit", null);
    assertThat(params.column("annotation_text"))
        .containsExactly(null, "int", null, null, null, null);
    Table lambda = table(PARAMS).where("scope_id", scopeId("m.<lambda>"));
    assertThat(lambda.column("def_id")).containsOnlyNulls();
    assertThat(lambda.column("kind")).containsExactly("POSITIONAL_OR_KEYWORD", "KEYWORD_ONLY");
  }

  @Test
  void callArgsListEveryArgument() {
    Object callId = table(CALLS).where("callee_text", "outer").one("call_id");
    Table args = table(CALL_ARGS).where("call_id", callId);
    assertThat(args.column("index")).containsExactly(0, 1, 2, 3);
    assertThat(args.column("keyword")).containsExactly(null, null, "c", null);
    assertThat(args.column("is_star")).containsExactly(false, true, false, false);
    assertThat(args.column("is_double_star")).containsExactly(false, false, false, true);
    assertThat(args.column("value_text")).containsExactly("1", "[2]", "3", "{}");
    assertThat(args.column("value_node_id")).doesNotContainNull();
    Object printId = table(CALLS).where("callee_text", "print").one("call_id");
    assertThat(table(CALL_ARGS).where("call_id", printId).column("value_text"))
        .isEqualTo(List.of("(x for x in range(3))"));
  }
}
