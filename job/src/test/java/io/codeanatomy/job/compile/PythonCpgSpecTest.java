package io.codeanatomy.job.compile;

import static org.assertj.core.api.Assertions.assertThat;

import io.codeanatomy.spec.Spec;
import io.codeanatomy.spec.SpecLoader;
import io.codeanatomy.udf.CodeAnatomyFunctions;
import io.codeanatomy.udf.id.StableId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.StatementSet;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.TableDescriptor;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the shipped spec over hand-built extraction rows of a three-module package and checks the
 * graph edge by edge:
 *
 * <pre>
 * pkg/__init__.py   (empty)
 * pkg/base.py       class Base:                       pkg/app.py   import os
 *                       def run(self): self.helper()                from pkg.base import Base, util
 *                       def helper(self): ...                       from pkg import base
 *                   &#64;functools.wraps(f)                             &#64;decorate
 *                   def util(): ...                                 class App(Base):
 *                   def local(): ...                                    def go(self):
 *                   class Err(Exception): ...                               util(); self.go()
 *                                                                           os.getcwd(); local()
 *                                                                   def local(): ...
 *                                                                   def decorate(c): ...
 *                                                                   local(base, key=lambda k: k,
 *                                                                         "text")
 * </pre>
 *
 * <p>({@code local} in {@code pkg/app.py} also carries {@code &#64;functools.cache} and {@code
 * &#64;decorate}; {@code go} takes {@code self}, {@code decorate} takes {@code c}. {@code
 * pkg/app.py} ends with a parameter rebound, read in a comprehension and from a lambda three
 * comprehensions deep:)
 *
 * <pre>
 * def grid(rows):
 *     rows = rows or []
 *     return [[[cell(v, key=lambda w: w in rows) for v in r] for r in plane] for plane in rows]
 * </pre>
 */
class PythonCpgSpecTest {
  private static final String INIT = "pkg/__init__.py";
  private static final String BASE = "pkg/base.py";
  private static final String APP = "pkg/app.py";

  private static List<Row> nodes;
  private static List<Row> edges;
  private static Map<String, String> ids = new HashMap<>();
  private static Table nodesTable;
  private static Table edgesTable;

  /** Builds consistent extraction rows: ids from {@link StableId}, as the extractor writes them. */
  private static final class Repo {
    final RowsBinder binder;
    int nextOffset = 0;

    /** The syntax node of each scope, which the calls, names and scopes in it are enclosed by. */
    final Map<String, String> scopeNodes = new HashMap<>();

    Repo(RowsBinder binder) {
      this.binder = binder;
    }

    String file(String path, String module, boolean isPackage, int lines) {
      String fileId = StableId.fileId(path);
      binder.add("files", fileId, path, module, isPackage, 100L, "hash-" + path, lines, true, null);
      String nodeId = node(path, "module", 0, 100, 1, 0, lines, 0, null);
      String scopeId = StableId.scopeId(path, module, "MODULE", 0);
      binder.add(
          "scopes", scopeId, fileId, null, "MODULE", module, module, nodeId, 0, 100, 1, null,
          scopeId);
      scopeNodes.put(scopeId, nodeId);
      ids.put(module, scopeId);
      return scopeId;
    }

    String node(
        String path,
        String kind,
        int bstart,
        int bend,
        int line,
        int col,
        int endLine,
        int endCol,
        String scope) {
      return node(path, kind, null, null, bstart, bend, line, col, endLine, endCol, scope);
    }

    String node(
        String path,
        String kind,
        String parentId,
        String field,
        int bstart,
        int bend,
        int line,
        int col,
        int endLine,
        int endCol,
        String scope) {
      String nodeId = StableId.nodeId(path, kind, bstart, bend, 0);
      binder.add(
          "ast_nodes",
          nodeId,
          StableId.fileId(path),
          parentId,
          0,
          field,
          kind,
          bstart,
          bend,
          line,
          col,
          endLine,
          endCol,
          scope);
      return nodeId;
    }

