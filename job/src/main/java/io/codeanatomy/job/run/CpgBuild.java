package io.codeanatomy.job.run;

import io.codeanatomy.extract.Extraction;
import io.codeanatomy.extract.ExtractionStore;
import io.codeanatomy.extract.ExtractionTables;
import io.codeanatomy.extract.PythonExtractor;
import io.codeanatomy.spec.InputSpec;
import io.codeanatomy.spec.Spec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A batch rebuild: extract the repository into the warehouse's extraction tables, then run the spec
 * over exactly the versions just written ({@link BatchRun}).
 *
 * <p>Everything that can be checked before writing is checked first — the spec, its inputs against
 * the extraction tables, the repository having Python files — so a bad request leaves an existing
 * warehouse untouched.
 */
public final class CpgBuild {
  private CpgBuild() {}

  /**
   * Builds the CPG of {@code repo} into {@code warehouseDir}.
   *
   * @param specFile the spec to run, or null for the shipped python-cpg spec
   */
  public static BuildSummary run(Path repo, Path warehouseDir, Path specFile) {
    return run(repo, warehouseDir, specFile, Set.of());
  }

  /**
   * Builds the CPG of {@code repo}, leaving out the repo-relative directories {@code excludedDirs}
   * (a virtualenv, vendored code).
   */
  public static BuildSummary run(
      Path repo, Path warehouseDir, Path specFile, Set<String> excludedDirs) {
    long start = System.nanoTime();
    Warehouse warehouse = new Warehouse(warehouseDir);
    Spec spec = BatchRun.loadSpec(specFile);
    checkInputsAreExtractionTables(spec);

    Extracted extracted = extract(new PythonExtractor().excluding(excludedDirs), repo, warehouse);
    long extractMillis = (System.nanoTime() - start) / 1_000_000;

    RunSummary run = BatchRun.run(warehouse, spec, extracted.versions());
    return new BuildSummary(
        repo,
        extracted.files(),
        extracted.failedFiles(),
        extractMillis,
        run,
        (System.nanoTime() - start) / 1_000_000);
  }

  /** What the build keeps of an extraction once it is written: the rows stay on disk only. */
  private record Extracted(Map<String, Long> versions, int files, List<String> failedFiles) {}

  /**
   * Extracts and writes the tables. A method of its own so the in-memory rows are unreachable by
   * the time the Flink job needs the heap.
   */
  private static Extracted extract(PythonExtractor extractor, Path repo, Warehouse warehouse) {
    Extraction extraction = extractor.extract(repo);
    if (extraction.rows(ExtractionTables.FILES).isEmpty()) {
      throw new BuildException(
          "no Python files under " + repo.toAbsolutePath().normalize() + "; nothing to build");
    }
    Map<String, Long> versions = ExtractionStore.write(warehouse.extractDir(), extraction);
    return new Extracted(
        versions, extraction.rows(ExtractionTables.FILES).size(), failedFiles(extraction));
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
}
