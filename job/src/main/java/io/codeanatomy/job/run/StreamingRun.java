package io.codeanatomy.job.run;

import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.extract.ExtractionTables;
import io.codeanatomy.job.compile.CompiledSpec;
import io.codeanatomy.job.compile.SpecCompiler;
import io.codeanatomy.spec.OutputSpec;
import io.codeanatomy.spec.Spec;
import io.codeanatomy.udf.CodeAnatomyFunctions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.StatementSet;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;

/**
 * The continuous engine: the spec compiled in streaming mode over the extraction tables' Change
 * Data Feed, every output applied to its CPG table by primary key, one Delta version per
 * checkpoint.
 *
 * <p>A fresh start reads each input's snapshot at its latest version, then its changes; the first
 * commit of each output replaces the table's content (publishing only the difference to what a
 * previous build left). A resumed start continues from a savepoint's state and positions and only
 * merges.
 */
public final class StreamingRun {
  /** The {@code txn} application id prefix of the continuous job's commits. */
  static final String APP_ID = "codeanatomy-streaming";

  private StreamingRun() {}

  /**
   * How to run.
   *
   * @param profile checkpointing, state backend, polling and restarts
   * @param checkpointInterval overrides the profile's, when present
   * @param resumeFrom a savepoint (or retained checkpoint) to resume from, when present
   * @param parallelism tasks per operator
   * @param flinkConfig Flink configuration set last, over the profile's (restart strategy, memory)
   */
  public record Options(
      RuntimeProfile profile,
      Optional<Duration> checkpointInterval,
      Optional<Path> resumeFrom,
      int parallelism,
      Map<String, String> flinkConfig) {

    public Options {
      flinkConfig = Map.copyOf(flinkConfig);
    }

    public static Options of(RuntimeProfile profile) {
      return new Options(
          profile,
          Optional.empty(),
          Optional.empty(),
          Runtime.getRuntime().availableProcessors(),
          Map.of());
    }

    /** These options for a fresh start from the tables' snapshots, resuming from nothing. */
    public Options fresh() {
      return new Options(profile, checkpointInterval, Optional.empty(), parallelism, flinkConfig);
    }

    public Options resumingFrom(Path savepoint) {
      return new Options(
          profile, checkpointInterval, Optional.of(savepoint), parallelism, flinkConfig);
    }

    public Options withCheckpointInterval(Duration interval) {
      return new Options(profile, Optional.of(interval), resumeFrom, parallelism, flinkConfig);
    }

    public Options withParallelism(int tasks) {
      return new Options(profile, checkpointInterval, resumeFrom, tasks, flinkConfig);
    }

    public Options withFlinkConfig(Map<String, String> config) {
      return new Options(profile, checkpointInterval, resumeFrom, parallelism, config);
    }

    Duration interval() {
      return checkpointInterval.orElse(profile.checkpointInterval());
    }
  }

  /**
   * Starts the continuous job on an embedded cluster and returns once it is submitted. Fails before
   * submitting when an input's table is missing or the spec does not compile.
   */
  public static StreamingJob start(Warehouse warehouse, Spec spec, Options options) {
    return start(warehouse, spec, List.of(), options);
  }

  /**
   * The same, with {@code parameters.get(i)} bound to the spec's parameter position {@code i+1}.
   */
  public static StreamingJob start(
      Warehouse warehouse, Spec spec, List<?> parameters, Options options) {
    RunPlan plan = plan(warehouse, spec, parameters, options);
    TableResult result = plan.statements().execute();
    JobClient client =
        result
            .getJobClient()
            .orElseThrow(() -> new BuildException("the streaming job did not start"));
    return new StreamingJob(
        client, warehouse, spec, plan.inputVersions(), options.resumeFrom().isEmpty());
  }

  /**
   * The plan {@link #start} submits: {@code spec} compiled in the streaming session {@code options}
   * describe, over the inputs' changelogs from their latest versions, every output upserted into
   * its CPG table. Nothing runs.
   */
  public static RunPlan plan(Warehouse warehouse, Spec spec, Options options) {
    return plan(warehouse, spec, List.of(), options);
  }

  /**
   * The same, with {@code parameters.get(i)} bound to the spec's parameter position {@code i+1}.
   */
  public static RunPlan plan(Warehouse warehouse, Spec spec, List<?> parameters, Options options) {
    Map<String, Long> startVersions = BatchRun.latestInputVersions(warehouse, spec);
    StreamTableEnvironment env = environment(warehouse, options);
    CompiledSpec compiled =
        SpecCompiler.compile(
            spec,
            env,
            new ChangelogInputBinder(
                env, warehouse, startVersions, options.profile().pollInterval()),
            parameters);
    boolean fresh = options.resumeFrom().isEmpty();
    int buckets = outputBuckets(warehouse);
    StatementSet statements = env.createStatementSet();
    for (OutputSpec output : spec.outputs()) {
      Table table = compiled.output(output.name());
      Schema.Builder schema = Schema.newBuilder().fromResolvedSchema(table.getResolvedSchema());
      schema.primaryKey(output.primaryKey());
      statements.add(
          table.insertInto(
              DeltaDescriptors.upsert(
                  warehouse.cpgTable(output.name()),
                  schema.build(),
                  APP_ID + "-" + output.name(),
                  fresh,
                  bucketColumn(output),
                  buckets)));
    }
    return new RunPlan(env, compiled, statements, startVersions, true);
  }

