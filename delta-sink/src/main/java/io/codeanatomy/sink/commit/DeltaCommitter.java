package io.codeanatomy.sink.commit;

import io.codeanatomy.delta.DeltaException;
import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.commit.AddFile;
import io.codeanatomy.delta.commit.CommitConflictException;
import io.codeanatomy.delta.commit.CommittedActions;
import io.codeanatomy.delta.commit.DeltaTransaction;
import io.codeanatomy.delta.write.KeyedChangeSummary;
import io.codeanatomy.delta.write.KeyedChangeWriter;
import io.codeanatomy.delta.write.TableOverwrite;
import io.codeanatomy.sink.DeltaSinkConfig;
import io.codeanatomy.sink.WriteMode;
import io.codeanatomy.sink.committable.DeltaCommittable;
import io.codeanatomy.sink.staging.StagingArea;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes each {@link DeltaCommittable} as one Delta version once its checkpoint completed (in
 * batch mode: at end of input), with a {@code txn} action (run app id, checkpoint id).
 *
 * <p>Idempotent: a committable whose checkpoint id the table already records for its app id is a
 * replay of a commit that landed before a failure, and is skipped. In overwrite mode the run's
 * first commit (no {@code txn} of the run yet) removes every file the table had; later commits of a
 * streaming run only add. A lost race against another writer is retried on the new version.
 *
 * <p>In upsert mode it reads the checkpoint's staged changes and applies them with {@link
 * KeyedChangeWriter} (copy-on-write, exact {@code cdc} files), then deletes the staged files, and
 * those of failed attempts that can no longer be read ({@link StagingArea}). A checkpoint whose
 * changes turn out to change nothing still commits a version holding only its {@code txn}: that is
 * what lets a replay recognise it after its staged files are gone.
 *
 * <p>After every {@link PostCommitSchedule#everyCommits()}-th version it runs the {@link
 * PostCommitHook}; a failing hook is logged, never fails or undoes the commit.
 */
public final class DeltaCommitter implements Committer<DeltaCommittable> {
  private static final Logger LOG = LoggerFactory.getLogger(DeltaCommitter.class);
  static final int MAX_ATTEMPTS = 10;

  private final DeltaSinkConfig config;
  private final PostCommitSchedule postCommit;
  private final DeltaCommitterMetrics metrics;
  private final StagingArea staging;
  private long commits;

  public DeltaCommitter(DeltaSinkConfig config) {
    this(config, PostCommitSchedule.none(), UnregisteredMetricsGroup.createOperatorMetricGroup());
  }

  public DeltaCommitter(
      DeltaSinkConfig config, PostCommitSchedule postCommit, MetricGroup metricGroup) {
    this.config = config;
    this.postCommit = postCommit;
    this.metrics = new DeltaCommitterMetrics(metricGroup);
    this.staging = new StagingArea(config);
  }

  @Override
  public void commit(Collection<CommitRequest<DeltaCommittable>> requests) {
    // Checkpoint order, so a txn version never goes backwards within a run.
    List<CommitRequest<DeltaCommittable>> ordered = new ArrayList<>(requests);
    ordered.sort(Comparator.comparingLong(r -> r.getCommittable().checkpointId()));
    for (CommitRequest<DeltaCommittable> request : ordered) {
      if (commit(request.getCommittable()).isEmpty()) {
        request.signalAlreadyCommitted();
      }
    }
  }

  /**
   * Commits one committable.
   *
   * @return the committed version, or empty when there was nothing to commit or the table already
   *     records this checkpoint of this run
   */
  public Optional<Long> commit(DeltaCommittable committable) {
    long start = System.nanoTime();
    Optional<Long> version =
        config.mode() == WriteMode.UPSERT ? commitUpsert(committable) : commitFiles(committable);
    long durationMs = (System.nanoTime() - start) / 1_000_000;
    if (config.mode() == WriteMode.UPSERT) {
      // Only now: had the commit failed, the restored committable would need its staged files.
      int deleted = staging.delete(committable.stagedChanges());
      deleted += staging.deleteGarbage(committable.checkpointId(), committable.endOfInput());
      metrics.stagedFilesDeleted(deleted);
    }
    version.ifPresent(v -> afterCommit(v, durationMs));
    return version;
  }

  private void afterCommit(long version, long durationMs) {
    metrics.committed(version, CommittedActions.read(config.table(), version), durationMs);
    commits++;
    if (!postCommit.isDue(commits)) {
      return;
    }
    try {
      postCommit.hook().afterCommit(config.tablePath(), version);
    } catch (Exception | LinkageError e) {
      metrics.hookFailed();
      LOG.warn(
          "The post-commit hook failed after version {} of {}; the version stays committed",
          version,
          config.tablePath(),
          e);
    }
  }

