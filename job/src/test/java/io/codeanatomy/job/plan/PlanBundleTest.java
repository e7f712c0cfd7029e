package io.codeanatomy.job.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.codeanatomy.extract.IncrementalExtractor;
import io.codeanatomy.extract.PythonExtractor;
import io.codeanatomy.job.run.BatchRun;
import io.codeanatomy.job.run.Warehouse;
import io.codeanatomy.spec.Spec;
import io.codeanatomy.spec.SpecHash;
import io.codeanatomy.spec.SpecLoader;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plan bundles of the shipped spec over real extraction tables of the bundled sample: the same
 * spec, input versions and profile give the same bytes — twice in one JVM, over a copy of the
 * warehouse elsewhere on disk, and in a fresh JVM — and the manifest records what was planned.
 */
class PlanBundleTest {
  static final Path SAMPLE = Path.of("../examples/sample-repo").toAbsolutePath().normalize();

  @TempDir static Path tmp;
  static Warehouse warehouse;
  static PlanBundle first;

  @BeforeAll
  static void extractAndPlan() {
    warehouse = new Warehouse(tmp.resolve("warehouse"));
    new IncrementalExtractor(new PythonExtractor(), warehouse.extractDir()).sync(SAMPLE);
    first = PlanBundleMain.batchBundle(warehouse, 2);
  }

  @Test
  void samePlanTwice_sameBytes() {
    PlanBundle second = PlanBundleMain.batchBundle(warehouse, 2);
    assertThat(second.manifestJson()).isEqualTo(first.manifestJson());
    assertThat(second.artifacts()).isEqualTo(first.artifacts());
    assertThat(second.digest()).isEqualTo(first.digest()).hasSize(64);
  }

  @Test
  void warehouseElsewhere_sameManifest() throws IOException {
    Path copy = tmp.resolve("elsewhere/deeper/warehouse");
    copyTree(warehouse.extractDir(), copy.resolve("extract"));
    PlanBundle moved = PlanBundleMain.batchBundle(new Warehouse(copy), 2);
    assertThat(moved.manifestJson()).isEqualTo(first.manifestJson());
    assertThat(moved.manifestJson()).doesNotContain(tmp.toString());
    for (String artifact : moved.artifacts().values()) {
      assertThat(artifact).doesNotContain(tmp.toString());
    }
  }

