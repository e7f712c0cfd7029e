package io.codeanatomy.job.plan;

import io.codeanatomy.job.compile.FlinkTypes;
import io.codeanatomy.job.compile.InputBinder;
import io.codeanatomy.spec.ColumnSpec;
import io.codeanatomy.spec.InputSpec;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.TableDescriptor;
import org.apache.flink.table.api.TableEnvironment;

/**
 * Binds every input to a bounded {@code datagen} scan of exactly the declared columns: an opaque
 * source whose plan depends only on the spec — no data the optimizer could fold, no paths — for
 * plan digests, golden plans and explaining a spec without a warehouse.
 */
public final class DeclaredShapeBinder implements InputBinder {
  private final TableEnvironment env;

  public DeclaredShapeBinder(TableEnvironment env) {
    this.env = env;
  }

  @Override
  public Table bind(InputSpec input) {
    Schema.Builder schema = Schema.newBuilder();
    for (ColumnSpec c : input.columns()) {
      schema.column(c.name(), FlinkTypes.of(c.typeSpec()));
    }
    return env.from(
        TableDescriptor.forConnector("datagen")
            .schema(schema.build())
            .option("number-of-rows", "1")
            .build());
  }
}
