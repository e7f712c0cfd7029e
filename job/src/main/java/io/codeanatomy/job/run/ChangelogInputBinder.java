package io.codeanatomy.job.run;

import io.codeanatomy.job.compile.FlinkTypes;
import io.codeanatomy.job.compile.InputBinder;
import io.codeanatomy.spec.ColumnSpec;
import io.codeanatomy.spec.InputSpec;
import java.time.Duration;
import java.util.Map;
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
    return env.from(
        DeltaDescriptors.changelog(
            warehouse.extractTable(input.name()),
            startVersions.get(input.name()),
            pollInterval,
            schema.build()));
  }
}
