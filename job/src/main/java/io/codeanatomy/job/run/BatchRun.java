package io.codeanatomy.job.run;

import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.read.SnapshotReader;
import io.codeanatomy.job.compile.CompiledSpec;
import io.codeanatomy.job.compile.SpecCompiler;
import io.codeanatomy.job.session.SessionFactory;
import io.codeanatomy.spec.InputSpec;
import io.codeanatomy.spec.OutputSpec;
import io.codeanatomy.spec.Spec;
import io.codeanatomy.spec.SpecLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.StatementSet;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.TableEnvironment;

/**
 * The engine alone: a spec as one bounded Flink job over pinned versions of the extraction tables,
 * every output replacing its CPG table as one Delta version. The extraction tables may come from
 * our extractor or from anyone else's.
 */
public final class BatchRun {
  /** The spec shipped in the spec module, used when the caller names none. */
  public static final String DEFAULT_SPEC = "specs/python-cpg.yaml";

  private BatchRun() {}

  /** Loads {@code specFile}, or the shipped python-cpg spec when it is null. */
  public static Spec loadSpec(Path specFile) {
    return specFile == null ? SpecLoader.loadResource(DEFAULT_SPEC) : SpecLoader.load(specFile);
  }

  /**
   * The latest version of every input's table; fails naming the first input whose table is missing,
   * before anything runs.
   */
  public static Map<String, Long> latestInputVersions(Warehouse warehouse, Spec spec) {
    Map<String, Long> versions = new LinkedHashMap<>();
    for (int i = 0; i < spec.inputs().size(); i++) {
      InputSpec input = spec.inputs().get(i);
      DeltaTable table = warehouse.extractTable(input.name());
      if (!table.exists()) {
        throw new BuildException(
            "spec input `"
                + input.name()
                + "` (inputs["
                + i
                + "]) has no Delta table at "
                + table.path()
                + "; build the warehouse first (codeanatomy build) or point --warehouse at one");
      }
      versions.put(input.name(), table.latestVersion());
    }
    return versions;
  }

  /** Runs {@code spec} over the given input versions and summarises the outputs. */
  public static RunSummary run(Warehouse warehouse, Spec spec, Map<String, Long> inputVersions) {
    return run(warehouse, spec, inputVersions, List.of());
  }

  /**
   * Runs {@code spec} with {@code parameters.get(i)} bound to its parameter position {@code i + 1}
   * (see {@link SpecCompiler#compile(Spec, TableEnvironment,
   * io.codeanatomy.job.compile.InputBinder, List)}) over the given input versions, and summarises
   * the outputs.
   */
  public static RunSummary run(
      Warehouse warehouse, Spec spec, Map<String, Long> inputVersions, List<?> parameters) {
    long start = System.nanoTime();
    StatementSet statements =
        plan(warehouse, spec, inputVersions, parameters, SessionFactory.defaultParallelism())
            .statements();
    try {
      statements.execute().await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BuildException("the run was interrupted", e);
    } catch (Exception e) {
      // Flink wraps the cause in layers of "job failed"; the innermost one says what happened.
      Throwable cause = e;
      while (cause.getCause() != null) {
        cause = cause.getCause();
      }
      throw new BuildException("the batch job failed: " + cause, e);
    }
    List<RunSummary.OutputSummary> outputs = new ArrayList<>();
    for (OutputSpec output : spec.outputs()) {
      outputs.add(summarize(output.name(), warehouse.cpgTable(output.name())));
    }
    return new RunSummary(
        warehouse.root(),
        new TreeMap<>(inputVersions),
        outputs,
        (System.nanoTime() - start) / 1_000_000);
  }

  /**
   * The plan {@link #run} executes: {@code spec} compiled in a batch session of {@code parallelism}
   * over the given input versions, every output overwriting its CPG table. Nothing runs.
   */
  public static RunPlan plan(
      Warehouse warehouse, Spec spec, Map<String, Long> inputVersions, int parallelism) {
    return plan(warehouse, spec, inputVersions, List.of(), parallelism);
  }

  /** The same, with {@code parameters.get(i)} bound to parameter position {@code i + 1}. */
  public static RunPlan plan(
      Warehouse warehouse,
      Spec spec,
      Map<String, Long> inputVersions,
      List<?> parameters,
      int parallelism) {
    TableEnvironment env = SessionFactory.batch(parallelism);
    CompiledSpec compiled =
        SpecCompiler.compile(
            spec, env, new DeltaInputBinder(env, warehouse, inputVersions), parameters);
    StatementSet statements = env.createStatementSet();
    for (OutputSpec output : spec.outputs()) {
      Table table = compiled.output(output.name());
      Schema schema = Schema.newBuilder().fromResolvedSchema(table.getResolvedSchema()).build();
      statements.add(
          table.insertInto(DeltaDescriptors.overwrite(warehouse.cpgTable(output.name()), schema)));
    }
    return new RunPlan(env, compiled, statements, inputVersions, false);
  }

  private static RunSummary.OutputSummary summarize(String name, DeltaTable table) {
    var snapshot = table.snapshot();
    Map<String, Long> byKind = new TreeMap<>();
    long rows = 0;
    if (snapshot.getSchema().indexOf("kind") >= 0) {
      for (Object[] row : SnapshotReader.readColumns(table, snapshot, List.of("kind"))) {
        byKind.merge(String.valueOf(row[0]), 1L, Long::sum);
        rows++;
      }
    } else {
      rows = table.files(snapshot).stream().mapToLong(f -> Math.max(0, f.numRecords())).sum();
    }
    return new RunSummary.OutputSummary(name, snapshot.getVersion(), rows, byKind);
  }
}