  /**
   * The column an output's rows are grouped into files by: its owner (the source file a row comes
   * from, which a key keeps for life since ids are derived from paths), else its first key column.
   * Grouping by owner keeps one edited file's new nodes and edges in one bucket, so its checkpoint
   * rewrites one file per table instead of one per bucket its hashed keys scatter into.
   */
  private static String bucketColumn(OutputSpec output) {
    return output.owner() != null ? output.owner() : output.primaryKey().get(0);
  }

  /**
   * How many buckets the CPG tables are hashed into: a checkpoint rewrites only the files of the
   * buckets its changed rows fall in. About four source files' worth of rows per bucket, between 4
   * and 256 buckets.
   */
  private static int outputBuckets(Warehouse warehouse) {
    DeltaTable files = warehouse.extractTable(ExtractionTables.FILES);
    long count =
        files.files(files.snapshot()).stream().mapToLong(f -> Math.max(0, f.numRecords())).sum();
    return (int) Math.max(4, Math.min(256, count / 4));
  }

  private static StreamTableEnvironment environment(Warehouse warehouse, Options options) {
    Configuration conf = new Configuration();
    conf.setString("parallelism.default", Integer.toString(options.parallelism()));
    conf.setString("execution.checkpointing.interval", options.interval().toMillis() + " ms");
    // No checkpoint while a source still reads its starting snapshot (it reports backlog until the
    // last snapshot split is read): the bootstrap then reaches the CPG as one commit, not as a
    // series of partial graphs whose churn each commit rewrites.
    conf.setString("execution.checkpointing.interval-during-backlog", "0 ms");
    conf.setString("execution.checkpointing.mode", "EXACTLY_ONCE");
    conf.setString("execution.checkpointing.dir", uri(warehouse.checkpointsDir()));
    conf.setString("execution.checkpointing.savepoint-dir", uri(warehouse.savepointsDir()));
    conf.setString("state.savepoints.dir", uri(warehouse.savepointsDir()));
    conf.setString("state.changelog.dstl.dfs.base-path", uri(warehouse.stateChangelogDir()));
    // A retained checkpoint is what a crashed watch resumes from.
    conf.setString(
        "execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
    conf.setString("execution.checkpointing.num-retained", "2");
    conf.setString("state.backend.type", options.profile().stateBackend());
    conf.setString("execution.checkpointing.incremental", "true");
    conf.setString("restart-strategy.type", "fixed-delay");
    conf.setString(
        "restart-strategy.fixed-delay.attempts",
        Integer.toString(options.profile().restartAttempts()));
    conf.setString(
        "restart-strategy.fixed-delay.delay", options.profile().restartDelay().toMillis() + " ms");
    conf.setString("taskmanager.memory.network.min", "128mb");
    conf.setString("taskmanager.memory.network.max", "128mb");
    // The resumed job takes the snapshot over (CLAIM) as if it had taken it: the changelog state
    // backend (profile LARGE) cannot take the full first checkpoint NO_CLAIM demands, and its
    // checkpoints would keep failing after a restore.
    options
        .resumeFrom()
        .ifPresent(
            path -> {
              conf.setString("execution.state-recovery.path", uri(path));
              conf.setString("execution.state-recovery.claim-mode", "CLAIM");
            });
    new java.util.TreeMap<>(options.profile().flinkConfig()).forEach(conf::setString);
    new java.util.TreeMap<>(options.flinkConfig()).forEach(conf::setString);
    StreamExecutionEnvironment streams = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    StreamTableEnvironment env =
        StreamTableEnvironment.create(
            streams, EnvironmentSettings.newInstance().inStreamingMode().build());
    env.getConfig().set("table.optimizer.reuse-optimize-block-with-digest-enabled", "true");
    // The outputs' upsert keys are not their primary keys (unions of many views): Flink then
    // materializes on the primary key, as before 2.3 asked for ON CONFLICT.
    env.getConfig().set("table.exec.sink.require-on-conflict", "false");
    CodeAnatomyFunctions.registerAll(env);
    return env;
  }

  private static String uri(Path path) {
    return path.toAbsolutePath().normalize().toUri().toString();
  }
}
