package io.codeanatomy.job.run;

import io.codeanatomy.job.compile.FlinkTypes;
import io.codeanatomy.job.compile.InputBinder;
import io.codeanatomy.spec.ColumnSpec;
import io.codeanatomy.spec.InputSpec;
import io.codeanatomy.spec.SpecException;
import io.codeanatomy.spec.view.CdfView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.TableEnvironment;

/**
 * Binds each spec input to its extraction table's Change Data Feed as a continuous changelog: first
 * the snapshot at the pinned version as inserts, then every later version's changes. The input's
 * primary key is declared, so the planner knows the key every update and delete refers to.
 */
final class ChangelogInputBinder implements InputBinder {
  private final TableEnvironment env;
  private final Warehouse warehouse;
  private final Map<String, Long> startVersions;
  private final Duration pollInterval;

  ChangelogInputBinder(
      TableEnvironment env,
      Warehouse warehouse,
      Map<String, Long> startVersions,
      Duration pollInterval) {
    this.env = env;
    this.warehouse = warehouse;
    this.startVersions = startVersions;
    this.pollInterval = pollInterval;
  }

  @Override
  public Table bind(InputSpec input) {
    return env.from(
        DeltaDescriptors.changelog(
            warehouse.extractTable(input.name()),
            startVersions.get(input.name()),
            pollInterval,
            schema(input)));
  }

  /**
   * Every SOURCE view of some columns reads its own feed: the planner would otherwise merge it with
   * the input's other scans into one of all their columns, and the updates of columns the view does
   * not read would reach it (see {@link InputBinder#bindOwnScan}). Inputs are read once more per
   * such view; the spec keeps those views to the narrow lookups that pay for it.
   */
  @Override
  public Optional<Table> bindOwnScan(InputSpec input, List<String> columns) {
    return Optional.of(bind(input));
  }

  private static Schema schema(InputSpec input) {
    Schema.Builder schema = Schema.newBuilder();
    for (ColumnSpec column : input.columns()) {
      var type = FlinkTypes.of(column.typeSpec());
      // A primary key column is NOT NULL in Flink; the extraction tables declare them so too.
      schema.column(
          column.name(), input.primaryKey().contains(column.name()) ? type.notNull() : type);
    }
    if (!input.primaryKey().isEmpty()) {
      schema.primaryKey(input.primaryKey());
    }
    return schema.build();
  }

  /**
   * The feed as rows from the range's start: up to its end when it has one, else continuously, each
   * new version's changes appended as it is committed — after any sequence of commits, the rows a
   * batch run over the same versions would read.
   */
  @Override
  public Table bindChanges(InputSpec input, CdfView view, String path) {
    List<ColumnSpec> columns = new ArrayList<>(input.columns());
    columns.addAll(CdfView.CHANGE_COLUMNS);
    return env.from(
        DeltaDescriptors.changes(
            warehouse.extractTable(input.name()),
            new DeltaDescriptors.ChangeBound(view.startVersion(), view.startTimestamp()),
            view.openEnded()
                ? null
                : new DeltaDescriptors.ChangeBound(view.endVersion(), view.endTimestamp()),
            pollInterval,
            DeltaInputBinder.schema(columns)));
  }

  @Override
  public Table bindMetadata(InputSpec input, String path) {
    throw batchOnly("METADATA", path);
  }

  @Override
  public Table bindFileManifest(InputSpec input, String path) {
    throw batchOnly("FILE_MANIFEST", path);
  }

  /**
   * A description of one version has no incremental meaning the sink could keep equal to a batch
   * rebuild without rewriting it on every commit, so the continuous job refuses it at the view.
   */
  private static SpecException batchOnly(String kind, String path) {
    return new SpecException(
        path + ".kind",
        "a "
            + kind
            + " view describes one version of a table, but a continuous job reads versions as"
            + " they are committed; it is batch-only: build it with the build command, or read"
            + " the change feed with a CDF view");
  }
}
