package io.codeanatomy.delta.write;

import java.util.Optional;

/**
 * What one keyed change batch did.
 *
 * @param version the committed version, or empty when nothing was committed (no effective change,
 *     or the caller commits the transaction itself)
 * @param unchanged upserts identical to the stored row: no change, no change row
 * @param filesSkipped data files whose statistics showed they hold no affected key
 * @param filesRead data files read to find affected keys
 * @param filesRewritten data files removed and written anew without their changed rows
 * @param filesAdded data files added (rewrites and new keys)
 */
public record KeyedChangeSummary(
    Optional<Long> version,
    int inserted,
    int updated,
    int deleted,
    int unchanged,
    int filesSkipped,
    int filesRead,
    int filesRewritten,
    int filesAdded) {

  /** True when the batch changes the table, i.e. there is something to commit. */
  public boolean changed() {
    return inserted + updated + deleted > 0;
  }

  /** This summary, with the version its transaction committed as. */
  public KeyedChangeSummary committedAs(long committed) {
    return new KeyedChangeSummary(
        Optional.of(committed),
        inserted,
        updated,
        deleted,
        unchanged,
        filesSkipped,
        filesRead,
        filesRewritten,
        filesAdded);
  }
}