    /**
     * A class or function: its def row, its body scope, its syntax node; when decorated, also the
     * {@code decorated_definition} around it and one {@code decorator} node per decorator.
     */
    String def(
        String path,
        String kind,
        String qualname,
        String boundIn,
        int line,
        String[] decorators,
        String[] bases) {
      String wrapper = null;
      if (decorators.length > 0) {
        int wrapperStart = nextOffset += 10;
        wrapper =
            node(
                path,
                "decorated_definition",
                wrapperStart,
                wrapperStart + 9,
                line - 1,
                0,
                line + 1,
                8,
                boundIn);
        for (int i = 0; i < decorators.length; i++) {
          // Out of source order in the table, so the position must come from the spans.
          int at = wrapperStart + decorators.length - i;
          String decorator =
              node(path, "decorator", wrapper, null, at - 1, at, line - 1, 0, line - 1, 9, boundIn);
          ids.put("decorator:" + qualname + ":" + (decorators.length - i - 1), decorator);
        }
      }
      int bstart = nextOffset += 10;
      String name = qualname.substring(qualname.lastIndexOf('.') + 1);
      String nodeKind = kind.equals("CLASS") ? "class_definition" : "function_definition";
      String nodeId =
          node(
              path,
              nodeKind,
              wrapper,
              wrapper == null ? null : "definition",
              bstart,
              bstart + 8,
              line,
              4,
              line + 1,
              8,
              boundIn);
      String scopeId = StableId.scopeId(path, qualname, kind, 0);
      String defId = StableId.defId(path, qualname, kind, 0);
      binder.add(
          "scopes",
          scopeId,
          StableId.fileId(path),
          boundIn,
          kind,
          name,
          qualname,
          nodeId,
          bstart,
          bstart + 8,
          line,
          scopeNodes.get(boundIn),
          scopeId);
      scopeNodes.put(scopeId, nodeId);
      ids.put(qualname + "#node", nodeId);
      binder.add(
          "defs",
          defId,
          StableId.fileId(path),
          boundIn,
          scopeId,
          kind,
          name,
          qualname,
          false,
          nodeId,
          bstart,
          bstart + 8,
          line,
          4,
          decorators,
          bases);
      ids.put(qualname, defId);
      ids.put(qualname + "#scope", scopeId);
      return scopeId;
    }

    String call(
        String path,
        String scope,
        String calleeText,
        String calleeName,
        String receiver,
        int line) {
      return call(path, scope, calleeText, calleeName, receiver, line, scopeNodes.get(scope));
    }

    String call(
        String path,
        String scope,
        String calleeText,
        String calleeName,
        String receiver,
        int line,
        String enclosing) {
      int bstart = nextOffset += 10;
      String callId = node(path, "call", bstart, bstart + 5, line, 8, line, 20, scope);
      binder.add(
          "calls",
          callId,
          StableId.fileId(path),
          scope,
          calleeText,
          calleeName,
          receiver,
          0,
          bstart,
          bstart + 5,
          line,
          8,
          enclosing);
      ids.put("call:" + path + ":" + line, callId);
      return callId;
    }

    int nextRef = 0;

    /** A name reference ({@code ast.Name}) and its identifier node. */
    String ref(
        String path,
        String scope,
        String name,
        String ctx,
        String bindingScope,
        String resolution,
        int line,
        String enclosing) {
      int bstart = line * 1000 + 100 + nextRef++;
      int bend = bstart + name.length();
      String refId =
          node(path, "identifier", bstart, bend, line, 4, line, 4 + name.length(), scope);
      binder.add(
          "name_refs",
          refId,
          StableId.fileId(path),
          scope,
          name,
          StableId.of("symbol", scope, name),
          ctx,
          bindingScope,
          resolution,
          bstart,
          bend,
          line,
          4,
          enclosing);
      ids.put("ref:" + name + ":" + line, refId);
      return refId;
    }

    /** A parameter of the function or lambda whose scope is {@code scope}. */
    String param(String path, String scope, String defId, String name, int index, int line) {
      int bstart = line * 1000 + 500 + index * 10;
      String nodeId =
          node(path, "identifier", bstart, bstart + name.length(), line, 8, line, 9, scope);
      String paramId = StableId.of("param", scope, index);
      binder.add(
          "params",
          paramId,
          StableId.fileId(path),
          scope,
          defId,
          name,
          index,
          "POSITIONAL_OR_KEYWORD",
          null,
          null,
          nodeId,
          bstart,
          bstart + name.length(),
          line,
          8);
      ids.put("param:" + name, paramId);
      return paramId;
    }

    /** A lambda's scope (its node) and syntax node, enclosed by {@code enclosing}. */
    String lambda(String path, String qualname, String parentScope, int line, String enclosing) {
      int bstart = line * 1000 + 300;
      String nodeId = node(path, "lambda", bstart, bstart + 12, line, 30, line, 42, parentScope);
      String scopeId = StableId.scopeId(path, qualname, "LAMBDA", 0);
      binder.add(
          "scopes",
          scopeId,
          StableId.fileId(path),
          parentScope,
          "LAMBDA",
          "<lambda>",
          qualname,
          nodeId,
          bstart,
          bstart + 12,
          line,
          enclosing,
          scopeId);
      scopeNodes.put(scopeId, nodeId);
      ids.put(qualname, scopeId);
      return scopeId;
    }

    /**
     * A list comprehension's scope: it has no node, so {@code owner} names the scope whose node
     * stands for it, as the extractor's {@code owner_scope_id} does.
     */
    String comprehension(
        String path,
        String qualname,
        String parentScope,
        String owner,
        int line,
        String enclosing) {
      int bstart = nextOffset += 10;
      String nodeId =
          node(path, "list_comprehension", bstart, bstart + 9, line, 11, line, 90, parentScope);
      String scopeId = StableId.scopeId(path, qualname, "COMPREHENSION", 0);
      binder.add(
          "scopes",
          scopeId,
          StableId.fileId(path),
          parentScope,
          "COMPREHENSION",
          "<listcomp>",
          qualname,
          nodeId,
          bstart,
          bstart + 9,
          line,
          enclosing,
          owner);
      ids.put(qualname, scopeId);
      return scopeId;
    }

