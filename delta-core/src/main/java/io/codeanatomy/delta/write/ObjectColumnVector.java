package io.codeanatomy.delta.write;

import io.delta.kernel.data.ArrayValue;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.MapValue;
import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.StructType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Kernel column over plain Java values, so rows built in Java can go through Kernel's Parquet
 * writer. Values: {@code String}, boxed numbers, {@code Boolean}, {@code byte[]}, {@code
 * BigDecimal}, {@code Integer} days for dates, {@code Long} microseconds for timestamps, {@code
 * List} for arrays, {@code Map} for maps and {@code Object[]} (field order) for structs.
 */
final class ObjectColumnVector implements ColumnVector {
  private final DataType type;
  private final Object[] values;

  ObjectColumnVector(DataType type, Object[] values) {
    this.type = type;
    this.values = values;
  }

  @Override
  public DataType getDataType() {
    return type;
  }

  @Override
  public int getSize() {
    return values.length;
  }

  @Override
  public void close() {}

  @Override
  public boolean isNullAt(int row) {
    return values[row] == null;
  }

  @Override
  public boolean getBoolean(int row) {
    return (Boolean) values[row];
  }

  @Override
  public byte getByte(int row) {
    return ((Number) values[row]).byteValue();
  }

  @Override
  public short getShort(int row) {
    return ((Number) values[row]).shortValue();
  }

  @Override
  public int getInt(int row) {
    return ((Number) values[row]).intValue();
  }

  @Override
  public long getLong(int row) {
    return ((Number) values[row]).longValue();
  }

  @Override
  public float getFloat(int row) {
    return ((Number) values[row]).floatValue();
  }

  @Override
  public double getDouble(int row) {
    return ((Number) values[row]).doubleValue();
  }

  @Override
  public String getString(int row) {
    return (String) values[row];
  }

  @Override
  public BigDecimal getDecimal(int row) {
    return (BigDecimal) values[row];
  }

  @Override
  public byte[] getBinary(int row) {
    return (byte[]) values[row];
  }

  @Override
  public ArrayValue getArray(int row) {
    List<?> list = (List<?>) values[row];
    ColumnVector elements =
        new ObjectColumnVector(((ArrayType) type).getElementType(), list.toArray());
    return new ArrayValue() {
      @Override
      public int getSize() {
        return list.size();
      }

      @Override
      public ColumnVector getElements() {
        return elements;
      }
    };
  }

  @Override
  public MapValue getMap(int row) {
    Map<?, ?> map = (Map<?, ?>) values[row];
    List<Object> keys = new ArrayList<>(map.keySet());
    List<Object> vals = new ArrayList<>(map.values());
    MapType mapType = (MapType) type;
    ColumnVector keyVector = new ObjectColumnVector(mapType.getKeyType(), keys.toArray());
    ColumnVector valueVector = new ObjectColumnVector(mapType.getValueType(), vals.toArray());
    return new MapValue() {
      @Override
      public int getSize() {
        return keys.size();
      }

      @Override
      public ColumnVector getKeys() {
        return keyVector;
      }

      @Override
      public ColumnVector getValues() {
        return valueVector;
      }
    };
  }

  @Override
  public ColumnVector getChild(int ordinal) {
    StructType struct = (StructType) type;
    Object[] field = new Object[values.length];
    for (int i = 0; i < values.length; i++) {
      field[i] = values[i] == null ? null : ((Object[]) values[i])[ordinal];
    }
    return new ObjectColumnVector(struct.at(ordinal).getDataType(), field);
  }
}
