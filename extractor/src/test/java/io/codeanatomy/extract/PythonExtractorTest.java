package io.codeanatomy.extract;

import static io.codeanatomy.extract.ExtractionTables.AST_NODES;
import static io.codeanatomy.extract.ExtractionTables.CALLS;
import static io.codeanatomy.extract.ExtractionTables.DEFS;
import static io.codeanatomy.extract.ExtractionTables.FILES;
import static io.codeanatomy.extract.ExtractionTables.IMPORTS;
import static io.codeanatomy.extract.ExtractionTables.PARSE_ERRORS;
import static io.codeanatomy.extract.ExtractionTables.SCOPES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.codeanatomy.udf.id.StableId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PythonExtractorTest {
  @TempDir static Path repo;
  static Extraction extraction;

  @BeforeAll
  static void extract() throws IOException {
    Samples.writeRepo(repo);
    extraction = new PythonExtractor().extract(repo);
  }

  private static Table table(String name) {
    return Table.of(extraction, name);
  }

  private static String fileId(String path) {
    return StableId.fileId(path);
  }

  @Test
  void filesAreListedWithModulesHashesAndLineCounts() throws IOException {
    Table files = table(FILES);
    assertThat(files.column("path"))
        .containsExactly(
            "pkg/__init__.py",
            "pkg/mod.py",
            "pkg/sib.py",
            "pkg/sub/__init__.py",
            "pkg/sub/deep.py",
            "redefined.py");
    Object[] mod = files.where("path", "pkg/mod.py").single();
    assertThat(files.get(mod, "file_id")).isEqualTo(fileId("pkg/mod.py"));
    assertThat(files.get(mod, "module")).isEqualTo("pkg.mod");
    assertThat(files.get(mod, "is_package")).isEqualTo(false);
    assertThat(files.get(mod, "parse_ok")).isEqualTo(true);
    assertThat(files.get(mod, "error")).isNull();
    byte[] bytes = Files.readAllBytes(repo.resolve("pkg/mod.py"));
    assertThat(files.get(mod, "size_bytes")).isEqualTo((long) bytes.length);
    assertThat(files.get(mod, "line_count")).isEqualTo((int) Samples.MOD.lines().count());
    assertThat((String) files.get(mod, "content_hash")).hasSize(64);
    assertThat(files.where("path", "pkg/__init__.py").one("module")).isEqualTo("pkg");
    assertThat(files.where("path", "pkg/__init__.py").one("is_package")).isEqualTo(true);
    assertThat(files.where("path", "pkg/sub/__init__.py").one("line_count")).isEqualTo(0);
    assertThat(table(PARSE_ERRORS).rows()).isEmpty();
  }

  @Test
  void defsFollowPythonQualnames() {
    Table defs = table(DEFS).where("file_id", fileId("pkg/mod.py"));
    assertThat(defs.column("qualname"))
        .containsExactlyInAnyOrder(
            "pkg.mod.deco",
            "pkg.mod.decorated",
            "pkg.mod.Base",
            "pkg.mod.Child",
            "pkg.mod.Child.method",
            "pkg.mod.Child.method.<locals>.inner",
            "pkg.mod.Child.amethod",
            "pkg.mod.Child.smethod",
            "pkg.mod.top",
            "pkg.mod.outer",
            "pkg.mod.outer.<locals>.Local",
            "pkg.mod.outer.<locals>.Local.m",
            "pkg.mod.declares",
            "pkg.mod.promoted");
    assertThat(defs.where("name", "Child").one("kind")).isEqualTo("CLASS");
    assertThat(defs.where("name", "top").one("kind")).isEqualTo("FUNCTION");
  }

  @Test
  void decoratedDefinitionsStartAtTheDefKeyword() {
    Object[] d = table(DEFS).where("qualname", "pkg.mod.decorated").single();
    Table defs = table(DEFS);
    int defLine = lineOf(Samples.MOD, "def decorated");
    assertThat(defs.get(d, "start_line")).isEqualTo(defLine);
    assertThat(defs.get(d, "start_col")).isEqualTo(0);
    assertThat(defs.get(d, "bstart")).isEqualTo(Samples.MOD.indexOf("def decorated"));
    assertThat(defs.get(d, "decorators"))
        .isEqualTo(List.of("deco", "functools.lru_cache(maxsize=None)"));
    assertThat(defs.get(d, "bases")).isEqualTo(List.of());
    assertThat(defs.get(d, "is_async")).isEqualTo(false);
    Object[] s = defs.where("qualname", "pkg.mod.Child.smethod").single();
    assertThat(defs.get(s, "decorators")).isEqualTo(List.of("staticmethod"));
    assertThat(defs.get(s, "start_col")).isEqualTo(4);
  }

  @Test
  void asyncFunctionsStartAtAsync() {
    Table defs = table(DEFS);
    Object[] a = defs.where("qualname", "pkg.mod.Child.amethod").single();
    assertThat(defs.get(a, "is_async")).isEqualTo(true);
    assertThat(defs.get(a, "bstart")).isEqualTo(Samples.MOD.indexOf("async def amethod"));
    assertThat(defs.get(a, "start_col")).isEqualTo(4);
    assertThat(defs.where("qualname", "pkg.mod.top").one("is_async")).isEqualTo(true);
  }

  @Test
  void classBasesAreThePositionalArguments() {
    assertThat(table(DEFS).where("qualname", "pkg.mod.Child").one("bases"))
        .isEqualTo(List.of("Base", "dict"));
    assertThat(table(DEFS).where("qualname", "pkg.mod.Base").one("bases")).isEqualTo(List.of());
  }

  @Test
  void defsAreBoundInTheEnclosingScopeAndOpenTheirOwn() {
    Table scopes = table(SCOPES);
    Table defs = table(DEFS);
    Object[] method = defs.where("qualname", "pkg.mod.Child.method").single();
    Object[] child = scopes.where("qualname", "pkg.mod.Child").single();
    Object[] body = scopes.where("qualname", "pkg.mod.Child.method").single();
    assertThat(defs.get(method, "scope_id")).isEqualTo(scopes.get(child, "scope_id"));
    assertThat(defs.get(method, "body_scope_id")).isEqualTo(scopes.get(body, "scope_id"));
    assertThat(scopes.get(body, "parent_scope_id")).isEqualTo(scopes.get(child, "scope_id"));
    assertThat(scopes.get(body, "node_id")).isEqualTo(defs.get(method, "node_id"));
    assertThat(scopes.get(body, "kind")).isEqualTo("FUNCTION");
    assertThat(scopes.get(child, "kind")).isEqualTo("CLASS");
  }

  @Test
  void lambdasAndComprehensionsAreScopes() {
    Table scopes = table(SCOPES).where("file_id", fileId("pkg/mod.py"));
    Map<Object, Object> kindByQualname =
        scopes.rows().stream()
            .collect(Collectors.toMap(r -> scopes.get(r, "qualname"), r -> scopes.get(r, "kind")));
    assertThat(kindByQualname)
        .containsEntry("pkg.mod", "MODULE")
        .containsEntry("pkg.mod.Child.method.<locals>.inner.<locals>.<lambda>", "LAMBDA")
        .containsEntry("pkg.mod.decorated.<locals>.<listcomp>", "COMPREHENSION")
        .containsEntry("pkg.mod.<dictcomp>", "COMPREHENSION")
        .containsEntry("pkg.mod.<genexpr>", "COMPREHENSION")
        .containsEntry("pkg.mod.<setcomp>", "COMPREHENSION");
    Object[] module = scopes.where("kind", "MODULE").single();
    assertThat(scopes.get(module, "parent_scope_id")).isNull();
    assertThat(scopes.get(module, "name")).isEqualTo("pkg.mod");
    assertThat(scopes.where("qualname", "pkg.mod.<genexpr>").one("name")).isEqualTo("<genexpr>");
  }

  @Test
  void redefinitionsGetDistinctOrdinals() {
    Table defs = table(DEFS).where("file_id", fileId("redefined.py"));
    List<Object> ids = defs.where("qualname", "redefined.f").column("def_id");
    assertThat(ids)
        .containsExactly(
            StableId.defId("redefined.py", "redefined.f", "FUNCTION", 0),
            StableId.defId("redefined.py", "redefined.f", "FUNCTION", 1));
    assertThat(defs.where("qualname", "redefined.K.g").rows()).hasSize(2);
  }

  @Test
  void twoFilesOfOneModuleNameGetDistinctScopeAndDefIds(@TempDir Path twins) throws IOException {
    // pkg/m.py and pkg/m/__init__.py are both module pkg.m; each id must belong to one file.
    Files.createDirectories(twins.resolve("pkg/m"));
    Files.writeString(twins.resolve("pkg/__init__.py"), "");
    Files.writeString(twins.resolve("pkg/m.py"), "def f():\n    pass\n");
    Files.writeString(twins.resolve("pkg/m/__init__.py"), "def f():\n    pass\n");
    Extraction both = new PythonExtractor().extract(twins);

    List<Object> defIds = Table.of(both, DEFS).where("qualname", "pkg.m.f").column("def_id");
    List<Object> scopeIds = Table.of(both, SCOPES).where("qualname", "pkg.m").column("scope_id");
    assertThat(defIds).hasSize(2).doesNotHaveDuplicates();
    assertThat(scopeIds).hasSize(2).doesNotHaveDuplicates();
  }

  @Test
  void callsNameTheirCalleeAndReceiver() {
    Table calls = table(CALLS).where("file_id", fileId("pkg/mod.py"));
    Object[] call = calls.where("callee_text", "obj.attr.call").single();
    assertThat(calls.get(call, "callee_name")).isEqualTo("call");
    assertThat(calls.get(call, "receiver_text")).isEqualTo("obj.attr");
    assertThat(calls.get(call, "arg_count")).isEqualTo(3);
    Object[] len = calls.where("callee_text", "len").single();
    assertThat(calls.get(len, "receiver_text")).isNull();
    assertThat(calls.get(len, "callee_name")).isEqualTo("len");
    Object[] cache = calls.where("callee_text", "functools.lru_cache").single();
    Object[] awaited = calls.where("callee_text", "self.method").single();
    Table scopes = table(SCOPES);
    String moduleScope = (String) scopes.where("qualname", "pkg.mod").one("scope_id");
    // Defaults and decorators are evaluated in the enclosing scope, as in CPython.
    assertThat(calls.get(len, "scope_id")).isEqualTo(moduleScope);
    assertThat(calls.get(cache, "scope_id")).isEqualTo(moduleScope);
    assertThat(calls.get(awaited, "scope_id"))
        .isEqualTo(scopes.where("qualname", "pkg.mod.Child.amethod").one("scope_id"));
    Object[] str = calls.where("callee_text", "str").single();
    String line = Samples.MOD.lines().filter(l -> l.contains("str(ok)")).findFirst().orElseThrow();
    // Columns are UTF-8 byte offsets: "é" takes two bytes.
    assertThat(calls.get(str, "start_col"))
        .isEqualTo(line.substring(0, line.indexOf("str(")).getBytes(StandardCharsets.UTF_8).length);
    assertThat(calls.get(str, "call_id")).isIn(table(AST_NODES).column("node_id"));
  }

  @Test
  void importsHaveOneRowPerNameWithResolvedTargets() {
    Table mod = table(IMPORTS).where("file_id", fileId("pkg/mod.py"));
    Object[] osPath = mod.where("module", "os.path").single();
    assertThat(mod.get(osPath, "kind")).isEqualTo("IMPORT");
    assertThat(mod.get(osPath, "name")).isNull();
    assertThat(mod.get(osPath, "bound_name")).isEqualTo("os");
    assertThat(mod.get(osPath, "target_module")).isEqualTo("os.path");
    Object[] np = mod.where("module", "numpy").single();
    assertThat(mod.get(np, "alias")).isEqualTo("np");
    assertThat(mod.get(np, "bound_name")).isEqualTo("np");
    Object[] sys = mod.where("module", "sys").single();
    assertThat(mod.get(sys, "import_id"))
        .isEqualTo(
            StableId.nodeId(
                "pkg/mod.py",
                "import",
                (Integer) mod.get(np, "bstart"),
                (Integer) mod.get(np, "bend"),
                1));
    Object[] star = mod.where("is_star", true).single();
    assertThat(mod.get(star, "name")).isEqualTo("*");
    assertThat(mod.get(star, "level")).isEqualTo(1);
    assertThat(mod.get(star, "target_module")).isEqualTo("pkg.sib");
    assertThat(mod.get(star, "bound_name")).isNull();
    Object[] future = mod.where("module", "__future__").single();
    assertThat(mod.get(future, "kind")).isEqualTo("FROM");
    assertThat(mod.get(future, "name")).isEqualTo("annotations");

    Table init = table(IMPORTS).where("file_id", fileId("pkg/__init__.py"));
    Object[] x = init.where("name", "x").single();
    assertThat(init.get(x, "module")).isNull();
    assertThat(init.get(x, "level")).isEqualTo(1);
    assertThat(init.get(x, "target_module")).isEqualTo("pkg");
    assertThat(init.get(x, "bound_name")).isEqualTo("x");
    Object[] y = init.where("name", "y").single();
    assertThat(init.get(y, "target_module")).isEqualTo("pkg.sub");
    assertThat(init.get(y, "alias")).isEqualTo("z");
    assertThat(init.get(y, "bound_name")).isEqualTo("z");

    Table deep = table(IMPORTS).where("file_id", fileId("pkg/sub/deep.py"));
    assertThat(deep.where("name", "up").one("target_module")).isEqualTo("pkg");
    assertThat(deep.where("name", "up").one("level")).isEqualTo(2);
    assertThat(deep.where("name", "thing").one("target_module")).isEqualTo("pkg.other.m");
    Object[] json = deep.where("module", "json").single();
    assertThat(deep.get(json, "scope_id"))
        .isEqualTo(table(SCOPES).where("qualname", "pkg.sub.deep.f").one("scope_id"));
  }

  @Test
  void astNodesFormATreeWithScopes() {
    Table nodes = table(AST_NODES).where("file_id", fileId("pkg/mod.py"));
    Object[] root = nodes.where("parent_id", null).single();
    assertThat(nodes.get(root, "kind")).isEqualTo("module");
    assertThat(nodes.get(root, "child_index")).isNull();
    Set<Object> ids = new HashSet<>(nodes.column("node_id"));
    for (Object[] row : nodes.rows()) {
      if (row != root) {
        assertThat(ids).contains(nodes.get(row, "parent_id"));
        assertThat((Integer) nodes.get(row, "child_index")).isNotNegative();
      }
      assertThat(nodes.get(row, "scope_id")).isNotNull();
    }
    Object[] defName =
        nodes
            .where("kind", "identifier")
            .filter(r -> nodes.get(r, "bstart").equals(Samples.MOD.indexOf("decorated(")))
            .single();
    assertThat(nodes.get(defName, "field")).isEqualTo("name");
    assertThat(nodes.get(defName, "start_line")).isEqualTo(lineOf(Samples.MOD, "def decorated"));
    assertThat(nodes.get(defName, "start_col")).isEqualTo(4);
    assertThat(nodes.get(defName, "end_col")).isEqualTo(4 + "decorated".length());
    Object[] param =
        nodes
            .where("kind", "identifier")
            .filter(r -> nodes.get(r, "bstart").equals(Samples.MOD.indexOf("a, b=")))
            .single();
    assertThat(nodes.get(param, "scope_id"))
        .isEqualTo(table(SCOPES).where("qualname", "pkg.mod.decorated").one("scope_id"));
  }

  @Test
  void idsAreUniquePerTable() {
    for (String name : ExtractionTables.names()) {
      Table t = table(name);
      String key = ExtractionTables.primaryKey(name);
      assertThat(new HashSet<>(t.column(key))).as(name).hasSize(t.rows().size());
    }
  }

  @Test
  void rowsMatchTheirSchemas() {
    for (String name : ExtractionTables.names()) {
      Table t = table(name);
      for (Object[] row : t.rows()) {
        assertThat(row).hasSize(t.schema().length());
        for (int i = 0; i < row.length; i++) {
          var field = t.schema().at(i);
          if (!field.isNullable()) {
            assertThat(row[i]).as(name + "." + field.getName()).isNotNull();
          }
        }
      }
    }
  }

  @Test
  void extractionIsDeterministic() {
    Extraction again = new PythonExtractor().extract(repo);
    Extraction serial =
        new PythonExtractor(1, PythonExtractor.DEFAULT_MAX_FILE_BYTES).extract(repo);
    assertThat(again.sameRowsAs(extraction)).isTrue();
    assertThat(serial.sameRowsAs(extraction)).isTrue();
  }

  @Test
  void invalidUtf8IsAnEncodingError(@TempDir Path dir) throws IOException {
    Files.write(
        dir.resolve("bad.py"), new byte[] {'x', '=', '1', '\n', 'y', '=', '"', (byte) 0xff});
    Extraction e = new PythonExtractor().extract(dir);
    Table files = Table.of(e, FILES);
    assertThat(files.one("parse_ok")).isEqualTo(false);
    assertThat((String) files.one("error")).contains("invalid UTF-8 at byte 7");
    Table errors = Table.of(e, PARSE_ERRORS);
    assertThat(errors.one("kind")).isEqualTo("ENCODING");
    assertThat(errors.one("bstart")).isEqualTo(7);
    assertThat(errors.one("line")).isEqualTo(2);
    assertThat(errors.one("col")).isEqualTo(3);
    assertThat(errors.one("error_id")).isEqualTo(StableId.of("parse_error", "bad.py", 0));
    assertThat(e.rows(AST_NODES)).isEmpty();
  }

  @Test
  void syntaxErrorsAreReportedWithPositionsAndNothingElse(@TempDir Path dir) throws IOException {
    Samples.write(dir, "broken.py", "def f(:\n    pass\n\nx = g(\n");
    Samples.write(dir, "fine.py", "y = 1\n");
    Extraction e = new PythonExtractor().extract(dir);
    Table files = Table.of(e, FILES);
    assertThat(files.where("path", "broken.py").one("parse_ok")).isEqualTo(false);
    assertThat((String) files.where("path", "broken.py").one("error")).contains("line 1");
    assertThat(files.where("path", "fine.py").one("parse_ok")).isEqualTo(true);
    Table errors = Table.of(e, PARSE_ERRORS);
    assertThat(errors.rows()).isNotEmpty();
    assertThat(errors.column("kind")).containsOnly("SYNTAX");
    assertThat(errors.column("path")).containsOnly("broken.py");
    assertThat(errors.column("message")).anySatisfy(m -> assertThat((String) m).contains("`)`"));
    assertThat(errors.rows().get(0)[errors.schema().indexOf("line")]).isEqualTo(1);
    String broken = fileId("broken.py");
    for (String t : List.of(AST_NODES, SCOPES, DEFS, CALLS, IMPORTS)) {
      assertThat(Table.of(e, t).where("file_id", broken).rows()).as(t).isEmpty();
    }
    assertThat(Table.of(e, SCOPES).where("file_id", fileId("fine.py")).rows()).hasSize(1);
  }

  @Test
  void oversizedFilesAreNotParsed(@TempDir Path dir) throws IOException {
    Samples.write(dir, "big.py", "x = 1\n".repeat(100));
    Extraction e = new PythonExtractor(2, 64).extract(dir);
    assertThat(Table.of(e, PARSE_ERRORS).one("kind")).isEqualTo("TOO_LARGE");
    assertThat(Table.of(e, FILES).one("size_bytes")).isEqualTo(600L);
    assertThat(Table.of(e, FILES).one("parse_ok")).isEqualTo(false);
  }

  @Test
  void walkSkipsHiddenCachesAndEscapingSymlinks(@TempDir Path dir, @TempDir Path outside)
      throws IOException {
    Samples.write(dir, "a.py", "");
    Samples.write(dir, ".venv/lib.py", "");
    Samples.write(dir, "pkg/__pycache__/x.py", "");
    Samples.write(dir, "pkg/readme.txt", "");
    Samples.write(outside, "foreign.py", "");
    Files.createSymbolicLink(dir.resolve("pkg/out"), outside);
    Files.createSymbolicLink(dir.resolve("pkg/loop"), dir.resolve("pkg"));
    Extraction e = new PythonExtractor().extract(dir);
    assertThat(Table.of(e, FILES).column("path")).containsExactly("a.py");
  }

  @Test
  void excludedDirectoriesAreRepoRelative(@TempDir Path dir) throws IOException {
    Samples.write(dir, "app/main.py", "");
    Samples.write(dir, "app/test/test_main.py", "");
    Samples.write(dir, "test/conftest.py", "");
    Samples.write(dir, "venv/lib/site.py", "");
    PythonExtractor extractor = new PythonExtractor().excluding(Set.of("venv", "app/test"));

    Extraction e = extractor.extract(dir);

    assertThat(Table.of(e, FILES).column("path"))
        .containsExactly("app/main.py", "test/conftest.py");
    assertThat(extractor.sources(dir))
        .containsExactly(dir.resolve("app/main.py"), dir.resolve("test/conftest.py"));
  }

  @Test
  void aMissingRootIsAClearError(@TempDir Path dir) {
    assertThatThrownBy(() -> new PythonExtractor().extract(dir.resolve("nope")))
        .isInstanceOf(ExtractionException.class)
        .hasMessageContaining("nope")
        .hasMessageContaining("not a directory");
  }

  private static int lineOf(String text, String needle) {
    return (int) text.substring(0, text.indexOf(needle)).chars().filter(c -> c == '\n').count() + 1;
  }
}
