package io.codeanatomy.delta.write;

import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.BinaryType;
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
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Equality of values as the writer takes them and the reader returns them, by Delta type: a row
 * that is "equal" to the stored one is not a change. Numbers compare by value in the column's type
 * (a caller may pass an {@code Integer} for a {@code long} column), decimals ignore scale, binaries
 * and nested values compare by content.
 */
final class ValueEquality {
  private ValueEquality() {}

  static boolean rowsEqual(StructType schema, Object[] a, Object[] b) {
    for (int c = 0; c < schema.length(); c++) {
      if (!equal(schema.at(c).getDataType(), a[c], b[c])) {
        return false;
      }
    }
    return true;
  }

  static boolean equal(DataType type, Object a, Object b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (type instanceof LongType
        || type instanceof IntegerType
        || type instanceof ShortType
        || type instanceof ByteType
        || type instanceof DateType
        || type instanceof TimestampType
        || type instanceof TimestampNTZType) {
      return ((Number) a).longValue() == ((Number) b).longValue();
    }
    if (type instanceof DoubleType || type instanceof FloatType) {
      return Double.compare(((Number) a).doubleValue(), ((Number) b).doubleValue()) == 0;
    }
    if (type instanceof DecimalType) {
      return ((BigDecimal) a).compareTo((BigDecimal) b) == 0;
    }
    if (type instanceof BinaryType) {
      return Arrays.equals((byte[]) a, (byte[]) b);
    }
    if (type instanceof ArrayType array) {
      List<?> x = (List<?>) a;
      List<?> y = (List<?>) b;
      if (x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!equal(array.getElementType(), x.get(i), y.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (type instanceof MapType map) {
      return mapsEqual(map, (Map<?, ?>) a, (Map<?, ?>) b);
    }
    if (type instanceof StructType struct) {
      return rowsEqual(struct, (Object[]) a, (Object[]) b);
    }
    return a.equals(b);
  }

  private static boolean mapsEqual(MapType type, Map<?, ?> a, Map<?, ?> b) {
    if (a.size() != b.size()) {
      return false;
    }
    // Keys may be typed differently on both sides (Integer vs Long), so match by typed equality.
    for (Map.Entry<?, ?> x : a.entrySet()) {
      boolean found = false;
      for (Map.Entry<?, ?> y : b.entrySet()) {
        if (equal(type.getKeyType(), x.getKey(), y.getKey())) {
          found = equal(type.getValueType(), x.getValue(), y.getValue());
          break;
        }
      }
      if (!found) {
        return false;
      }
    }
    return true;
  }
}
