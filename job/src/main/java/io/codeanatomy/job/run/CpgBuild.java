package io.codeanatomy.job.run;

import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.read.SnapshotReader;
import io.codeanatomy.extract.Extraction;
import io.codeanatomy.extract.ExtractionStore;
import io.codeanatomy.extract.ExtractionTables;
import io.codeanatomy.extract.PythonExtractor;
import io.codeanatomy.job.compile.CompiledSpec;
import io.codeanatomy.job.compile.SpecCompiler;
import io.codeanatomy.job.session.SessionFactory;
import io.codeanatomy.spec.InputSpec;
import io.codeanatomy.spec.OutputSpec;
import io.codeanatomy.spec.Spec;
import io.codeanatomy.spec.SpecLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.StatementSet;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.TableEnvironment;

/**
 * A batch rebuild: extract the repository into the warehouse's extraction tables, then run the spec
 * as one bounded Flink job whose outputs replace the CPG tables, one Delta version each.
 *
 * <p>Everything that can be checked before writing is checked first — the spec, its inputs against
 * the extraction tables, the repository having Python files — so a bad request leaves an existing
 * warehouse untouched.
 */
public final class CpgBuild {
  /** The spec shipped in the spec module, used when the caller names none. */
  public static final String DEFAULT_SPEC = "specs/python-cpg.yaml";

  private CpgBuild() {}

  /**
   * Builds the CPG of {@code repo} into {@code warehouseDir}.
   *
   * @param specFile the spec to run, or null for the shipped python-cpg spec
   */
  public static BuildSummary run(Path repo, Path warehouseDir, Path specFile) {
    long start = System.nanoTime();
    Warehouse warehouse = new Warehouse(warehouseDir);
    Spec spec =
        specFile == null ? SpecLoader.loadResource(DEFAULT_SPEC) : SpecLoader.load(specFile);
    checkInputsAreExtractionTables(spec);

    Extraction extraction = new PythonExtractor().extract(repo);
    if (extraction.rows(ExtractionTables.FILES).isEmpty()) {
      throw new BuildException(
          "no Python files under " + repo.toAbsolutePath().normalize() + "; nothing to build");
    }
    Map<String, Long> inputVersions = ExtractionStore.write(warehouse.extractDir(), extraction);
    long extracted = System.nanoTime();

    TableEnvironment env = SessionFactory.batch(SessionFactory.defaultParallelism());
    CompiledSpec compiled =
        SpecCompiler.compile(spec, env, new DeltaInputBinder(env, warehouse, inputVersions));
    StatementSet statements = env.createStatementSet();
    for (OutputSpec output : spec.outputs()) {
      Table table = compiled.output(output.name());
      Schema schema = Schema.newBuilder().fromResolvedSchema(table.getResolvedSchema()).build();
      statements.add(
          table.insertInto(DeltaDescriptors.overwrite(warehouse.cpgTable(output.name()), schema)));
    }
    try {
      statements.execute().await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BuildException("the build was interrupted", e);
    } catch (Exception e) {
      throw new BuildException("the batch job failed: " + e.getMessage(), e);
    }
    long ran = System.nanoTime();

    List<BuildSummary.OutputSummary> outputs = new ArrayList<>();
    for (OutputSpec output : spec.outputs()) {
      outputs.add(summarize(output.name(), warehouse.cpgTable(output.name())));
    }
    return new BuildSummary(
        repo,
        warehouse.root(),
        extraction.rows(ExtractionTables.FILES).size(),
        failedFiles(extraction),
        new TreeMap<>(inputVersions),
        outputs,
        millis(extracted - start),
        millis(ran - extracted),
        millis(System.nanoTime() - start));
  }

  private static void checkInputsAreExtractionTables(Spec spec) {
    for (int i = 0; i < spec.inputs().size(); i++) {
      InputSpec input = spec.inputs().get(i);
      if (!ExtractionTables.names().contains(input.name())) {
        throw new BuildException(
            "spec input `"
                + input.name()
                + "` (inputs["
                + i
                + "]) is not a table the extractor writes; known tables: "
                + String.join(", ", ExtractionTables.names()));
      }
    }
  }

  private static List<String> failedFiles(Extraction extraction) {
    var schema = ExtractionTables.schema(ExtractionTables.FILES);
    int path = schema.indexOf("path");
    int ok = schema.indexOf("parse_ok");
    int error = schema.indexOf("error");
    return extraction.rows(ExtractionTables.FILES).stream()
        .filter(row -> !(Boolean) row[ok])
        .map(row -> row[path] + " (" + row[error] + ")")
        .sorted()
        .toList();
  }

  private static BuildSummary.OutputSummary summarize(String name, DeltaTable table) {
    var snapshot = table.snapshot();
    Map<String, Long> byKind = new TreeMap<>();
    long rows = 0;
    boolean hasKind = snapshot.getSchema().indexOf("kind") >= 0;
    if (hasKind) {
      for (Object[] row : SnapshotReader.readColumns(table, snapshot, List.of("kind"))) {
        byKind.merge(String.valueOf(row[0]), 1L, Long::sum);
        rows++;
      }
    } else {
      rows = table.files(snapshot).stream().mapToLong(f -> Math.max(0, f.numRecords())).sum();
    }
    return new BuildSummary.OutputSummary(name, snapshot.getVersion(), rows, byKind);
  }

  private static long millis(long nanos) {
    return nanos / 1_000_000;
  }
}
