package io.codeanatomy.job.run;

import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.read.SnapshotReader;
import io.codeanatomy.extract.ExtractionRun;
import io.codeanatomy.extract.ExtractionTables;
import io.codeanatomy.extract.IncrementalExtractor;
import io.codeanatomy.extract.PythonExtractor;
import io.codeanatomy.spec.InputSpec;
import io.codeanatomy.spec.ParameterBinding;
import io.codeanatomy.spec.Spec;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * A batch rebuild: bring the warehouse's extraction tables in step with the repository (the first
 * time whole, later only the files that changed), then run the spec over exactly the versions the
 * tables then have ({@link BatchRun}).
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
    return run(repo, warehouseDir, specFile, excludedDirs, PythonExtractor.Progress.NONE);
  }

  /** Builds the CPG of {@code repo}, telling {@code progress} about each extracted file. */
  public static BuildSummary run(
      Path repo,
      Path warehouseDir,
      Path specFile,
      Set<String> excludedDirs,
      PythonExtractor.Progress progress) {
    return run(repo, warehouseDir, specFile, List.of(), excludedDirs, progress);
  }

  /**
   * Builds the CPG of {@code repo} with {@code parameters.get(i)} bound to the spec's parameter
   * position {@code i + 1}.
   */
  public static BuildSummary run(
      Path repo,
      Path warehouseDir,
      Path specFile,
      List<?> parameters,
      Set<String> excludedDirs,
      PythonExtractor.Progress progress) {
    long start = System.nanoTime();
    Warehouse warehouse = new Warehouse(warehouseDir);
    Spec spec = BatchRun.loadSpec(specFile);
    checkInputsAreExtractionTables(spec);
    // Values that do not fit the declared parameters fail here, before anything is written.
    ParameterBinding.bind(spec, parameters);

    PythonExtractor extractor = new PythonExtractor().excluding(excludedDirs).reporting(progress);
    if (extractor.sourceFiles(repo).isEmpty()) {
      throw new BuildException(
          "no Python files under " + repo.toAbsolutePath().normalize() + "; nothing to build");
    }
    ExtractionRun extraction =
        new IncrementalExtractor(extractor, warehouse.extractDir()).sync(repo);
    List<Object[]> files = fileStatus(warehouse);

    RunSummary run = BatchRun.run(warehouse, spec, extraction.versions(), parameters);
    return new BuildSummary(
        repo,
        files.size(),
        failedFiles(files),
        describe(extraction),
        extraction.millis(),
        run,
        (System.nanoTime() - start) / 1_000_000);
  }

  private static String describe(ExtractionRun extraction) {
    long committed = extraction.tables().values().stream().filter(t -> t.changed()).count();
    String changes = extraction.initial() ? "first extraction" : extraction.changes().describe();
    return changes + " (" + committed + " of " + extraction.tables().size() + " tables committed)";
  }

  /** {@code path, parse_ok, error} of every file the tables hold. */
  private static List<Object[]> fileStatus(Warehouse warehouse) {
    DeltaTable files = DeltaTable.forPath(warehouse.extractDir().resolve(ExtractionTables.FILES));
    return SnapshotReader.readColumns(
        files, files.snapshot(), List.of("path", "parse_ok", "error"));
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

  private static List<String> failedFiles(List<Object[]> files) {
    return files.stream()
        .filter(row -> !(Boolean) row[1])
        .map(row -> row[0] + " (" + row[2] + ")")
        .sorted()
        .toList();
  }
}
