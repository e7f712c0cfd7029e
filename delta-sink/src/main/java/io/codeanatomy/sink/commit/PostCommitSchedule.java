package io.codeanatomy.sink.commit;

import java.io.Serializable;
import java.util.Objects;

/**
 * Which {@link PostCommitHook} the committer runs, and how often: after every {@code everyCommits}
 * -th version it commits (counted from the committer's start; replays it skips do not count).
 */
public record PostCommitSchedule(PostCommitHook hook, int everyCommits) implements Serializable {
  private static final PostCommitSchedule NONE =
      new PostCommitSchedule((tablePath, version) -> {}, Integer.MAX_VALUE);

  public PostCommitSchedule {
    Objects.requireNonNull(hook, "hook");
    if (everyCommits < 1) {
      throw new IllegalArgumentException("everyCommits must be at least 1, not " + everyCommits);
    }
  }

  /** No hook: a no-op that is never due in practice (every 2^31-1 commits). */
  public static PostCommitSchedule none() {
    return NONE;
  }

  /** True when the {@code commits}-th commit (counting from 1) should run the hook. */
  boolean isDue(long commits) {
    // No identity check against NONE: the schedule travels to the committer serialized.
    return commits % everyCommits == 0;
  }
}
