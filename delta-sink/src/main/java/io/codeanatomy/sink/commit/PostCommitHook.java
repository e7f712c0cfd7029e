package io.codeanatomy.sink.commit;

import java.io.Serializable;

/**
 * Work to run after the sink committed a version, such as table maintenance (compaction,
 * checkpoints, vacuum). The committer calls it on its task, after the commit has landed, every
 * {@link PostCommitSchedule#everyCommits()} commits.
 *
 * <p>A hook cannot undo or fail the commit: what it throws is logged and counted ({@code
 * deltaPostCommitHookFailures}), and the job goes on. A hook that must not run twice for one
 * version should check the table itself, since after a restart the count starts again.
 */
@FunctionalInterface
public interface PostCommitHook extends Serializable {
  /**
   * @param tablePath the table the sink writes
   * @param version the version just committed
   */
  void afterCommit(String tablePath, long version) throws Exception;
}
