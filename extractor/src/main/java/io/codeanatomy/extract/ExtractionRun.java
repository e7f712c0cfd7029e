package io.codeanatomy.extract;

import io.codeanatomy.extract.incremental.FileChanges;
import java.util.Map;
import java.util.Optional;

/**
 * What one run of {@link IncrementalExtractor#sync} did.
 *
 * @param initial true when the tables did not exist and were written whole
 * @param rewritten true when the tables existed but the change set was large enough to write them
 *     whole (see {@link io.codeanatomy.extract.incremental.RewriteThreshold}): their change feed
 *     then deletes every old row and inserts every new one
 * @param changes the source files added, changed, deleted and renamed (all added when initial)
 * @param tables per table, in table order: the version committed (empty when the table did not
 *     change) and the change rows it holds
 * @param versions every table's latest version after the run, in table order
 * @param millis wall time of the run
 */
public record ExtractionRun(
    boolean initial,
    boolean rewritten,
    FileChanges changes,
    Map<String, TableChange> tables,
    Map<String, Long> versions,
    long millis) {

  /**
   * One table's part of a run.
   *
   * @param version the version committed, or empty when the table did not change
   */
  public record TableChange(Optional<Long> version, int inserted, int updated, int deleted) {
    public boolean changed() {
      return version.isPresent();
    }
  }

  public ExtractionRun {
    tables = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tables));
    versions = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(versions));
  }

  /** True when some table got a new version. */
  public boolean committed() {
    return tables.values().stream().anyMatch(TableChange::changed);
  }
}
