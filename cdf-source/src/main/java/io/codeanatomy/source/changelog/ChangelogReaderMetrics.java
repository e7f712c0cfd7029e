package io.codeanatomy.source.changelog;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.types.RowKind;

/**
 * The reader's change-feed metrics: rows emitted per row kind ({@code changeRowsInsert}, {@code
 * changeRowsUpdateBefore}, {@code changeRowsUpdateAfter}, {@code changeRowsDelete}) and {@code
 * commitToEmitLagMs}, the time from the emitted row's commit to its emission.
 */
final class ChangelogReaderMetrics {
  private final Counter[] rowsByKind = new Counter[RowKind.values().length];
  private volatile long lagMillis;

  ChangelogReaderMetrics(MetricGroup group) {
    rowsByKind[RowKind.INSERT.ordinal()] = group.counter("changeRowsInsert");
    rowsByKind[RowKind.UPDATE_BEFORE.ordinal()] = group.counter("changeRowsUpdateBefore");
    rowsByKind[RowKind.UPDATE_AFTER.ordinal()] = group.counter("changeRowsUpdateAfter");
    rowsByKind[RowKind.DELETE.ordinal()] = group.counter("changeRowsDelete");
    group.gauge("commitToEmitLagMs", () -> lagMillis);
  }

  void emitted(RowKind kind, long commitTimestamp) {
    rowsByKind[kind.ordinal()].inc();
    lagMillis = System.currentTimeMillis() - commitTimestamp;
  }
}
