package io.codeanatomy.sink.writer;

import io.codeanatomy.delta.DeltaException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.MapData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.MapType;
import org.apache.flink.table.types.logical.RowType;

/**
 * Converts Flink's internal {@link RowData} into the plain Java values delta-core's Parquet writer
 * takes: {@code String}, boxed numbers, {@code Boolean}, {@code byte[]}, {@code BigDecimal}, {@code
 * Integer} days, {@code Long} microseconds, {@code List}, {@code Map} and {@code Object[]} structs.
 *
 * <p>The per-column conversions are chosen once from the {@link RowType}. Every value is copied out
 * of the row, because with object reuse Flink may hand the next record in the same object.
 */
public final class RowDataToJava {
  private final RowData.FieldGetter[] getters;
  private final UnaryOperator<Object>[] converters;

  @SuppressWarnings("unchecked")
  public RowDataToJava(String tablePath, RowType type) {
    int arity = type.getFieldCount();
    this.getters = new RowData.FieldGetter[arity];
    this.converters = new UnaryOperator[arity];
    for (int i = 0; i < arity; i++) {
      LogicalType field = type.getTypeAt(i);
      // Read NOT NULL columns as nullable: a null there must reach the writer's NOT NULL check
      // with its column name, not be misread as a zero from a null slot.
      getters[i] = RowData.createFieldGetter(field.copy(true), i);
      converters[i] = converter(tablePath, field, type.getFieldNames().get(i));
    }
  }

  /** The row's values in field order; nulls stay null. */
  public Object[] convert(RowData row) {
    Object[] values = new Object[getters.length];
    for (int i = 0; i < getters.length; i++) {
      Object value = getters[i].getFieldOrNull(row);
      values[i] = value == null ? null : converters[i].apply(value);
    }
    return values;
  }

  private static UnaryOperator<Object> converter(String tablePath, LogicalType type, String path) {
    switch (type.getTypeRoot()) {
      case CHAR:
      case VARCHAR:
        return Object::toString;
      case BOOLEAN:
      case TINYINT:
      case SMALLINT:
      case INTEGER:
      case BIGINT:
      case FLOAT:
      case DOUBLE:
      case DATE:
        return UnaryOperator.identity();
      case BINARY:
      case VARBINARY:
        return v -> ((byte[]) v).clone();
      case DECIMAL:
        return v -> ((DecimalData) v).toBigDecimal();
      case TIMESTAMP_WITHOUT_TIME_ZONE:
      case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
        return v -> {
          TimestampData ts = (TimestampData) v;
          return ts.getMillisecond() * 1000 + ts.getNanoOfMillisecond() / 1000;
        };
      case ARRAY:
        return arrayConverter(tablePath, ((ArrayType) type).getElementType(), path + "[]");
      case MAP:
        return mapConverter(tablePath, (MapType) type, path);
      case ROW:
        RowDataToJava nested = new RowDataToJava(tablePath, (RowType) type);
        return v -> nested.convert((RowData) v);
      default:
        throw new DeltaException(
            tablePath,
            "column `" + path + "` has type " + type + ", which the Delta sink cannot write");
    }
  }

  private static UnaryOperator<Object> arrayConverter(
      String tablePath, LogicalType elementType, String path) {
    ArrayData.ElementGetter getter = ArrayData.createElementGetter(elementType.copy(true));
    UnaryOperator<Object> element = converter(tablePath, elementType, path);
    return v -> {
      ArrayData array = (ArrayData) v;
      List<Object> list = new ArrayList<>(array.size());
      for (int i = 0; i < array.size(); i++) {
        Object e = getter.getElementOrNull(array, i);
        list.add(e == null ? null : element.apply(e));
      }
      return list;
    };
  }

  private static UnaryOperator<Object> mapConverter(String tablePath, MapType type, String path) {
    UnaryOperator<Object> keys = arrayConverter(tablePath, type.getKeyType(), path + ".key");
    UnaryOperator<Object> values = arrayConverter(tablePath, type.getValueType(), path + ".value");
    return v -> {
      MapData map = (MapData) v;
      List<?> k = (List<?>) keys.apply(map.keyArray());
      List<?> val = (List<?>) values.apply(map.valueArray());
      Map<Object, Object> out = new HashMap<>(k.size() * 2);
      for (int i = 0; i < k.size(); i++) {
        out.put(k.get(i), val.get(i));
      }
      return out;
    };
  }
}
