package io.codeanatomy.udf.id;

import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.annotation.InputGroup;
import org.apache.flink.table.functions.FunctionContext;
import org.apache.flink.table.functions.ScalarFunction;

/**
 * {@code stable_hash_id(part, ...)}: the SQL face of {@link StableId#of}. Deterministic, so the
 * planner may constant-fold and reorder it.
 */
public final class StableHashId extends ScalarFunction {
  public static final String NAME = "stable_hash_id";

  @Override
  public void open(FunctionContext context) {}

  public @DataTypeHint("STRING NOT NULL") String eval(
      @DataTypeHint(inputGroup = InputGroup.ANY) Object... parts) {
    return StableId.of(parts);
  }

  @Override
  public boolean isDeterministic() {
    return true;
  }
}
