package io.codeanatomy.job.compile;

import io.codeanatomy.spec.InputSpec;
import org.apache.flink.table.api.Table;

/**
 * Supplies the table behind a spec input. The job binds each input to a Delta snapshot or CDF
 * source; tests bind to {@code env.fromValues(...)}. The table must have every declared column with
 * the declared type (extra columns are dropped); the compiler checks that.
 */
@FunctionalInterface
public interface InputBinder {
  Table bind(InputSpec input);
}