  @Test
  void freshJvm_sameManifest() throws Exception {
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            PlanBundleMain.class.getName(),
            warehouse.root().toString());
    File err = Files.createTempFile("plan-bundle", ".err").toFile();
    pb.redirectError(err);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(Files.readString(err.toPath())).isZero();
    assertThat(out).startsWith("digest=" + first.digest() + "\n");
    assertThat(out.substring(out.indexOf('\n') + 1)).isEqualTo(first.manifestJson());
  }

  @Test
  void manifestRecordsWhatWasPlanned() {
    JsonNode m = first.manifest();
    Spec spec = BatchRun.loadSpec(null);
    assertThat(m.path("spec").path("name").asText()).isEqualTo("python-cpg");
    assertThat(m.path("spec").path("hash").asText()).isEqualTo(SpecHash.sha256(spec));
    assertThat(m.path("spec").path("template_digest").asText()).hasSize(64);
    assertThat(m.path("mode").asText()).isEqualTo("batch");
    assertThat(m.path("flink_version").asText()).startsWith("2.3");
    JsonNode config = m.path("flink_config");
    assertThat(config.path("parallelism.default").asText()).isEqualTo("2");
    assertThat(config.path("table.optimizer.reuse-optimize-block-with-digest-enabled").asText())
        .isEqualTo("true");
    List<String> keys = new ArrayList<>();
    config.fieldNames().forEachRemaining(keys::add);
    assertThat(keys).isSorted().noneMatch(k -> k.startsWith("__"));

    List<String> inputs = new ArrayList<>();
    for (JsonNode input : m.path("inputs")) {
      inputs.add(input.path("name").asText());
      assertThat(input.path("version").asLong()).isZero();
      assertThat(input.path("schema_hash").asText()).hasSize(64);
      assertThat(input.path("table").asText()).isEqualTo("extract/" + input.path("name").asText());
    }
    assertThat(inputs)
        .containsExactlyInAnyOrderElementsOf(spec.inputs().stream().map(i -> i.name()).toList());
    assertThat(m.path("outputs").findValuesAsText("name")).contains("cpg_nodes", "cpg_edges");
    assertThat(m.path("functions").toString()).contains("\"stable_hash_id\"", "\"concat\"");
    // Every JOIN of the shipped spec names its keys; none is inferred.
    JsonNode joins = m.path("join_keys");
    assertThat(joins.size()).isPositive();
    joins.forEach(j -> assertThat(j.path("inferred").asBoolean()).isFalse());

    // Flink 2.3 has no compiled plan for the batch plan's adaptive joins; the reason says so.
    assertThat(m.path("compiled_plan").path("written").asBoolean()).isFalse();
    assertThat(m.path("compiled_plan").path("reason").asText()).contains("BatchExec");
    assertThat(first.artifacts())
        .containsKeys(
            PlanBundle.LOGICAL,
            PlanBundle.OPTIMIZED,
            PlanBundle.EXECUTION,
            PlanBundle.VIEWS,
            "sql/cpg_nodes.sql",
            "sql/cpg_edges.sql",
            "sql/views/file_paths.sql")
        .doesNotContainKey(PlanBundle.COMPILED);
    assertThat(first.artifacts().keySet().stream().filter(k -> k.startsWith("sql/views/")))
        .hasSizeGreaterThan(10);
    first
        .artifacts()
        .forEach(
            (name, text) ->
                assertThat(m.path("artifacts").path(name).asText())
                    .isEqualTo(PlanBundle.artifactDigest(text)));
  }

  @Test
  void artifactsAreThePlans() {
    assertThat(first.artifacts().get(PlanBundle.LOGICAL)).startsWith("== Abstract Syntax Tree ==");
    // A view several outputs read is computed once: the optimized plan reuses its node.
    assertThat(first.artifacts().get(PlanBundle.OPTIMIZED))
        .startsWith("== Optimized Physical Plan ==")
        .contains("reuse_id=[");
    String graph = first.artifacts().get(PlanBundle.EXECUTION);
    assertThat(graph).startsWith("{").contains("\"id\" : 1,").contains("\"parallelism\" : 2");
    assertThat(first.artifacts().get(PlanBundle.VIEWS))
        .startsWith("digraph \"python-cpg\" {")
        .contains("\"files\" [shape=cylinder")
        .contains("\"output:cpg_nodes\" [shape=doubleoctagon");
    // Every output and view unparses (lateral UNNEST joins and OVER plans included), names the
    // spec's inputs, and is SQL that Flink's parser reads; OutputSqlIT runs the outputs' text.
    first.artifacts().entrySet().stream()
        .filter(a -> a.getKey().startsWith(PlanBundle.SQL_DIR))
        .forEach(
            a -> {
              assertThat(a.getValue()).as(a.getKey()).startsWith("SELECT");
              assertThat(FlinkSqlParsing.parses(a.getValue())).as(a.getKey()).isNull();
            });
    assertThat(first.artifacts().get("sql/cpg_edges.sql"))
        .contains("CROSS JOIN UNNEST(")
        .contains("ROW_NUMBER() OVER (PARTITION BY")
        .contains("FROM `defs`")
        .doesNotContain("anonymous");
    assertThat(first.artifacts().get("sql/views/file_paths.sql")).startsWith("SELECT");
  }

  @Test
  void inferredJoinKeysAreRecorded() throws IOException {
    Path specFile = tmp.resolve("infer.yaml");
    Files.writeString(
        specFile,
        """
        name: infer
        version: 1
        inputs:
          - name: defs
            columns:
              - {name: def_id, type: STRING, nullable: false, semantic: DefId}
              - {name: file_id, type: STRING, nullable: false, semantic: FileId}
          - name: files
            columns:
              - {name: file_id, type: STRING, nullable: false, semantic: FileId}
              - {name: path, type: STRING, nullable: false, semantic: Path}
        views:
          - name: def_paths
            kind: JOIN
            left: defs
            right: files
            select:
              - {name: def_id, expr: {col: left.def_id}}
              - {name: path, expr: {col: right.path}}
        outputs:
          - {name: def_paths, view: def_paths}
        """);
    Spec spec = SpecLoader.load(specFile);
    PlanBundle bundle =
        PlanBundle.of(
            BatchRun.plan(warehouse, spec, BatchRun.latestInputVersions(warehouse, spec), 1),
            warehouse,
            "batch");
    JsonNode join = bundle.manifest().path("join_keys").path("def_paths");
    assertThat(join.path("inferred").asBoolean()).isTrue();
    assertThat(join.path("keys").toString())
        .isEqualTo("[{\"left\":\"file_id\",\"right\":\"file_id\"}]");
    assertThat(bundle.artifacts().get(PlanBundle.VIEWS))
        .contains("def_paths\\nJOIN\\ninferred: file_id = file_id");
    assertThat(bundle.artifacts().get("sql/def_paths.sql")).startsWith("SELECT").contains("JOIN");
  }

  @Test
  void writtenBundleReadsBack_andDiffsShowWhatChanged() {
    Path a = tmp.resolve("bundles/a");
    Path b = tmp.resolve("bundles/b");
    first.write(a);
    PlanBundleMain.batchBundle(warehouse, 1).write(b);

    PlanBundle readA = PlanBundle.read(a);
    assertThat(readA).isEqualTo(first);
    assertThat(PlanDiff.of(readA, "a", PlanBundle.read(a), "a").identical()).isTrue();

    PlanDiff diff = PlanDiff.of(readA, "a", PlanBundle.read(b), "b");
    assertThat(diff.identical()).isFalse();
    assertThat(diff.manifestChanges())
        .contains(new PlanDiff.FieldChange("flink_config.parallelism.default", "2", "1"));
    PlanDiff.ArtifactChange graph =
        diff.artifactChanges().stream()
            .filter(c -> c.name().equals(PlanBundle.EXECUTION))
            .findFirst()
            .orElseThrow();
    assertThat(graph.unifiedDiff())
        .startsWith("--- a/p2-execution.json", "+++ b/p2-execution.json")
        .contains("-    \"parallelism\" : 2,", "+    \"parallelism\" : 1,");
    StringWriter printed = new StringWriter();
    diff.print(new java.io.PrintWriter(printed), true);
    assertThat(printed.toString())
        .contains("flink_config.parallelism.default: 2 -> 1")
        .contains("p2-execution.json")
        .doesNotContain("+++");
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path source : files.toList()) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
        }
      }
    }
  }
}
