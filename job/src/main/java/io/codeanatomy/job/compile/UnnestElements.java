package io.codeanatomy.job.compile;

import java.util.List;
import java.util.Optional;
import org.apache.flink.table.catalog.DataTypeFactory;
import org.apache.flink.table.functions.TableFunction;
import org.apache.flink.table.types.CollectionDataType;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.inference.InputTypeStrategies;
import org.apache.flink.table.types.inference.TypeInference;
import org.apache.flink.table.types.logical.LogicalTypeRoot;

/**
 * Emits each element of an array, for the UNNEST view kind. The Table API has no unnest expression
 * (the planner's own {@code $UNNEST_ROWS$} cannot infer its type outside SQL), so the compiler
 * calls this function inline; it is not registered and spec expressions cannot name it.
 * Deterministic and generic over the element type.
 */
public final class UnnestElements extends TableFunction<Object> {

  public void eval(Object[] elements) {
    if (elements == null) {
      return;
    }
    for (Object e : elements) {
      collect(e);
    }
  }

  @Override
  public TypeInference getTypeInference(DataTypeFactory typeFactory) {
    return TypeInference.newBuilder()
        .inputTypeStrategy(
            InputTypeStrategies.sequence(InputTypeStrategies.logical(LogicalTypeRoot.ARRAY)))
        .outputTypeStrategy(
            call -> {
              List<DataType> args = call.getArgumentDataTypes();
              DataType element = ((CollectionDataType) args.get(0)).getElementDataType();
              return Optional.of(element.nullable());
            })
        .build();
  }

  @Override
  public boolean isDeterministic() {
    return true;
  }
}