    void callArg(String path, String callId, int index, String keyword, String valueNode) {
      int bstart = callId.hashCode() & 0xfff;
      binder.add(
          "call_args",
          StableId.of("call_arg", callId, index),
          StableId.fileId(path),
          callId,
          index,
          keyword,
          false,
          false,
          "text",
          valueNode,
          bstart,
          bstart + 1,
          13,
          index * 10);
    }

    String imp(
        String path,
        String scope,
        String kind,
        String module,
        String name,
        String targetModule,
        String boundName,
        int line,
        int index) {
      int bstart = line * 1000;
      String importId = StableId.nodeId(path, "import", bstart, bstart + 20, index);
      binder.add(
          "imports",
          importId,
          StableId.fileId(path),
          scope,
          kind,
          module,
          name,
          null,
          0,
          false,
          targetModule,
          boundName,
          bstart,
          bstart + 20,
          line);
      ids.put("import:" + boundName, importId);
      return importId;
    }
  }

  @BeforeAll
  static void run() {
    // Extraction rows arrive as a bounded scan, as from a Delta snapshot, not as constants.
    StreamExecutionEnvironment see = StreamExecutionEnvironment.getExecutionEnvironment();
    see.setRuntimeMode(RuntimeExecutionMode.BATCH);
    StreamTableEnvironment env =
        StreamTableEnvironment.create(see, EnvironmentSettings.inBatchMode());
    env.getConfig().set("table.optimizer.reuse-optimize-block-with-digest-enabled", "true");
    CodeAnatomyFunctions.registerAll(env);
    RowsBinder binder = new RowsBinder(env, see);
    Repo repo = new Repo(binder);
    String[] none = {};

    repo.file(INIT, "pkg", true, 1);

    String base = repo.file(BASE, "pkg.base", false, 20);
    String baseCls = repo.def(BASE, "CLASS", "pkg.base.Base", base, 1, none, none);
    String run = repo.def(BASE, "FUNCTION", "pkg.base.Base.run", baseCls, 2, none, none);
    repo.def(BASE, "FUNCTION", "pkg.base.Base.helper", baseCls, 3, none, none);
    repo.def(BASE, "FUNCTION", "pkg.base.util", base, 5, new String[] {"functools.wraps(f)"}, none);
    repo.def(BASE, "FUNCTION", "pkg.base.local", base, 6, none, none);
    repo.def(BASE, "CLASS", "pkg.base.Err", base, 7, none, new String[] {"Exception"});
    repo.call(BASE, run, "self.helper", "helper", "self", 2);

    String app = repo.file(APP, "pkg.app", false, 14);
    repo.imp(APP, app, "IMPORT", "os", null, "os", "os", 1, 0);
    repo.imp(APP, app, "FROM", "pkg.base", "Base", "pkg.base", "Base", 2, 0);
    repo.imp(APP, app, "FROM", "pkg.base", "util", "pkg.base", "util", 2, 1);
    repo.imp(APP, app, "FROM", "pkg", "base", "pkg", "base", 3, 0);
    String appCls =
        repo.def(
            APP, "CLASS", "pkg.app.App", app, 5, new String[] {"decorate"}, new String[] {"Base"});
    String go = repo.def(APP, "FUNCTION", "pkg.app.App.go", appCls, 6, none, none);
    repo.call(APP, go, "util", "util", null, 7);
    repo.call(APP, go, "self.go", "go", "self", 8);
    repo.call(APP, go, "os.getcwd", "getcwd", "os", 9);
    repo.call(APP, go, "local", "local", null, 10);
    repo.def(
        APP,
        "FUNCTION",
        "pkg.app.local",
        app,
        11,
        new String[] {"functools.cache", "decorate"},
        none);
    String decorate = repo.def(APP, "FUNCTION", "pkg.app.decorate", app, 12, none, none);
    String call13 = repo.call(APP, app, "local", "local", null, 13);
    repo.ref(APP, app, "Base", "LOAD", app, "GLOBAL", 5, id("pkg.app.App#node"));
    repo.ref(APP, app, "decorate", "LOAD", app, "GLOBAL", 4, id("decorator:pkg.app.App:0"));
    repo.ref(APP, go, "util", "LOAD", app, "GLOBAL", 7, id("call:" + APP + ":7"));
    repo.ref(APP, go, "os", "LOAD", app, "GLOBAL", 9, id("call:" + APP + ":9"));
    repo.ref(APP, go, "local", "LOAD", app, "GLOBAL", 10, id("call:" + APP + ":10"));
    repo.ref(APP, go, "print", "LOAD", null, "BUILTIN", 10, id("pkg.app.App.go#node"));
    repo.ref(APP, go, "x", "STORE", go, "LOCAL", 10, id("pkg.app.App.go#node"));
    repo.ref(APP, app, "local", "LOAD", app, "GLOBAL", 13, call13);
    repo.param(APP, go, id("pkg.app.App.go"), "self", 0, 6);
    repo.param(APP, decorate, id("pkg.app.decorate"), "c", 0, 12);
    // local(base, key=lambda k: k, "text")
    String base13 = repo.ref(APP, app, "base", "LOAD", app, "GLOBAL", 13, call13);
    String lambda = repo.lambda(APP, "pkg.app.<lambda>", app, 13, call13);
    repo.param(APP, lambda, null, "k", 0, 13);
    repo.ref(APP, lambda, "k", "LOAD", lambda, "LOCAL", 13, repo.scopeNodes.get(lambda));
    repo.callArg(APP, call13, 0, null, base13);
    repo.callArg(APP, call13, 1, "key", repo.scopeNodes.get(lambda));
    repo.callArg(APP, call13, 2, null, StableId.nodeId(APP, "string", 13900, 13906, 0));
    // A name bound locally in go that is a parameter of decorate only: not decorate's parameter.
    repo.ref(APP, go, "c", "STORE", go, "LOCAL", 9, id("pkg.app.App.go#node"));

    // def grid(rows):
    //     rows = rows or []
    //     return [[[cell(v, key=lambda w: w in rows) for v in r] for r in plane] for plane in rows]
    String grid = repo.def(APP, "FUNCTION", "pkg.app.grid", app, 14, none, none);
    String gridNode = id("pkg.app.grid#node");
    repo.param(APP, grid, id("pkg.app.grid"), "rows", 0, 14);
    ids.put("rows:store", repo.ref(APP, grid, "rows", "STORE", grid, "LOCAL", 15, gridNode));
    ids.put("rows:load", repo.ref(APP, grid, "rows", "LOAD", grid, "LOCAL", 15, gridNode));
    String outer = "pkg.app.grid.<locals>.<listcomp>";
    String l1 = repo.comprehension(APP, outer, grid, grid, 16, gridNode);
    String l2 = repo.comprehension(APP, outer + ".<listcomp>", l1, grid, 16, gridNode);
    String l3 = repo.comprehension(APP, outer + ".<listcomp>.<listcomp>", l2, grid, 16, gridNode);
    // The first iterable of a comprehension is evaluated in the scope around it.
    ids.put("rows:iterable", repo.ref(APP, grid, "rows", "LOAD", grid, "LOCAL", 16, gridNode));
    String cell = repo.call(APP, l3, "cell", "cell", null, 16, gridNode);
    repo.ref(APP, l3, "cell", "LOAD", null, "UNRESOLVED", 16, cell);
    String deepLambda = repo.lambda(APP, outer + ".<listcomp>.<listcomp>.<lambda>", l3, 16, cell);
    repo.param(APP, deepLambda, null, "w", 0, 16);
    String deepLambdaNode = repo.scopeNodes.get(deepLambda);
    repo.ref(APP, deepLambda, "w", "LOAD", deepLambda, "LOCAL", 16, deepLambdaNode);
    ids.put(
        "rows:closure",
        repo.ref(APP, deepLambda, "rows", "LOAD", grid, "ENCLOSING", 16, deepLambdaNode));

    tableEnv = env;
    Spec spec = SpecLoader.loadResource("specs/python-cpg.yaml");
    CompiledSpec compiled = SpecCompiler.compile(spec, env, binder);
    nodesTable = compiled.output("cpg_nodes");
    edgesTable = compiled.output("cpg_edges");
    nodes = collect(nodesTable);
    edges = collect(edgesTable);
  }

