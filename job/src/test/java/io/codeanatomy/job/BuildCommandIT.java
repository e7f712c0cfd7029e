package io.codeanatomy.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.read.SnapshotReader;
import io.codeanatomy.job.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo flow end to end — extractor, Delta tables, spec, compiler, batch job, Delta sink — on
 * the bundled sample, checked against facts CPython's {@code ast} computed independently ({@code
 * examples/sample_facts.py} → {@code sample-facts.json}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BuildCommandIT {
  static final Path SAMPLE = Path.of("../examples/sample-repo").toAbsolutePath().normalize();

  @TempDir static Path tmp;
  Path warehouse;
  JsonNode facts;
  Run first;
  Map<String, Object[]> nodes; // node_id -> row
  List<Object[]> edges;

  record Run(int exit, String out, String err) {}

  @BeforeAll
  void buildOnce() throws IOException {
    facts = new ObjectMapper().readTree(getClass().getResource("/sample-facts.json"));
    warehouse = tmp.resolve("warehouse");
    first = cli("build", SAMPLE.toString(), "--warehouse", warehouse.toString());
    assertThat(first.exit()).as(first.err()).isZero();
    nodes = new HashMap<>();
    for (Object[] row : rows("cpg_nodes")) {
      nodes.put((String) row[col("cpg_nodes", "node_id")], row);
    }
    edges = rows("cpg_edges");
  }

  @Test
  @Order(1)
  void printsTheSummary() {
    assertThat(first.out())
        .contains("CodeAnatomy build of " + SAMPLE)
        .contains("files        31 (29 parsed, 2 failed")
        .contains("stockroom/broken.py")
        .contains("stockroom/legacy_labels.py")
        .contains("cpg_nodes    v0")
        .contains("cpg_edges    v0")
        .contains("wall time");
  }

  @Test
  @Order(1)
  void everyFileAndEveryDefinitionIsANode() {
    Map<String, Long> byKind = countBy(nodes.values(), col("cpg_nodes", "kind"));
    assertThat(byKind.get("FILE")).isEqualTo(facts.get("python_files").asLong());
    assertThat(byKind.get("FUNCTION")).isEqualTo(facts.get("function_defs").asLong());
    assertThat(byKind.get("CLASS")).isEqualTo(facts.get("class_defs").asLong());

    List<String> expected = new ArrayList<>();
    facts
        .get("defs")
        .forEach(d -> expected.add(d.get("kind").asText() + " " + d.get("qualname").asText()));
    List<String> actual =
        nodes.values().stream()
            .filter(n -> List.of("CLASS", "FUNCTION").contains(n[col("cpg_nodes", "kind")]))
            .map(n -> n[col("cpg_nodes", "kind")] + " " + n[col("cpg_nodes", "qualname")])
            .toList();
    assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  @Order(1)
  void filesThatDoNotParseAreRecordedAndNotFatal() {
    DeltaTable files = DeltaTable.forPath(warehouse.resolve("extract/files"));
    var schema = files.snapshot().getSchema();
    Map<String, Boolean> parseOk = new TreeMap<>();
    for (Object[] row : SnapshotReader.readAll(files)) {
      parseOk.put((String) row[schema.indexOf("path")], (Boolean) row[schema.indexOf("parse_ok")]);
    }
    assertThat(parseOk).hasSize(facts.get("python_files").asInt());
    for (JsonNode failure : facts.get("parse_failures")) {
      assertThat(parseOk).containsEntry(failure.get("path").asText(), false);
    }
    assertThat(parseOk.values().stream().filter(ok -> !ok)).hasSize(2);
  }

  @Test
  @Order(1)
  void callsResolveThroughRelativeImportsModulesAndSelf() {
    for (JsonNode edge : facts.get("expected_edges")) {
      if (!edge.get("kind").asText().equals("CALLS")
          || !edge.get("level").asText().equals("basic")) {
        continue;
      }
      List<String> targets =
          callTargets(
              edge.get("path").asText(),
              edge.get("line").asInt(),
              edge.get("callee_text").asText());
      assertThat(targets)
          .as("CALLS from %s line %s (%s)", edge.get("path"), edge.get("line"), edge.get("why"))
          .containsExactly(edge.get("dst").asText());
    }
  }

  @Test
  @Order(1)
  void unresolvedCallsGoToOneExternalNodeWithLowConfidence() {
    for (JsonNode call : facts.get("expected_unresolved")) {
      List<Object[]> out =
          callEdges(
              call.get("path").asText(),
              call.get("line").asInt(),
              call.get("callee_text").asText());
      assertThat(out).as("CALLS of %s", call).hasSize(1);
      Object[] target = nodes.get(out.get(0)[col("cpg_edges", "dst_id")]);
      assertThat(target[col("cpg_nodes", "kind")]).isEqualTo("EXTERNAL");
      assertThat((Double) out.get(0)[col("cpg_edges", "confidence")]).isLessThan(1.0);
    }
  }

  @Test
  @Order(1)
  void noCallSiteFansOut() {
    Map<Object, Long> perCall =
        edges.stream()
            .filter(e -> e[col("cpg_edges", "kind")].equals("CALLS"))
            .collect(
                Collectors.groupingBy(e -> e[col("cpg_edges", "src_id")], Collectors.counting()));
    assertThat(perCall.values()).allMatch(n -> n == 1);
    long callNodes =
        nodes.values().stream().filter(n -> n[col("cpg_nodes", "kind")].equals("CALL")).count();
    assertThat(callNodes).isEqualTo(facts.get("calls_total").asLong());
  }

  @Test
  @Order(1)
  void importsLinkModules() {
    for (JsonNode edge : facts.get("expected_edges")) {
      if (!edge.get("kind").asText().equals("IMPORTS")
          || !edge.get("level").asText().equals("basic")) {
        continue;
      }
      boolean found =
          edges.stream()
              .filter(e -> e[col("cpg_edges", "kind")].equals("IMPORTS"))
              .anyMatch(
                  e ->
                      edge.get("src").asText().equals(qualname(e[col("cpg_edges", "src_id")]))
                          && edge.get("dst")
                              .asText()
                              .equals(qualname(e[col("cpg_edges", "dst_id")])));
      assertThat(found).as("IMPORTS %s -> %s", edge.get("src"), edge.get("dst")).isTrue();
    }
  }

  @Test
  @Order(1)
  void everyNameReferenceIsANodeWithAtMostOneRefEdge() {
    long nameRefs =
        nodes.values().stream().filter(n -> n[col("cpg_nodes", "kind")].equals("NAME_REF")).count();
    assertThat(nameRefs).isEqualTo(facts.get("name_refs_total").asLong());
    Map<Object, Long> perRef =
        edges.stream()
            .filter(e -> e[col("cpg_edges", "kind")].equals("REF"))
            .collect(
                Collectors.groupingBy(e -> e[col("cpg_edges", "src_id")], Collectors.counting()));
    assertThat(perRef).isNotEmpty();
    assertThat(perRef.values()).as("REF edges per name reference").allMatch(n -> n == 1);
    assertThat(perRef.keySet())
        .allSatisfy(
            src -> assertThat(nodes.get(src)[col("cpg_nodes", "kind")]).isEqualTo("NAME_REF"));
  }

  @Test
  @Order(1)
  void nameReferencesResolveByPythonScoping() {
    for (JsonNode ref : facts.get("expected_refs")) {
      String path = ref.get("path").asText();
      int line = ref.get("line").asInt();
      String name = ref.get("name").asText();
      String ctx = ref.get("ctx").asText();
      // `x = x + 1` has two names x on its line: the ctx tells them apart.
      List<String> refIds =
          nodes.values().stream()
              .filter(n -> n[col("cpg_nodes", "kind")].equals("NAME_REF"))
              .filter(n -> path.equals(n[col("cpg_nodes", "path")]))
              .filter(n -> ((Object[]) n[col("cpg_nodes", "loc")])[0].equals(line))
              .filter(n -> name.equals(n[col("cpg_nodes", "name")]))
              .filter(n -> ctx.equals(((Map<?, ?>) n[col("cpg_nodes", "properties")]).get("ctx")))
              .map(n -> (String) n[col("cpg_nodes", "node_id")])
              .toList();
      assertThat(refIds).as("NAME_REF node %s:%s %s %s", path, line, name, ctx).hasSize(1);
      List<Object[]> out =
          edges.stream()
              .filter(e -> e[col("cpg_edges", "kind")].equals("REF"))
              .filter(e -> e[col("cpg_edges", "src_id")].equals(refIds.get(0)))
              .toList();
      String why = ref.get("why").asText();
      if (ref.get("dst_kind").isNull()) {
        assertThat(out).as("REF of %s:%s %s (%s)", path, line, name, why).isEmpty();
        continue;
      }
      assertThat(out).as("REF of %s:%s %s (%s)", path, line, name, why).hasSize(1);
      Object[] target = nodes.get(out.get(0)[col("cpg_edges", "dst_id")]);
      assertThat(target).as("target node of %s:%s %s", path, line, name).isNotNull();
      assertThat(target[col("cpg_nodes", "kind")]).isEqualTo(ref.get("dst_kind").asText());
      double confidence = (Double) out.get(0)[col("cpg_edges", "confidence")];
      if (ref.get("dst_kind").asText().equals("EXTERNAL")) {
        assertThat(target[col("cpg_nodes", "name")]).isEqualTo(ref.get("external").asText());
        assertThat(confidence).isLessThan(1.0);
      } else if (ref.get("dst_kind").asText().equals("PARAMETER")) {
        // A parameter has no qualname: it is named like the reference, sits on dst_line and
        // belongs (AST) to the function or lambda dst names.
        assertThat(target[col("cpg_nodes", "name")])
            .as("REF of %s:%s %s", path, line, name)
            .isEqualTo(name);
        assertThat(((Object[]) target[col("cpg_nodes", "loc")])[0])
            .as("line of the parameter REF of %s:%s %s points at (%s)", path, line, name, why)
            .isEqualTo(ref.get("dst_line").asInt());
        assertThat(astParents(target[col("cpg_nodes", "node_id")]))
            .as("owner of the parameter REF of %s:%s %s points at (%s)", path, line, name, why)
            .containsExactly(ref.get("dst").asText());
        assertThat(confidence).isEqualTo(1.0);
      } else {
        assertThat(target[col("cpg_nodes", "qualname")])
            .as("REF of %s:%s %s (%s)", path, line, name, why)
            .isEqualTo(ref.get("dst").asText());
        if (ref.has("dst_line")) {
          assertThat(((Object[]) target[col("cpg_nodes", "loc")])[0])
              .as("line of the def REF of %s:%s %s points at (%s)", path, line, name, why)
              .isEqualTo(ref.get("dst_line").asInt());
        }
        assertThat(confidence).isEqualTo(1.0);
      }
    }
  }

  @Test
  @Order(1)
  void refsToParametersNameAParameterOfTheirName() {
    List<Object[]> toParameters =
        edges.stream()
            .filter(e -> e[col("cpg_edges", "kind")].equals("REF"))
            .filter(e -> "PARAMETER".equals(kind(e[col("cpg_edges", "dst_id")])))
            .toList();
    // Every name symtable resolves to a parameter (of its own function or lambda, or a free name
    // of an enclosing function's), and nothing else.
    assertThat(toParameters).hasSize(facts.get("parameter_refs_total").asInt());
    for (Object[] e : toParameters) {
      Object[] ref = nodes.get(e[col("cpg_edges", "src_id")]);
      Object[] param = nodes.get(e[col("cpg_edges", "dst_id")]);
      assertThat(param[col("cpg_nodes", "name")]).isEqualTo(ref[col("cpg_nodes", "name")]);
      assertThat(param[col("cpg_nodes", "file_id")]).isEqualTo(ref[col("cpg_nodes", "file_id")]);
      assertThat(((Object[]) e[col("cpg_edges", "evidence")])[0]).isEqualTo("param");
    }
  }

  @Test
  @Order(1)
  void everyDefCallAndImportIsContainedOnce_atAnyComprehensionDepth() {
    Map<Object, Long> containers =
        edges.stream()
            .filter(e -> e[col("cpg_edges", "kind")].equals("CONTAINS"))
            .collect(
                Collectors.groupingBy(e -> e[col("cpg_edges", "dst_id")], Collectors.counting()));
    for (Object[] n : nodes.values()) {
      if (List.of("CLASS", "FUNCTION", "CALL", "IMPORT").contains(n[col("cpg_nodes", "kind")])) {
        assertThat(containers.get(n[col("cpg_nodes", "node_id")]))
            .as(
                "CONTAINS edges into %s %s",
                n[col("cpg_nodes", "kind")], n[col("cpg_nodes", "name")])
            .isEqualTo(1L);
      }
    }
  }

  @Test
  @Order(1)
  void lambdasParametersAndDecoratorsAreNodes() {
    Map<String, Long> byKind = countBy(nodes.values(), col("cpg_nodes", "kind"));
    assertThat(byKind.get("LAMBDA")).isEqualTo(facts.get("lambdas_total").asLong());
    assertThat(byKind.get("PARAMETER")).isEqualTo(facts.get("parameters_total").asLong());
    assertThat(byKind.get("DECORATOR")).isEqualTo(facts.get("decorators_total").asLong());
    for (JsonNode fact : facts.get("expected_syntax").get("nodes")) {
      Object[] node = node(fact);
      Map<?, ?> properties = (Map<?, ?>) node[col("cpg_nodes", "properties")];
      if (fact.has("index")) {
        assertThat(properties.get("index")).as("%s", fact).isEqualTo(fact.get("index").asText());
        assertThat(properties.get("kind"))
            .as("%s", fact)
            .isEqualTo(fact.get("param_kind").asText());
      }
      if (fact.has("text")) {
        assertThat(properties.get("text")).as("%s", fact).isEqualTo(fact.get("text").asText());
      }
    }
  }

  @Test
  @Order(1)
  void syntaxEdgesAreCpythonsAst() {
    Map<String, Long> byKind = countBy(edges, col("cpg_edges", "kind"));
    assertThat(byKind.get("AST")).isEqualTo(facts.get("ast_edges_total").asLong());
    assertThat(byKind.get("SCOPE_PARENT"))
        .isEqualTo(facts.get("scope_parent_edges_total").asLong());
    assertThat(byKind.get("ARGUMENT")).isEqualTo(facts.get("argument_edges_total").asLong());
    Map<Object, Long> astParents =
        edges.stream()
            .filter(e -> e[col("cpg_edges", "kind")].equals("AST"))
            .collect(
                Collectors.groupingBy(e -> e[col("cpg_edges", "dst_id")], Collectors.counting()));
    for (Object[] n : nodes.values()) {
      boolean root = List.of("FILE", "MODULE", "EXTERNAL").contains(n[col("cpg_nodes", "kind")]);
      assertThat(astParents.get(n[col("cpg_nodes", "node_id")]))
          .as("AST parents of %s %s", n[col("cpg_nodes", "kind")], n[col("cpg_nodes", "name")])
          .isEqualTo(root ? null : 1L);
    }
    for (JsonNode fact : facts.get("expected_syntax").get("edges")) {
      Object src = node(fact.get("src"))[col("cpg_nodes", "node_id")];
      Object dst = node(fact.get("dst"))[col("cpg_nodes", "node_id")];
      List<Object[]> found =
          edges.stream()
              .filter(e -> e[col("cpg_edges", "kind")].equals(fact.get("kind").asText()))
              .filter(e -> e[col("cpg_edges", "src_id")].equals(src))
              .filter(e -> e[col("cpg_edges", "dst_id")].equals(dst))
              .toList();
      assertThat(found).as("%s (%s)", fact, fact.get("why")).hasSize(1);
      Object[] evidence = (Object[]) found.get(0)[col("cpg_edges", "evidence")];
      if (fact.has("rule")) {
        assertThat(evidence[0]).as("%s", fact).isEqualTo(fact.get("rule").asText());
      }
      if (fact.has("detail")) {
        assertThat(evidence[1]).as("%s", fact).isEqualTo(fact.get("detail").asText());
      }
    }
  }

  @Test
  @Order(2)
  void secondBuildAddsOneVersionWithTheSameRows() {
    List<String> nodeIds = ids("cpg_nodes", "node_id");
    List<String> edgeIds = ids("cpg_edges", "edge_id");

    Run second = cli("build", SAMPLE.toString(), "--warehouse", warehouse.toString());

    assertThat(second.exit()).as(second.err()).isZero();
    assertThat(DeltaTable.forPath(warehouse.resolve("cpg/cpg_nodes")).latestVersion()).isEqualTo(1);
    assertThat(DeltaTable.forPath(warehouse.resolve("cpg/cpg_edges")).latestVersion()).isEqualTo(1);
    assertThat(ids("cpg_nodes", "node_id")).doesNotHaveDuplicates().isEqualTo(nodeIds);
    assertThat(ids("cpg_edges", "edge_id")).doesNotHaveDuplicates().isEqualTo(edgeIds);
  }

  @Test
  @Order(3)
  void badRequestsFailWithOneLineAndLeaveTheWarehouseUntouched() throws IOException {
    Map<String, Long> before = versions();
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    Path badSpec = tmp.resolve("bad.yaml");
    String shipped =
        new String(
            Objects.requireNonNull(getClass().getResourceAsStream("/specs/python-cpg.yaml"))
                .readAllBytes());
    Files.writeString(badSpec, shipped.replaceAll("\\bcalls\\b", "kalls"));

    Run missing = cli("build", tmp.resolve("nope").toString(), "--warehouse", warehouse.toString());
    Run none = cli("build", empty.toString(), "--warehouse", warehouse.toString());
    Run unknown =
        cli(
            "build",
            SAMPLE.toString(),
            "--warehouse",
            warehouse.toString(),
            "--spec",
            badSpec.toString());

    assertThat(missing.exit()).isEqualTo(Main.USAGE);
    assertThat(missing.err()).contains("does not exist").hasLineCount(1);
    assertThat(none.exit()).isEqualTo(Main.FAILURE);
    assertThat(none.err()).contains("no Python files").hasLineCount(1);
    assertThat(unknown.exit()).isIn(Main.FAILURE, Main.USAGE);
    assertThat(unknown.err()).contains("kalls").hasLineCount(1);
    assertThat(versions()).isEqualTo(before);
  }

  @Test
  @Order(4)
  void runReplaysTheEngineAloneOverTheExistingExtraction() throws IOException {
    List<String> edgeIds = ids("cpg_edges", "edge_id");

    Run run = cli("run", "--warehouse", warehouse.toString());
    Run nothing =
        cli("run", "--warehouse", Files.createDirectories(tmp.resolve("bare")).toString());

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("CodeAnatomy batch run").contains("cpg_edges    v2");
    assertThat(ids("cpg_edges", "edge_id")).isEqualTo(edgeIds);
    assertThat(nothing.exit()).isEqualTo(Main.FAILURE);
    assertThat(nothing.err()).contains("has no Delta table at").hasLineCount(1);
  }

  // --- helpers -------------------------------------------------------------------------------

  private List<String> callTargets(String path, int line, String calleeText) {
    return callEdges(path, line, calleeText).stream()
        .map(e -> qualname(e[col("cpg_edges", "dst_id")]))
        .toList();
  }

  private List<Object[]> callEdges(String path, int line, String calleeText) {
    List<String> callIds =
        nodes.values().stream()
            .filter(n -> n[col("cpg_nodes", "kind")].equals("CALL"))
            .filter(n -> path.equals(n[col("cpg_nodes", "path")]))
            .filter(n -> ((Object[]) n[col("cpg_nodes", "loc")])[0].equals(line))
            .filter(
                n ->
                    calleeText.equals(
                        ((Map<?, ?>) n[col("cpg_nodes", "properties")]).get("callee_text")))
            .map(n -> (String) n[col("cpg_nodes", "node_id")])
            .toList();
    assertThat(callIds).as("CALL node %s:%s %s", path, line, calleeText).hasSize(1);
    return edges.stream()
        .filter(e -> e[col("cpg_edges", "kind")].equals("CALLS"))
        .filter(e -> e[col("cpg_edges", "src_id")].equals(callIds.get(0)))
        .toList();
  }

  /** The one node a fact describes by kind, path, line, name, qualname or callee text. */
  private Object[] node(JsonNode fact) {
    List<Object[]> found =
        nodes.values().stream()
            .filter(n -> n[col("cpg_nodes", "kind")].equals(fact.get("kind").asText()))
            .filter(
                n ->
                    !fact.has("path")
                        || fact.get("path").asText().equals(n[col("cpg_nodes", "path")]))
            .filter(
                n ->
                    !fact.has("line")
                        || ((Object[]) n[col("cpg_nodes", "loc")])
                            [0].equals(fact.get("line").asInt()))
            .filter(
                n ->
                    !fact.has("name")
                        || fact.get("name").asText().equals(n[col("cpg_nodes", "name")]))
            .filter(
                n ->
                    !fact.has("qualname")
                        || fact.get("qualname").asText().equals(n[col("cpg_nodes", "qualname")]))
            .filter(
                n ->
                    !fact.has("callee_text")
                        || fact.get("callee_text")
                            .asText()
                            .equals(
                                ((Map<?, ?>) n[col("cpg_nodes", "properties")]).get("callee_text")))
            .toList();
    assertThat(found).as("nodes matching %s", fact).hasSize(1);
    return found.get(0);
  }

  private String kind(Object nodeId) {
    Object[] node = nodes.get(nodeId);
    return node == null ? null : (String) node[col("cpg_nodes", "kind")];
  }

  /** The qualnames of the nodes with an AST edge to {@code nodeId}. */
  private List<String> astParents(Object nodeId) {
    return edges.stream()
        .filter(e -> e[col("cpg_edges", "kind")].equals("AST"))
        .filter(e -> e[col("cpg_edges", "dst_id")].equals(nodeId))
        .map(e -> qualname(e[col("cpg_edges", "src_id")]))
        .toList();
  }

  private String qualname(Object nodeId) {
    Object[] node = nodes.get(nodeId);
    return node == null ? null : (String) node[col("cpg_nodes", "qualname")];
  }

  private Map<String, Long> versions() throws IOException {
    Map<String, Long> versions = new TreeMap<>();
    try (Stream<Path> logs =
        Files.walk(warehouse).filter(p -> p.getFileName().toString().equals("_delta_log"))) {
      for (Path log : logs.toList()) {
        versions.put(
            warehouse.relativize(log.getParent()).toString(),
            DeltaTable.forPath(log.getParent()).latestVersion());
      }
    }
    return versions;
  }

  private List<String> ids(String table, String column) {
    return rows(table).stream().map(r -> (String) r[col(table, column)]).sorted().toList();
  }

  private List<Object[]> rows(String table) {
    return SnapshotReader.readAll(DeltaTable.forPath(warehouse.resolve("cpg").resolve(table)));
  }

  private final Map<String, Integer> columns = new HashMap<>();

  /** Column index by name; schemas do not change within a test, so each is looked up once. */
  private int col(String table, String column) {
    return columns.computeIfAbsent(table + "." + column, k -> lookUp(table, column));
  }

  private int lookUp(String table, String column) {
    int index =
        DeltaTable.forPath(warehouse.resolve("cpg").resolve(table))
            .snapshot()
            .getSchema()
            .indexOf(column);
    assertThat(index).as("%s.%s", table, column).isNotNegative();
    return index;
  }

  private static Map<String, Long> countBy(java.util.Collection<Object[]> rows, int column) {
    return rows.stream()
        .collect(
            Collectors.groupingBy(r -> (String) r[column], TreeMap::new, Collectors.counting()));
  }

  private static Run cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(exit, out.toString(), err.toString());
  }
}
