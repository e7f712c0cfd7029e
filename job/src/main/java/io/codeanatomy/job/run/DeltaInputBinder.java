package io.codeanatomy.job.run;

import io.codeanatomy.job.compile.FlinkTypes;
import io.codeanatomy.job.compile.InputBinder;
import io.codeanatomy.spec.ColumnSpec;
import io.codeanatomy.spec.InputSpec;
import java.util.Map;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.TableEnvironment;

/**
 * Binds each spec input to its extraction table as a bounded Delta snapshot source, pinned to the
 * version the build just wrote, so the run reads exactly the versions it reports.
 */
final class DeltaInputBinder implements InputBinder {
  private final TableEnvironment env;
  private final Warehouse warehouse;
  private final Map<String, Long> versions;

  DeltaInputBinder(TableEnvironment env, Warehouse warehouse, Map<String, Long> versions) {
    this.env = env;
    this.warehouse = warehouse;
    this.versions = versions;
  }

  @Override
  public Table bind(InputSpec input) {
    Schema.Builder schema = Schema.newBuilder();
    for (ColumnSpec column : input.columns()) {
      schema.column(column.name(), FlinkTypes.of(column.typeSpec()));
    }
    return env.from(
        DeltaDescriptors.snapshot(
            warehouse.extractTable(input.name()), versions.get(input.name()), schema.build()));
  }
}
