package io.codeanatomy.job.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.codeanatomy.extract.IncrementalExtractor;
import io.codeanatomy.extract.PythonExtractor;
import io.codeanatomy.job.run.BatchRun;
import io.codeanatomy.job.run.RuntimeProfile;
import io.codeanatomy.job.run.StreamingRun;
import io.codeanatomy.job.run.Warehouse;
import io.codeanatomy.job.stream.CpgTables;
import io.codeanatomy.spec.OutputSpec;
import io.codeanatomy.spec.Spec;
import io.codeanatomy.udf.CodeAnatomyFunctions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.PlanReference;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A streaming bundle's {@code compiled-plan.json} is the portable artifact: executed as is, in a
 * fresh session configured from the manifest alone, it maintains CPG tables equal, row for row, to
 * a batch rebuild of the same input versions.
 */
class CompiledPlanIT {
  static final Path SAMPLE = Path.of("../examples/sample-repo").toAbsolutePath().normalize();
  static final Duration TIMEOUT = Duration.ofSeconds(240);

  @TempDir Path tmp;

  @Test
  void compiledPlanRunsAndProducesTheBatchRows() throws Exception {
    Warehouse warehouse = new Warehouse(tmp.resolve("warehouse"));
    new IncrementalExtractor(new PythonExtractor(), warehouse.extractDir()).sync(SAMPLE);
    Spec spec = BatchRun.loadSpec(null);
    Map<String, Long> versions = BatchRun.latestInputVersions(warehouse, spec);

    Path rebuildRoot = Files.createDirectories(tmp.resolve("rebuild"));
    Files.createSymbolicLink(rebuildRoot.resolve("extract"), warehouse.extractDir());
    Warehouse rebuild = new Warehouse(rebuildRoot);
    BatchRun.run(rebuild, spec, versions);

    StreamingRun.Options options =
        StreamingRun.Options.of(RuntimeProfile.SMALL)
            .withCheckpointInterval(Duration.ofMillis(500))
            .withParallelism(2);
    PlanBundle bundle =
        PlanBundle.of(StreamingRun.plan(warehouse, spec, options), warehouse, "small");
    Path dir = tmp.resolve("bundle");
    bundle.write(dir);
    JsonNode manifest = bundle.manifest();
    assertThat(manifest.path("mode").asText()).isEqualTo("streaming");
    assertThat(manifest.path("compiled_plan").path("written").asBoolean()).isTrue();
    assertThat(manifest.path("artifacts").path(PlanBundle.COMPILED).asText())
        .isEqualTo(PlanBundle.artifactDigest(Files.readString(dir.resolve(PlanBundle.COMPILED))));

    // A fresh session from the manifest's configuration; the compiled plan runs as written.
    Configuration conf = new Configuration();
    String root = "file://" + warehouse.root();
    manifest
        .path("flink_config")
        .fields()
        .forEachRemaining(
            e -> conf.setString(e.getKey(), e.getValue().asText().replace("<warehouse>", root)));
    StreamTableEnvironment env =
        StreamTableEnvironment.create(
            StreamExecutionEnvironment.getExecutionEnvironment(conf),
            EnvironmentSettings.newInstance().inStreamingMode().build());
    CodeAnatomyFunctions.registerAll(env);
    JobClient job =
        env.executePlan(PlanReference.fromFile(dir.resolve(PlanBundle.COMPILED)))
            .getJobClient()
            .orElseThrow();
    try {
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      List<String> differences = differences(spec, warehouse, rebuild);
      while (!differences.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(500);
        differences = differences(spec, warehouse, rebuild);
      }
      assertThat(differences)
          .as("the compiled plan's CPG against a batch rebuild of %s", versions)
          .isEmpty();
    } finally {
      job.cancel().get();
    }
  }

  private static List<String> differences(Spec spec, Warehouse actual, Warehouse expected) {
    List<String> differences = new ArrayList<>();
    for (OutputSpec output : spec.outputs()) {
      List<String> got = CpgTables.rows(actual.cpgTable(output.name()));
      List<String> want = CpgTables.rows(expected.cpgTable(output.name()));
      if (!got.equals(want)) {
        differences.add(output.name() + ": " + got.size() + " rows, expected " + want.size());
      }
    }
    return differences;
  }
}
