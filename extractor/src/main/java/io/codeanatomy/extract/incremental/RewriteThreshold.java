package io.codeanatomy.extract.incremental;

/**
 * How large a change set must be for an incremental run to rewrite the extraction tables whole
 * instead of merging it. Merging finds and replaces each changed row and writes exact change data;
 * once a change set touches a good share of the files it touches nearly every file of every table
 * too, and parsing everything and writing the tables anew is several times faster (3.12 → 3.13 of
 * the CPython stdlib, 40% of the files: 178 s merged, 31 s whole). A rewrite's change feed deletes
 * every row and inserts the new ones, so a continuous job reading it restarts from the new snapshot
 * instead (see {@code IncrementalExtractor}).
 *
 * @param minFiles files added, changed, deleted or renamed, at least
 * @param minShare and at least this share of the repository's files (old or new, the larger count)
 */
public record RewriteThreshold(int minFiles, double minShare) {
  /** A branch switch or a dependency upgrade: at least 100 files, and a quarter of them. */
  public static final RewriteThreshold DEFAULT = new RewriteThreshold(100, 0.25);

  /** Always merge, whatever the size. */
  public static final RewriteThreshold NEVER = new RewriteThreshold(Integer.MAX_VALUE, 1.0);

  public RewriteThreshold {
    if (minFiles < 1 || !(minShare >= 0 && minShare <= 1)) {
      throw new IllegalArgumentException(
          "a rewrite threshold needs at least 1 file and a share in [0, 1], got "
              + minFiles
              + " and "
              + minShare);
    }
  }

  /** Whether {@code changes}, against {@code storedFiles} files in the tables, reach it. */
  public boolean reachedBy(FileChanges changes, int storedFiles) {
    int touched = changes.touched();
    int files =
        Math.max(storedFiles, storedFiles + changes.added().size() - changes.deleted().size());
    return touched >= minFiles && touched >= minShare * files;
  }
}
