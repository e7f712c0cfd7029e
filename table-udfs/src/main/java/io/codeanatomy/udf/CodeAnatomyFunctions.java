package io.codeanatomy.udf;

import io.codeanatomy.udf.id.StableHashId;
import io.codeanatomy.udf.name.QualnamePrefixes;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.functions.UserDefinedFunction;

/**
 * The catalog of CodeAnatomy's functions. Registration goes in name order, so two sessions built
 * from the same code register the same functions the same way.
 */
public final class CodeAnatomyFunctions {
  private CodeAnatomyFunctions() {}

  /** Every function by its SQL name, in name order. */
  public static Map<String, UserDefinedFunction> all() {
    Map<String, UserDefinedFunction> functions = new LinkedHashMap<>();
    functions.put(QualnamePrefixes.NAME, new QualnamePrefixes());
    functions.put(StableHashId.NAME, new StableHashId());
    return functions;
  }

  /** Registers every function as a temporary system function of {@code env}. */
  public static void registerAll(TableEnvironment env) {
    all().forEach(env::createTemporarySystemFunction);
  }
}