  private static StreamTableEnvironment tableEnv;

  private static int count(String text, String regex) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(regex).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  private static List<Row> collect(Table t) {
    List<Row> out = new ArrayList<>();
    try (CloseableIterator<Row> it = t.execute().collect()) {
      it.forEachRemaining(out::add);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    return out;
  }

  private static String id(String key) {
    String v = ids.get(key);
    assertThat(v).as("test fixture id for " + key).isNotNull();
    return v;
  }

  private static String external(String name) {
    return StableId.of("external", name);
  }

  private static List<Row> edges(String kind, String src) {
    return edges.stream()
        .filter(e -> e.getField("kind").equals(kind) && e.getField("src_id").equals(src))
        .toList();
  }

  /** The one edge of {@code kind} from {@code src}, checked to be the only one. */
  private static Row onlyEdge(String kind, String src) {
    List<Row> found = edges(kind, src);
    assertThat(found).as(kind + " edges from " + src).hasSize(1);
    return found.get(0);
  }

  private static void assertEdge(
      Row e, String kind, String src, String dst, double confidence, String rule) {
    assertThat(e.getField("dst_id")).isEqualTo(dst);
    assertThat(e.getField("edge_id")).isEqualTo(StableId.edgeId(kind, src, dst, 0));
    assertThat(e.getField("confidence")).isEqualTo(confidence);
    assertThat(((Row) e.getField("evidence")).getField(0)).isEqualTo(rule);
  }

  @Test
  void outputsHaveTheDataModelSchema() {
    assertThat(nodesTable.getResolvedSchema().toString())
        .contains("`loc` ROW<`start_line` INT, `start_col` INT, `end_line` INT, `end_col` INT>")
        .contains("`properties` MAP<STRING, STRING>");
    assertThat(edgesTable.getResolvedSchema().getColumnNames())
        .containsExactly(
            "edge_id", "kind", "src_id", "dst_id", "file_id", "confidence", "evidence");
    assertThat(edgesTable.getResolvedSchema().toString())
        .contains("`evidence` ROW<`rule` STRING, `detail` STRING>");
  }

  @Test
  void nodesOfEveryKind_withUniqueIds() {
    Map<Object, Long> byKind =
        nodes.stream()
            .collect(Collectors.groupingBy(r -> r.getField("kind"), Collectors.counting()));
    assertThat(byKind)
        .containsEntry("FILE", 3L)
        .containsEntry("MODULE", 3L)
        .containsEntry("CLASS", 3L)
        .containsEntry("FUNCTION", 8L)
        .containsEntry("CALL", 7L)
        .containsEntry("IMPORT", 4L)
        .containsEntry("NAME_REF", 17L)
        .containsEntry("EXTERNAL", 7L)
        .containsEntry("LAMBDA", 2L)
        .containsEntry("PARAMETER", 5L)
        .containsEntry("DECORATOR", 4L);
    assertThat(nodes.stream().map(r -> r.getField("node_id")).distinct().count())
        .isEqualTo(nodes.size());
    assertThat(
            nodes.stream()
                .filter(r -> r.getField("kind").equals("EXTERNAL"))
                .map(r -> r.getField("name")))
        .containsExactlyInAnyOrder(
            "getcwd", "os", "Exception", "functools.wraps", "functools.cache", "print", "cell");
    Row app =
        nodes.stream()
            .filter(r -> id("pkg.app.App").equals(r.getField("node_id")))
            .findFirst()
            .orElseThrow();
    assertThat(app.getField("path")).isEqualTo(APP);
    assertThat(((Map<?, ?>) app.getField("properties")).get("decorators")).isEqualTo("1");
    assertThat(app.getField("loc")).isEqualTo(Row.of(5, 4, 6, 8));
  }

  @Test
  void nameRefs_pointAtTheirBindingByScope_atMostOneEdgeEach() {
    String[][] expected = {
      {"ref:Base:5", "import:Base", "import"},
      {"ref:util:7", "import:util", "import"},
      {"ref:os:9", "import:os", "import"},
      {"ref:local:10", "pkg.app.local", "def"},
      {"ref:local:13", "pkg.app.local", "def"},
    };
    for (String[] e : expected) {
      Row edge = onlyEdge("REF", id(e[0]));
      assertEdge(edge, "REF", id(e[0]), id(e[1]), 1.0, e[2]);
      assertThat(((Row) edge.getField("evidence")).getField(1)).isEqualTo("LOAD");
    }
    assertEdge(
        onlyEdge("REF", id("ref:print:10")),
        "REF",
        id("ref:print:10"),
        external("print"),
        0.5,
        "builtin");
    // A local variable's own assignment has no node to point at.
    assertThat(edges("REF", id("ref:x:10"))).isEmpty();
    // Nor has a local of go that happens to share its name with a parameter of decorate.
    assertThat(edges("REF", id("ref:c:9"))).isEmpty();
  }

  @Test
  void nameRefs_boundAsParameters_pointAtTheirParameter() {
    String[][] expected = {
      // a lambda's own parameter
      {"ref:k:13", "param:k", "LOAD"},
      {"ref:w:16", "param:w", "LOAD"},
      // a parameter rebound by assignment: its target and its reads still resolve to it
      {"rows:store", "param:rows", "STORE"},
      {"rows:load", "param:rows", "LOAD"},
      // read in the first iterable of a comprehension, and from a closure three comprehensions in
      {"rows:iterable", "param:rows", "LOAD"},
      {"rows:closure", "param:rows", "LOAD"},
    };
    for (String[] e : expected) {
      Row edge = onlyEdge("REF", id(e[0]));
      assertEdge(edge, "REF", id(e[0]), id(e[1]), 1.0, "param");
      assertThat(((Row) edge.getField("evidence")).getField(1)).isEqualTo(e[2]);
      assertThat(node(id(e[1])).getField("kind")).isEqualTo("PARAMETER");
    }
    assertEdge(
        onlyEdge("REF", id("ref:cell:16")),
        "REF",
        id("ref:cell:16"),
        external("cell"),
        0.5,
        "unresolved");
    Row ref =
        nodes.stream()
            .filter(r -> id("ref:os:9").equals(r.getField("node_id")))
            .findFirst()
            .orElseThrow();
    assertThat(ref.getField("kind")).isEqualTo("NAME_REF");
    assertThat(ref.getField("path")).isEqualTo(APP);
    assertThat(((Map<?, ?>) ref.getField("properties")).get("resolution")).isEqualTo("GLOBAL");
  }

  @Test
  void edgeIdsAreUnique() {
    assertThat(edges.stream().map(r -> r.getField("edge_id")).distinct().count())
        .isEqualTo(edges.size());
  }

  @Test
  void calls_resolveByPriority_oneEdgePerCall() {
    assertThat(edges.stream().filter(e -> e.getField("kind").equals("CALLS")).count()).isEqualTo(7);
    String selfHelper = id("call:" + BASE + ":2");
    assertEdge(
        onlyEdge("CALLS", selfHelper),
        "CALLS",
        selfHelper,
        id("pkg.base.Base.helper"),
        1.0,
        "self_method");
    String util = id("call:" + APP + ":7");
    assertEdge(onlyEdge("CALLS", util), "CALLS", util, id("pkg.base.util"), 1.0, "from_import");
    String selfGo = id("call:" + APP + ":8");
    assertEdge(
        onlyEdge("CALLS", selfGo), "CALLS", selfGo, id("pkg.app.App.go"), 1.0, "self_method");
    String getcwd = id("call:" + APP + ":9");
    assertEdge(onlyEdge("CALLS", getcwd), "CALLS", getcwd, external("getcwd"), 0.5, "unresolved");
    // pkg.base also defines local(); the call binds to its own module's def only.
    for (int line : new int[] {10, 13}) {
      String local = id("call:" + APP + ":" + line);
      assertEdge(onlyEdge("CALLS", local), "CALLS", local, id("pkg.app.local"), 1.0, "module_def");
    }
  }

  @Test
  void imports_pointAtModulesOrExternal() {
    List<Row> fromApp = edges("IMPORTS", id("pkg.app"));
    assertThat(fromApp)
        .extracting(e -> e.getField("dst_id"))
        .containsExactlyInAnyOrder(id("pkg.base"), external("os"));
    Row toBase =
        fromApp.stream()
            .filter(e -> e.getField("dst_id").equals(id("pkg.base")))
            .findFirst()
            .orElseThrow();
    // `from pkg import base` names the submodule itself: the best of the three imports wins.
    assertEdge(toBase, "IMPORTS", id("pkg.app"), id("pkg.base"), 1.0, "submodule");
    Row toOs =
        fromApp.stream()
            .filter(e -> e.getField("dst_id").equals(external("os")))
            .findFirst()
            .orElseThrow();
    assertEdge(toOs, "IMPORTS", id("pkg.app"), external("os"), 0.5, "unresolved");
  }

  @Test
  void inheritsAndDecorators_resolveOrGoExternal() {
    String app = id("pkg.app.App");
    assertEdge(
        onlyEdge("INHERITS_FROM", app),
        "INHERITS_FROM",
        app,
        id("pkg.base.Base"),
        1.0,
        "from_import");
    String err = id("pkg.base.Err");
    assertEdge(
        onlyEdge("INHERITS_FROM", err),
        "INHERITS_FROM",
        err,
        external("Exception"),
        0.5,
        "unresolved");
    assertEdge(
        onlyEdge("DECORATED_BY", app),
        "DECORATED_BY",
        app,
        id("pkg.app.decorate"),
        1.0,
        "module_def");
    String util = id("pkg.base.util");
    assertEdge(
        onlyEdge("DECORATED_BY", util),
        "DECORATED_BY",
        util,
        external("functools.wraps"),
        0.5,
        "unresolved");
  }

  @Test
  void containsAndDefines_followScopes() {
    for (String path : List.of(INIT, BASE, APP)) {
      String file = StableId.fileId(path);
      assertThat(onlyEdge("CONTAINS", file).getField("kind")).isEqualTo("CONTAINS");
    }
    assertThat(edges("CONTAINS", id("pkg.app")))
        .extracting(e -> e.getField("dst_id"))
        .containsExactlyInAnyOrder(
            id("pkg.app.App"),
            id("pkg.app.local"),
            id("pkg.app.decorate"),
            id("pkg.app.grid"),
            id("call:" + APP + ":13"),
            id("import:os"),
            id("import:Base"),
            id("import:util"),
            id("import:base"));
    assertThat(edges("CONTAINS", id("pkg.app.App.go")))
        .extracting(e -> e.getField("dst_id"))
        .containsExactlyInAnyOrder(
            id("call:" + APP + ":7"),
            id("call:" + APP + ":8"),
            id("call:" + APP + ":9"),
            id("call:" + APP + ":10"));
    assertThat(edges("DEFINES", id("pkg.app")))
        .extracting(e -> e.getField("dst_id"))
        .containsExactlyInAnyOrder(
            id("pkg.app.App"), id("pkg.app.local"), id("pkg.app.decorate"), id("pkg.app.grid"));
    assertThat(edges("DEFINES", id("pkg.app.App")))
        .extracting(e -> e.getField("dst_id"))
        .containsExactly(id("pkg.app.App.go"));
    assertThat(edges("DEFINES", id("pkg.app.App.go"))).isEmpty();
    // A call three comprehensions deep belongs to the function around them.
    String cell = id("call:" + APP + ":16");
    Row deep = onlyEdge("CONTAINS", id("pkg.app.grid"));
    assertEdge(deep, "CONTAINS", id("pkg.app.grid"), cell, 1.0, "comprehension");
    assertThat(((Row) deep.getField("evidence")).getField(1)).isEqualTo("CALL");
  }

  private static Row node(String nodeId) {
    return nodes.stream()
        .filter(r -> nodeId.equals(r.getField("node_id")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no node " + nodeId));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> properties(Row node) {
    return (Map<String, String>) node.getField("properties");
  }

  @Test
  void lambdasParametersAndDecorators_areNodes() {
    Row lambda = node(id("pkg.app.<lambda>"));
    assertThat(lambda.getField("kind")).isEqualTo("LAMBDA");
    assertThat(lambda.getField("name")).isEqualTo("<lambda>");
    assertThat(lambda.getField("qualname")).isEqualTo("pkg.app.<lambda>");
    assertThat(lambda.getField("path")).isEqualTo(APP);
    assertThat(lambda.getField("file_id")).isEqualTo(StableId.fileId(APP));
    assertThat(lambda.getField("loc")).isEqualTo(Row.of(13, 30, 13, 42));

    Row self = node(id("param:self"));
    assertThat(self.getField("kind")).isEqualTo("PARAMETER");
    assertThat(self.getField("name")).isEqualTo("self");
    assertThat(self.getField("path")).isEqualTo(APP);
    assertThat(properties(self)).containsEntry("index", "0");
    assertThat(properties(self)).containsEntry("kind", "POSITIONAL_OR_KEYWORD");
    assertThat(node(id("param:k")).getField("file_id")).isEqualTo(StableId.fileId(APP));

    // Two decorators on one def: the position comes from the spans, the text from defs.decorators.
    Row cache = node(id("decorator:pkg.app.local:0"));
    assertThat(cache.getField("kind")).isEqualTo("DECORATOR");
    assertThat(cache.getField("name")).isEqualTo("functools.cache");
    assertThat(properties(cache)).containsEntry("position", "1");
    Row decorate = node(id("decorator:pkg.app.local:1"));
    assertThat(decorate.getField("name")).isEqualTo("decorate");
    assertThat(properties(decorate)).containsEntry("position", "2");
    Row wraps = node(id("decorator:pkg.base.util:0"));
    assertThat(wraps.getField("name")).isEqualTo("functools.wraps");
    assertThat(properties(wraps)).containsEntry("text", "functools.wraps(f)");
    assertThat(wraps.getField("path")).isEqualTo(BASE);
  }

  @Test
  void ast_linksEachNodeToItsNearestSyntacticOwner_exactlyOnce() {
    Map<Object, Long> parents =
        edges.stream()
            .filter(e -> e.getField("kind").equals("AST"))
            .collect(Collectors.groupingBy(e -> e.getField("dst_id"), Collectors.counting()));
    for (Row n : nodes) {
      if (List.of("FILE", "MODULE", "EXTERNAL").contains(n.getField("kind"))) {
        assertThat(parents).doesNotContainKey(n.getField("node_id"));
      } else {
        assertThat(parents.get(n.getField("node_id")))
            .as("AST parents of %s %s", n.getField("kind"), n.getField("name"))
            .isEqualTo(1L);
      }
    }
    String call13 = id("call:" + APP + ":13");
    String[][] expected = {
      {"pkg.app", "pkg.app.App", "CLASS"},
      {"pkg.app.App", "pkg.app.App.go", "FUNCTION"},
      {"pkg.app.App", "ref:Base:5", "NAME_REF"},
      {"pkg.app.App", "decorator:pkg.app.App:0", "DECORATOR"},
      {"decorator:pkg.app.App:0", "ref:decorate:4", "NAME_REF"},
      {"pkg.app.App.go", "param:self", "PARAMETER"},
      {"pkg.app.App.go", "call:" + APP + ":7", "CALL"},
      {"call:" + APP + ":7", "ref:util:7", "NAME_REF"},
      {"pkg.app.App.go", "ref:x:10", "NAME_REF"},
      {"pkg.app", "import:os", "IMPORT"},
      {"pkg.app", call13, "CALL"},
      {call13, "ref:local:13", "NAME_REF"},
      {call13, "ref:base:13", "NAME_REF"},
      {call13, "pkg.app.<lambda>", "LAMBDA"},
      {"pkg.app.<lambda>", "param:k", "PARAMETER"},
      {"pkg.app.<lambda>", "ref:k:13", "NAME_REF"},
      {"pkg.base.Base.run", "call:" + BASE + ":2", "CALL"},
      {"pkg.app.grid", "param:rows", "PARAMETER"},
      {"pkg.app.grid", "call:" + APP + ":16", "CALL"},
      {
        "call:" + APP + ":16",
        "pkg.app.grid.<locals>.<listcomp>.<listcomp>.<listcomp>.<lambda>",
        "LAMBDA"
      },
    };
    for (String[] e : expected) {
      String src = ids.getOrDefault(e[0], e[0]);
      String dst = ids.getOrDefault(e[1], e[1]);
      Row edge =
          edges("AST", src).stream()
              .filter(x -> x.getField("dst_id").equals(dst))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no AST edge " + e[0] + " -> " + e[1]));
      assertEdge(edge, "AST", src, dst, 1.0, "syntax");
      assertThat(((Row) edge.getField("evidence")).getField(1)).isEqualTo(e[2]);
      assertThat(edge.getField("file_id")).isEqualTo(node(dst).getField("file_id"));
    }
    assertThat(edges("AST", id("pkg.app.local")))
        .extracting(x -> x.getField("dst_id"))
        .containsExactlyInAnyOrder(
            id("decorator:pkg.app.local:0"), id("decorator:pkg.app.local:1"));
  }

  @Test
  void scopeParent_followsTheSymbolTableNesting() {
    String[][] expected = {
      {"pkg.app.App.go", "pkg.app.App", "CLASS"},
      {"pkg.app.App", "pkg.app", "MODULE"},
      {"pkg.app.<lambda>", "pkg.app", "MODULE"},
      {"pkg.app.grid", "pkg.app", "MODULE"},
      {"pkg.base.Base.run", "pkg.base.Base", "CLASS"},
      {"pkg.base.Base", "pkg.base", "MODULE"},
    };
    for (String[] e : expected) {
      Row edge = onlyEdge("SCOPE_PARENT", id(e[0]));
      assertEdge(edge, "SCOPE_PARENT", id(e[0]), id(e[1]), 1.0, "lexical");
      assertThat(((Row) edge.getField("evidence")).getField(1)).isEqualTo(e[2]);
    }
    for (String module : List.of("pkg", "pkg.base", "pkg.app")) {
      assertThat(edges("SCOPE_PARENT", id(module))).isEmpty();
    }
    // Three comprehensions deep, a lambda's parent is still the function around them.
    String deepLambda = id("pkg.app.grid.<locals>.<listcomp>.<listcomp>.<listcomp>.<lambda>");
    Row deep = onlyEdge("SCOPE_PARENT", deepLambda);
    assertEdge(deep, "SCOPE_PARENT", deepLambda, id("pkg.app.grid"), 1.0, "comprehension");
    assertThat(((Row) deep.getField("evidence")).getField(1)).isEqualTo("FUNCTION");
    // one per class, function and lambda, and none for a comprehension
    assertThat(edges.stream().filter(e -> e.getField("kind").equals("SCOPE_PARENT"))).hasSize(13);
    for (String level : List.of("", ".<listcomp>", ".<listcomp>.<listcomp>")) {
      assertThat(edges("SCOPE_PARENT", id("pkg.app.grid.<locals>.<listcomp>" + level))).isEmpty();
    }
  }

  @Test
  void arguments_pointAtTheValueNode_withPositionAndKeyword() {
    String call13 = id("call:" + APP + ":13");
    List<Row> args = edges("ARGUMENT", call13);
    // The third argument, a string literal, has no node of its own.
    assertThat(args).hasSize(2);
    Row base =
        args.stream()
            .filter(e -> e.getField("dst_id").equals(id("ref:base:13")))
            .findFirst()
            .orElseThrow();
    assertEdge(base, "ARGUMENT", call13, id("ref:base:13"), 1.0, "positional");
    assertThat(((Row) base.getField("evidence")).getField(1)).isEqualTo("0");
    Row key =
        args.stream()
            .filter(e -> e.getField("dst_id").equals(id("pkg.app.<lambda>")))
            .findFirst()
            .orElseThrow();
    assertEdge(key, "ARGUMENT", call13, id("pkg.app.<lambda>"), 1.0, "keyword");
    assertThat(((Row) key.getField("evidence")).getField(1)).isEqualTo("1:key");
    assertThat(edges.stream().filter(e -> e.getField("kind").equals("ARGUMENT"))).hasSize(2);
  }

  @Test
  void bothOutputsPlanAsOneGraph_withSharedViewsOnce() {
    StatementSet set = tableEnv.createStatementSet();
    for (var out : Map.of("cpg_nodes", nodesTable, "cpg_edges", edgesTable).entrySet()) {
      tableEnv.createTemporaryTable(
          "sink_" + out.getKey(),
          TableDescriptor.forConnector("blackhole")
              .schema(
                  Schema.newBuilder()
                      .fromResolvedSchema(out.getValue().getResolvedSchema())
                      .build())
              .build());
      set.add(out.getValue().insertInto("sink_" + out.getKey()));
    }
    String plan = set.explain();
    String execution = plan.substring(plan.indexOf("== Optimized Execution Plan =="));
    // def_by_qualname feeds both outputs through many views and is aggregated once.
    assertThat(count(execution, "Aggregate\\(isMerge=\\[true\\], groupBy=\\[qualname\\]"))
        .as(execution)
        .isEqualTo(1);
    // Lateral joins get a fresh correlation id per use, so their digests differ and Flink 2.3
    // plans the unnest of bases and of decorators once per output.
    assertThat(count(execution, "UnnestElements")).as(execution).isEqualTo(4);
  }
}
