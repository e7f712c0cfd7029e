package io.codeanatomy.delta.read;

import io.delta.kernel.data.ArrayValue;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.MapValue;
import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.BinaryType;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.ByteType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.FloatType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.ShortType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one value of a Kernel column as a plain Java value — the same representation the writer
 * takes (lists, maps, {@code Object[]} structs, epoch days and microseconds).
 */
public final class ColumnValues {
  private ColumnValues() {}

  public static Object get(ColumnVector vector, int row) {
    if (vector.isNullAt(row)) {
      return null;
    }
    DataType type = vector.getDataType();
    if (type instanceof StringType) {
      return vector.getString(row);
    } else if (type instanceof IntegerType || type instanceof DateType) {
      return vector.getInt(row);
    } else if (type instanceof LongType
        || type instanceof TimestampType
        || type instanceof TimestampNTZType) {
      return vector.getLong(row);
    } else if (type instanceof BooleanType) {
      return vector.getBoolean(row);
    } else if (type instanceof DoubleType) {
      return vector.getDouble(row);
    } else if (type instanceof FloatType) {
      return vector.getFloat(row);
    } else if (type instanceof ShortType) {
      return vector.getShort(row);
    } else if (type instanceof ByteType) {
      return vector.getByte(row);
    } else if (type instanceof BinaryType) {
      return vector.getBinary(row);
    } else if (type instanceof DecimalType) {
      return vector.getDecimal(row);
    } else if (type instanceof ArrayType) {
      ArrayValue array = vector.getArray(row);
      List<Object> out = new ArrayList<>(array.getSize());
      for (int i = 0; i < array.getSize(); i++) {
        out.add(get(array.getElements(), i));
      }
      return out;
    } else if (type instanceof MapType) {
      MapValue map = vector.getMap(row);
      Map<Object, Object> out = new LinkedHashMap<>();
      for (int i = 0; i < map.getSize(); i++) {
        out.put(get(map.getKeys(), i), get(map.getValues(), i));
      }
      return out;
    } else if (type instanceof StructType struct) {
      Object[] out = new Object[struct.length()];
      for (int i = 0; i < out.length; i++) {
        out[i] = get(vector.getChild(i), row);
      }
      return out;
    }
    throw new IllegalArgumentException("unsupported Delta type " + type);
  }
}
