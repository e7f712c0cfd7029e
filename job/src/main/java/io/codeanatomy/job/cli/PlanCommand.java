package io.codeanatomy.job.cli;

import io.codeanatomy.job.plan.PlanBundle;
import io.codeanatomy.job.run.BatchRun;
import io.codeanatomy.job.run.RunPlan;
import io.codeanatomy.job.run.StreamingRun;
import io.codeanatomy.job.run.Warehouse;
import io.codeanatomy.job.session.SessionFactory;
import io.codeanatomy.spec.Spec;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code codeanatomy plan}: writes the plan bundle of a run without running it. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    subcommands = PlanDiffCommand.class,
    description = {
      "Plans a spec over the extraction tables already in a warehouse, as `codeanatomy run`"
          + " would, and writes the plan bundle: manifest.json (spec hash, template digest,"
          + " parameter values, mode, profile and Flink configuration, input versions and schema"
          + " hashes, outputs, functions, JOIN keys, artifact digests), p0-logical.txt,"
          + " p1-optimized.txt, p2-execution.json, compiled-plan.json (when Flink can compile the"
          + " plan; streaming), views.dot and sql/ (each output and view as Flink SQL). Nothing"
          + " runs and the warehouse is not changed.",
      "Same spec, input versions and profile: the same bytes. Compare two bundles with"
          + " `codeanatomy plan diff A B`."
    })
final class PlanCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec command;

  @Mixin EngineOptions engine;

  @Mixin ParameterOptions parameters;

  @Mixin StreamingOptions streaming;

  @Option(
      names = "--mode",
      defaultValue = "batch",
      description = "Execution mode to plan: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  RunCommand.Mode mode;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description =
          "Directory to write the bundle into (replacing a bundle there); default:"
              + " <warehouse>/_plans/<first 12 hex digits of the manifest digest>.")
  Path out;

  @Override
  public Integer call() {
    if (!Files.isDirectory(engine.warehouse)) {
      throw new UsageException(
          "warehouse " + engine.warehouse.toAbsolutePath() + " does not exist");
    }
    Warehouse warehouse = new Warehouse(engine.warehouse);
    Spec spec = BatchRun.loadSpec(engine.specFile());
    List<Object> values = parameters.values(spec);
    RunPlan plan;
    String profile;
    if (mode == RunCommand.Mode.streaming) {
      StreamingRun.Options options = streaming.toOptions(warehouse);
      plan = StreamingRun.plan(warehouse, spec, values, options);
      profile = options.profile().name().toLowerCase(Locale.ROOT);
    } else {
      if (streaming.profile != null
          || streaming.checkpointInterval != null
          || streaming.resume
          || !streaming.flinkConfig.isEmpty()) {
        throw new UsageException(
            "--profile, --checkpoint-interval, --resume and --flink-conf describe a continuous"
                + " job; add --mode streaming");
      }
      int parallelism =
          streaming.parallelism == null
              ? SessionFactory.defaultParallelism()
              : streaming.parallelism;
      plan =
          BatchRun.plan(
              warehouse, spec, BatchRun.latestInputVersions(warehouse, spec), values, parallelism);
      profile = "batch";
    }
    PlanBundle bundle = PlanBundle.of(plan, warehouse, profile);
    Path dir =
        out != null
            ? out
            : warehouse.root().resolve("_plans").resolve(bundle.digest().substring(0, 12));
    bundle.write(dir);
    print(bundle, dir, command.commandLine().getOut());
    return Main.OK;
  }

  private static void print(PlanBundle bundle, Path dir, PrintWriter out) {
    var manifest = bundle.manifest();
    out.println("CodeAnatomy plan bundle");
    out.printf("  directory    %s%n", dir.toAbsolutePath().normalize());
    out.printf(
        "  spec         %s v%s (%s)%n",
        manifest.path("spec").path("name").asText(),
        manifest.path("spec").path("version").asText(),
        manifest.path("spec").path("hash").asText().substring(0, 12));
    out.printf(
        "  mode         %s, profile %s%n",
        manifest.path("mode").asText(), manifest.path("profile").asText());
    out.printf("  digest       %s%n", bundle.digest());
    manifest
        .path("artifacts")
        .fields()
        .forEachRemaining(e -> out.printf("  %-20s %s%n", e.getKey(), e.getValue().asText()));
    if (!manifest.path("compiled_plan").path("written").asBoolean()) {
      out.printf(
          "  no compiled plan: %s%n", manifest.path("compiled_plan").path("reason").asText());
    }
    out.flush();
  }
}
