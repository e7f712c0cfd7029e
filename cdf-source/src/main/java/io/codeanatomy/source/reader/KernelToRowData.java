package io.codeanatomy.source.reader;

import io.delta.kernel.data.ArrayValue;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.MapValue;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.GenericArrayData;
import org.apache.flink.table.data.GenericMapData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.logical.DecimalType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.MapType;
import org.apache.flink.table.types.logical.RowType;

/**
 * Converts rows of a Kernel batch into Flink's internal {@link RowData}. One converter per column
 * is built once from the {@link RowType}, so the per-row path does no type dispatch on names.
 */
public final class KernelToRowData {
  @FunctionalInterface
  private interface FieldReader {
    Object read(ColumnVector vector, int row);
  }

  private final FieldReader[] fields;

  public KernelToRowData(RowType rowType) {
    this.fields = new FieldReader[rowType.getFieldCount()];
    for (int i = 0; i < fields.length; i++) {
      fields[i] = nullSafe(readerFor(rowType.getTypeAt(i)));
    }
  }

  /** The row at {@code row} of {@code batch}; the batch's columns follow the row type. */
  public RowData convert(ColumnarBatch batch, int row) {
    return convert(batch, row, null);
  }

  /**
   * The row at {@code row} of {@code batch}, with {@code filePath} appended as a last column when
   * it is not null (the {@code file.path} metadata column).
   */
  public RowData convert(ColumnarBatch batch, int row, StringData filePath) {
    GenericRowData out = new GenericRowData(fields.length + (filePath == null ? 0 : 1));
    for (int c = 0; c < fields.length; c++) {
      out.setField(c, fields[c].read(batch.getColumnVector(c), row));
    }
    if (filePath != null) {
      out.setField(fields.length, filePath);
    }
    return out;
  }

  private static FieldReader nullSafe(FieldReader reader) {
    return (vector, row) -> vector.isNullAt(row) ? null : reader.read(vector, row);
  }

  private static FieldReader readerFor(LogicalType type) {
    switch (type.getTypeRoot()) {
      case CHAR:
      case VARCHAR:
        return (v, r) -> StringData.fromString(v.getString(r));
      case BOOLEAN:
        return ColumnVector::getBoolean;
      case TINYINT:
        return ColumnVector::getByte;
      case SMALLINT:
        return ColumnVector::getShort;
      case INTEGER:
      case DATE:
        return ColumnVector::getInt;
      case BIGINT:
        return ColumnVector::getLong;
      case FLOAT:
        return ColumnVector::getFloat;
      case DOUBLE:
        return ColumnVector::getDouble;
      case BINARY:
      case VARBINARY:
        return ColumnVector::getBinary;
      case DECIMAL:
        DecimalType decimal = (DecimalType) type;
        return (v, r) ->
            DecimalData.fromBigDecimal(v.getDecimal(r), decimal.getPrecision(), decimal.getScale());
      case TIMESTAMP_WITHOUT_TIME_ZONE:
      case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
        return (v, r) -> micros(v.getLong(r));
      case ARRAY:
        FieldReader element = nullSafe(readerFor(((ArrayType) type).getElementType()));
        return (v, r) -> {
          ArrayValue array = v.getArray(r);
          Object[] values = new Object[array.getSize()];
          for (int i = 0; i < values.length; i++) {
            values[i] = element.read(array.getElements(), i);
          }
          return new GenericArrayData(values);
        };
      case MAP:
        MapType mapType = (MapType) type;
        FieldReader key = nullSafe(readerFor(mapType.getKeyType()));
        FieldReader value = nullSafe(readerFor(mapType.getValueType()));
        return (v, r) -> {
          MapValue map = v.getMap(r);
          Map<Object, Object> values = new HashMap<>();
          for (int i = 0; i < map.getSize(); i++) {
            values.put(key.read(map.getKeys(), i), value.read(map.getValues(), i));
          }
          return new GenericMapData(values);
        };
      case ROW:
        RowType rowType = (RowType) type;
        FieldReader[] children = new FieldReader[rowType.getFieldCount()];
        for (int i = 0; i < children.length; i++) {
          children[i] = nullSafe(readerFor(rowType.getTypeAt(i)));
        }
        return (v, r) -> {
          GenericRowData nested = new GenericRowData(children.length);
          for (int i = 0; i < children.length; i++) {
            nested.setField(i, children[i].read(v.getChild(i), r));
          }
          return nested;
        };
      default:
        throw new IllegalArgumentException("no Delta reader for Flink type " + type);
    }
  }

  private static TimestampData micros(long micros) {
    return TimestampData.fromEpochMillis(
        Math.floorDiv(micros, 1000), (int) Math.floorMod(micros, 1000) * 1000);
  }
}