  private Optional<Long> commitFiles(DeltaCommittable committable) {
    DeltaTable table = config.table();
    for (int attempt = 1; ; attempt++) {
      DeltaTransaction txn =
          table.exists()
              ? DeltaTransaction.update(table)
              : DeltaTransaction.createTable(table, config.deltaSchema(), TableOverwrite.CDF_ON);
      config.checkSchema(txn.schema());
      Optional<Long> recorded = txn.transactionVersion(committable.appId());
      if (recorded.isPresent() && recorded.get() >= committable.checkpointId()) {
        LOG.info(
            "Skipping checkpoint {} of {}: table {} records it at version {} already",
            committable.checkpointId(),
            committable.appId(),
            table.path(),
            recorded.get());
        metrics.skipped();
        return Optional.empty();
      }
      boolean firstOfRun = recorded.isEmpty();
      boolean overwrite = config.mode() == WriteMode.OVERWRITE && firstOfRun;
      // An empty checkpoint changes nothing, except that an overwrite run that ends without rows
      // must still leave the table empty (and existing).
      boolean emptyOverwriteAtEnd = overwrite && committable.endOfInput();
      if (committable.files().isEmpty() && !emptyOverwriteAtEnd) {
        return Optional.empty();
      }
      if (overwrite) {
        txn.removeAllFiles();
      }
      for (AddFile file : committable.files()) {
        txn.add(file);
      }
      txn.setTransaction(committable.appId(), committable.checkpointId());
      try {
        long version = txn.commit("WRITE", operationParameters(committable, overwrite));
        LOG.info(
            "Committed checkpoint {} of {} as version {} of {} ({} files)",
            committable.checkpointId(),
            committable.appId(),
            version,
            table.path(),
            committable.files().size());
        metrics.rebased(txn.rebases());
        return Optional.of(version);
      } catch (CommitConflictException e) {
        retryOrGiveUp(table, committable, attempt, e);
        metrics.retried();
      }
    }
  }

  private Optional<Long> commitUpsert(DeltaCommittable committable) {
    DeltaTable table = config.table();
    StagedChanges changes = null;
    for (int attempt = 1; ; attempt++) {
      DeltaTransaction txn = openTransaction(table);
      if (alreadyCommitted(txn, committable)) {
        metrics.skipped();
        return Optional.empty();
      }
      if (committable.stagedChanges().isEmpty()) {
        // An empty checkpoint: nothing to apply, nothing to recognise. A replacing run waits for
        // its first rows rather than empty the table before the snapshot reaches the sink.
        return Optional.empty();
      }
      boolean replace =
          config.replaceOnFirstCommit() && txn.transactionVersion(committable.appId()).isEmpty();
      if (changes == null) {
        changes = StagedChanges.read(config, table, committable.stagedChanges());
      }
      KeyedChangeWriter writer = new KeyedChangeWriter(table, config.layout());
      // The first commit of a fresh run replaces: rows it does not upsert are gone from the input.
      KeyedChangeSummary summary =
          replace
              ? writer.stageReplacement(txn, changes.upserts())
              : writer.stage(txn, changes.upserts(), changes.deletedKeys());
      txn.setTransaction(committable.appId(), committable.checkpointId());
      Map<String, String> params = new LinkedHashMap<>();
      params.put("mode", replace ? "Upsert (replacing the content)" : "Upsert");
      params.put("appId", committable.appId());
      params.put("checkpointId", Long.toString(committable.checkpointId()));
      params.put("keys", String.join(",", config.keyColumns()));
      params.put("upserts", Integer.toString(changes.upserts().size()));
      params.put("deletes", Integer.toString(changes.deletedKeys().size()));
      try {
        long version = txn.commit("MERGE", params);
        LOG.info(
            "Committed checkpoint {} of {} as version {} of {}: {} inserted, {} updated, {}"
                + " deleted, {} unchanged; {} files rewritten, {} added",
            committable.checkpointId(),
            committable.appId(),
            version,
            table.path(),
            summary.inserted(),
            summary.updated(),
            summary.deleted(),
            summary.unchanged(),
            summary.filesRewritten(),
            summary.filesAdded());
        metrics.keyedChanges(summary);
        metrics.rebased(txn.rebases());
        return Optional.of(version);
      } catch (CommitConflictException e) {
        retryOrGiveUp(table, committable, attempt, e);
        metrics.retried();
      }
    }
  }

  private DeltaTransaction openTransaction(DeltaTable table) {
    DeltaTransaction txn =
        table.exists()
            ? DeltaTransaction.update(table)
            : DeltaTransaction.createTable(table, config.deltaSchema(), TableOverwrite.CDF_ON);
    config.checkSchema(txn.schema());
    return txn;
  }

  private static boolean alreadyCommitted(DeltaTransaction txn, DeltaCommittable committable) {
    Optional<Long> recorded = txn.transactionVersion(committable.appId());
    if (recorded.isPresent() && recorded.get() >= committable.checkpointId()) {
      LOG.info(
          "Skipping checkpoint {} of {}: the table records it at version {} already",
          committable.checkpointId(),
          committable.appId(),
          recorded.get());
      return true;
    }
    return false;
  }

  private static void retryOrGiveUp(
      DeltaTable table, DeltaCommittable committable, int attempt, CommitConflictException e) {
    if (attempt >= MAX_ATTEMPTS) {
      throw new DeltaException(
          table.path(),
          "gave up committing checkpoint "
              + committable.checkpointId()
              + " of "
              + committable.appId()
              + " after "
              + attempt
              + " attempts lost to concurrent writers; the job will retry it on restart, or"
              + " stop the other writers of this table",
          e);
    }
    LOG.info("Commit to {} lost a race (attempt {}), retrying", table.path(), attempt);
  }

  private static Map<String, String> operationParameters(
      DeltaCommittable committable, boolean overwrite) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("mode", overwrite ? "Overwrite" : "Append");
    params.put("appId", committable.appId());
    params.put("checkpointId", Long.toString(committable.checkpointId()));
    return params;
  }

  @Override
  public void close() {}
}
