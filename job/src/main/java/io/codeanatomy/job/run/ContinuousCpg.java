package io.codeanatomy.job.run;

import io.codeanatomy.extract.ExtractionRun;
import io.codeanatomy.extract.incremental.FileChanges;
import io.codeanatomy.spec.Spec;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A continuous job kept in step with extraction tables that are sometimes rewritten whole. A merged
 * change reaches the CPG through the running job within seconds. A rewrite (a change set past the
 * extractor's {@link io.codeanatomy.extract.incremental.RewriteThreshold}, such as a branch switch)
 * would reach it as every row deleted and inserted again, which the job works through far slower
 * than a batch rebuild. So the job is cancelled before a rewrite commits; after it the CPG is
 * rebuilt in batch over the new versions, the fastest way to the new graph, and a fresh job starts
 * from them. The fresh job's bootstrap commit replaces the CPG with the same rows; from then on it
 * follows the change feed again.
 */
public final class ContinuousCpg {
  private final Warehouse warehouse;
  private final Spec spec;
  private final List<?> parameters;
  private final StreamingRun.Options options;
  private volatile StreamingJob job;

  private ContinuousCpg(
      Warehouse warehouse, Spec spec, List<?> parameters, StreamingRun.Options options) {
    this.warehouse = warehouse;
    this.spec = spec;
    this.parameters = List.copyOf(parameters);
    this.options = options;
  }

  /** Starts the continuous job as {@code options} say (fresh, or resuming a savepoint). */
  public static ContinuousCpg start(Warehouse warehouse, Spec spec, StreamingRun.Options options) {
    return start(warehouse, spec, List.of(), options);
  }

  /**
   * Starts the continuous job over {@code spec} with its parameters bound to {@code parameters} (by
   * position), as {@code options} say.
   */
  public static ContinuousCpg start(
      Warehouse warehouse, Spec spec, List<?> parameters, StreamingRun.Options options) {
    ContinuousCpg cpg = new ContinuousCpg(warehouse, spec, parameters, options);
    cpg.job = StreamingRun.start(warehouse, spec, parameters, options);
    return cpg;
  }

  /** The job running now: a rewrite replaces it. */
  public StreamingJob job() {
    return job;
  }

  /** The extractor's {@code beforeRewrite}: the job stops before the rewrite's feed reaches it. */
  public void beforeRewrite(FileChanges changes) {
    job.cancel();
  }

  /**
   * Called after every sync of the extraction tables: after a rewrite, rebuilds the CPG in batch
   * and starts a fresh job from the tables' new versions.
   *
   * @return the rebuild, when there was one
   */
  public Optional<RunSummary> afterSync(ExtractionRun run) {
    if (!run.rewritten()) {
      return Optional.empty();
    }
    RunSummary rebuild =
        BatchRun.run(warehouse, spec, BatchRun.latestInputVersions(warehouse, spec), parameters);
    job = StreamingRun.start(warehouse, spec, parameters, options.fresh());
    return Optional.of(rebuild);
  }

  /** Stops the job with a savepoint (its last checkpoint committed); returns the savepoint. */
  public Path stopWithSavepoint() {
    return job.stopWithSavepoint();
  }

  /** Cancels the job without a savepoint. */
  public void cancel() {
    job.cancel();
  }
}
