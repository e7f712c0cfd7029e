package io.codeanatomy.job.compile;

import static org.apache.flink.table.api.Expressions.array;
import static org.apache.flink.table.api.Expressions.lit;
import static org.apache.flink.table.api.Expressions.nullOf;
import static org.apache.flink.table.api.Expressions.row;

import io.codeanatomy.spec.ColumnSpec;
import io.codeanatomy.spec.InputSpec;
import io.codeanatomy.spec.type.ArrayType;
import io.codeanatomy.spec.type.TypeSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.api.ApiExpression;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.types.DataType;

/**
 * Binds spec inputs to {@code fromValues} tables of the declared row type, from plain Java rows.
 * Rows are passed as expressions because {@code fromValues} cannot turn an empty Java array into an
 * array literal; an input without rows becomes an empty table of the declared type.
 */
final class RowsBinder implements InputBinder {
  private final TableEnvironment env;
  private final Map<String, List<Object[]>> rows = new HashMap<>();

  RowsBinder(TableEnvironment env) {
    this.env = env;
  }

  RowsBinder add(String input, Object... values) {
    rows.computeIfAbsent(input, k -> new ArrayList<>()).add(values);
    return this;
  }

  @Override
  public Table bind(InputSpec input) {
    List<DataTypes.Field> fields = new ArrayList<>();
    for (ColumnSpec c : input.columns()) {
      fields.add(DataTypes.FIELD(c.name(), FlinkTypes.of(c.typeSpec())));
    }
    DataType rowType = DataTypes.ROW(fields.toArray(DataTypes.Field[]::new));
    List<Object[]> data = rows.getOrDefault(input.name(), List.of());
    if (data.isEmpty()) {
      Object[] nulls = new Object[input.columns().size()];
      ApiExpression[] exprs = new ApiExpression[nulls.length];
      for (int i = 0; i < nulls.length; i++) {
        exprs[i] = nullOf(FlinkTypes.of(input.columns().get(i).typeSpec().withNullable(true)));
      }
      DataType nullableRow =
          DataTypes.ROW(
              input.columns().stream()
                  .map(
                      c ->
                          DataTypes.FIELD(c.name(), FlinkTypes.of(c.typeSpec().withNullable(true))))
                  .toArray(DataTypes.Field[]::new));
      return env.fromValues(
              nullableRow,
              row(exprs[0], (Object[]) java.util.Arrays.copyOfRange(exprs, 1, exprs.length)))
          .filter(lit(false));
    }
    List<ApiExpression> rowExprs = new ArrayList<>();
    for (Object[] values : data) {
      if (values.length != input.columns().size()) {
        throw new IllegalArgumentException(
            input.name() + " has " + input.columns().size() + " columns, row has " + values.length);
      }
      Object[] exprs = new Object[values.length];
      for (int i = 0; i < values.length; i++) {
        exprs[i] = value(values[i], input.columns().get(i).typeSpec());
      }
      rowExprs.add(row(exprs[0], java.util.Arrays.copyOfRange(exprs, 1, exprs.length)));
    }
    return env.fromValues(rowType, rowExprs.toArray());
  }

  private static ApiExpression value(Object v, TypeSpec type) {
    if (v == null) {
      return nullOf(FlinkTypes.of(type.withNullable(true)));
    }
    if (type instanceof ArrayType a) {
      Object[] elements = (Object[]) v;
      DataType elementType = FlinkTypes.of(a.element().withNullable(false));
      if (elements.length == 0) {
        // array() needs an element; removing it again leaves a typed empty array.
        return array(lit("", elementType)).arrayRemove(lit("", elementType));
      }
      Object[] rest = new Object[elements.length - 1];
      for (int i = 1; i < elements.length; i++) {
        rest[i - 1] = lit(elements[i], elementType);
      }
      return array(lit(elements[0], elementType), rest);
    }
    return lit(v, FlinkTypes.of(type.withNullable(false)));
  }
}
