package io.codeanatomy.job.compile;

import static org.apache.flink.table.api.Expressions.$;
import static org.apache.flink.table.api.Expressions.array;
import static org.apache.flink.table.api.Expressions.ifThenElse;
import static org.apache.flink.table.api.Expressions.lit;
import static org.apache.flink.table.api.Expressions.nullOf;
import static org.apache.flink.table.api.Expressions.row;

import io.codeanatomy.spec.ColumnSpec;
import io.codeanatomy.spec.InputSpec;
import io.codeanatomy.spec.type.ArrayType;
import io.codeanatomy.spec.type.ScalarKind;
import io.codeanatomy.spec.type.ScalarType;
import io.codeanatomy.spec.type.TypeSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.ApiExpression;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.runtime.typeutils.ExternalTypeInfo;
import org.apache.flink.table.types.DataType;
import org.apache.flink.types.Row;

/**
 * Binds spec inputs to tables of the declared row type built from plain Java rows: constant {@code
 * fromValues} tables, or bounded DataStream scans that keep the plan shaped as over a real source.
 *
 * <p>{@code fromValues} turns a Java array into an {@code array(...)} call, which cannot be empty;
 * so in the values path ARRAY&lt;STRING&gt; columns travel as one joined string and are split back
 * by an expression.
 */
final class RowsBinder implements InputBinder {
  private static final String SEPARATOR = "\u0001";

  private final TableEnvironment env;
  private final Map<String, List<Object[]>> rows = new HashMap<>();

  private final StreamExecutionEnvironment streams;

  /** Binds to constant {@code fromValues} tables. */
  RowsBinder(TableEnvironment env) {
    this.env = env;
    this.streams = null;
  }

  /** Binds to bounded DataStream scans of {@code streams}, the environment {@code env} runs on. */
  RowsBinder(StreamTableEnvironment env, StreamExecutionEnvironment streams) {
    this.env = env;
    this.streams = streams;
  }

  RowsBinder add(String input, Object... values) {
    rows.computeIfAbsent(input, k -> new ArrayList<>()).add(values);
    return this;
  }

  @Override
  public Table bind(InputSpec input) {
    if (streams != null) {
      return bindScan((StreamTableEnvironment) env, input);
    }
    return bindValues(input);
  }

  /** A bounded DataStream scan of the rows, typed by the declared columns. */
  private Table bindScan(StreamTableEnvironment tableEnv, InputSpec input) {
    List<DataTypes.Field> fields = new ArrayList<>();
    for (ColumnSpec c : input.columns()) {
      fields.add(DataTypes.FIELD(c.name(), FlinkTypes.of(c.typeSpec())));
    }
    DataType rowType = DataTypes.ROW(fields.toArray(DataTypes.Field[]::new));
    List<Row> data = new ArrayList<>();
    for (Object[] v : rows.getOrDefault(input.name(), List.of())) {
      data.add(Row.of(v));
    }
    TypeInformation<Row> typeInfo = ExternalTypeInfo.of(rowType);
    int arity = fields.size();
    // fromData refuses an empty collection; an empty input is a one-element source filtered away.
    DataStream<Row> stream =
        data.isEmpty()
            ? streams
                .fromSequence(1, 1)
                .filter(x -> false)
                .map(x -> new Row(arity))
                .returns(typeInfo)
            : streams.fromData(data, typeInfo);
    return tableEnv.fromDataStream(stream);
  }

  private Table bindValues(InputSpec input) {
    List<ColumnSpec> columns = input.columns();
    List<Object[]> data = rows.getOrDefault(input.name(), List.of());
    // An empty table is built from one all-NULL row that is filtered away, so it needs nullable
    // storage; otherwise the declared nullability is kept.
    boolean empty = data.isEmpty();
    List<DataTypes.Field> stored = new ArrayList<>();
    List<ApiExpression> decode = new ArrayList<>();
    for (ColumnSpec c : columns) {
      TypeSpec type = c.typeSpec();
      TypeSpec storage =
          isStringArray(type) ? new ScalarType(ScalarKind.STRING, type.nullable()) : type;
      stored.add(
          DataTypes.FIELD(c.name(), FlinkTypes.of(empty ? storage.withNullable(true) : storage)));
      if (isStringArray(type)) {
        DataType element = DataTypes.STRING().notNull();
        ApiExpression none = array(lit("", element)).arrayRemove(lit("", element));
        decode.add(
            ifThenElse($(c.name()).isEqual(lit("", element)), none, $(c.name()).split(SEPARATOR))
                .as(c.name()));
      } else {
        decode.add($(c.name()));
      }
    }
    DataType storedRow = DataTypes.ROW(stored.toArray(DataTypes.Field[]::new));
    Table values;
    if (empty) {
      ApiExpression[] nulls =
          stored.stream().map(f -> nullOf(f.getDataType())).toArray(ApiExpression[]::new);
      values =
          env.fromValues(
                  storedRow,
                  row(nulls[0], (Object[]) java.util.Arrays.copyOfRange(nulls, 1, nulls.length)))
              .filter(lit(false));
    } else {
      List<Row> encoded = new ArrayList<>();
      for (Object[] v : data) {
        if (v.length != columns.size()) {
          throw new IllegalArgumentException(
              input.name() + " has " + columns.size() + " columns, row has " + v.length);
        }
        Object[] out = v.clone();
        for (int i = 0; i < out.length; i++) {
          if (out[i] instanceof String[] arr) {
            out[i] = String.join(SEPARATOR, arr);
          }
        }
        encoded.add(Row.of(out));
      }
      values = env.fromValues(storedRow, encoded);
    }
    return values.select(decode.toArray(ApiExpression[]::new));
  }

  private static boolean isStringArray(TypeSpec type) {
    return type instanceof ArrayType a
        && a.element() instanceof ScalarType s
        && s.kind() == ScalarKind.STRING;
  }
}
