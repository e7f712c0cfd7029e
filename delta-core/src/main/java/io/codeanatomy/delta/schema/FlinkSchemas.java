package io.codeanatomy.delta.schema;

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
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;

/**
 * Maps schemas between Delta (Kernel {@link StructType}) and Flink ({@link RowType}), both ways,
 * keeping nullability. A type without a faithful counterpart is refused with its column path.
 */
public final class FlinkSchemas {
  private FlinkSchemas() {}

  public static RowType toRowType(StructType struct) {
    return (RowType) toLogical(struct, false, ""); // a table row itself is never null
  }

  public static StructType toStructType(RowType row) {
    return (StructType) toDelta(row, "");
  }

  private static LogicalType toLogical(DataType type, boolean nullable, String path) {
    org.apache.flink.table.types.DataType flink;
    if (type instanceof StringType) {
      flink = DataTypes.STRING();
    } else if (type instanceof IntegerType) {
      flink = DataTypes.INT();
    } else if (type instanceof LongType) {
      flink = DataTypes.BIGINT();
    } else if (type instanceof ShortType) {
      flink = DataTypes.SMALLINT();
    } else if (type instanceof ByteType) {
      flink = DataTypes.TINYINT();
    } else if (type instanceof BooleanType) {
      flink = DataTypes.BOOLEAN();
    } else if (type instanceof DoubleType) {
      flink = DataTypes.DOUBLE();
    } else if (type instanceof FloatType) {
      flink = DataTypes.FLOAT();
    } else if (type instanceof BinaryType) {
      flink = DataTypes.BYTES();
    } else if (type instanceof DateType) {
      flink = DataTypes.DATE();
    } else if (type instanceof DecimalType d) {
      flink = DataTypes.DECIMAL(d.getPrecision(), d.getScale());
    } else if (type instanceof TimestampType) {
      flink = DataTypes.TIMESTAMP_LTZ(6);
    } else if (type instanceof TimestampNTZType) {
      flink = DataTypes.TIMESTAMP(6);
    } else if (type instanceof ArrayType a) {
      LogicalType element = toLogical(a.getElementType(), a.containsNull(), path + "[]");
      return new org.apache.flink.table.types.logical.ArrayType(nullable, element);
    } else if (type instanceof MapType m) {
      LogicalType key = toLogical(m.getKeyType(), false, path + ".key");
      LogicalType value = toLogical(m.getValueType(), m.isValueContainsNull(), path + ".value");
      return new org.apache.flink.table.types.logical.MapType(nullable, key, value);
    } else if (type instanceof StructType s) {
      List<RowType.RowField> fields = new ArrayList<>();
      for (StructField f : s.fields()) {
        fields.add(
            new RowType.RowField(
                f.getName(), toLogical(f.getDataType(), f.isNullable(), join(path, f.getName()))));
      }
      return new RowType(nullable, fields);
    } else {
      throw new UnsupportedTypeException(
          "Delta type " + type + " of column `" + path + "` has no Flink counterpart");
    }
    return flink.getLogicalType().copy(nullable);
  }

  private static DataType toDelta(LogicalType type, String path) {
    switch (type.getTypeRoot()) {
      case CHAR:
      case VARCHAR:
        return StringType.STRING;
      case INTEGER:
        return IntegerType.INTEGER;
      case BIGINT:
        return LongType.LONG;
      case SMALLINT:
        return ShortType.SHORT;
      case TINYINT:
        return ByteType.BYTE;
      case BOOLEAN:
        return BooleanType.BOOLEAN;
      case DOUBLE:
        return DoubleType.DOUBLE;
      case FLOAT:
        return FloatType.FLOAT;
      case BINARY:
      case VARBINARY:
        return BinaryType.BINARY;
      case DATE:
        return DateType.DATE;
      case DECIMAL:
        var d = (org.apache.flink.table.types.logical.DecimalType) type;
        return new DecimalType(d.getPrecision(), d.getScale());
      case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
        return TimestampType.TIMESTAMP;
      case TIMESTAMP_WITHOUT_TIME_ZONE:
        return TimestampNTZType.TIMESTAMP_NTZ;
      case ARRAY:
        LogicalType element =
            ((org.apache.flink.table.types.logical.ArrayType) type).getElementType();
        return new ArrayType(toDelta(element, path + "[]"), element.isNullable());
      case MAP:
        var map = (org.apache.flink.table.types.logical.MapType) type;
        return new MapType(
            toDelta(map.getKeyType(), path + ".key"),
            toDelta(map.getValueType(), path + ".value"),
            map.getValueType().isNullable());
      case ROW:
        StructType struct = new StructType();
        for (RowType.RowField f : ((RowType) type).getFields()) {
          struct =
              struct.add(
                  f.getName(),
                  toDelta(f.getType(), join(path, f.getName())),
                  f.getType().isNullable());
        }
        return struct;
      default:
        throw new UnsupportedTypeException(
            "Flink type " + type + " of column `" + path + "` has no Delta counterpart");
    }
  }

  private static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  /** A column type that cannot be represented on the other side. */
  public static final class UnsupportedTypeException extends IllegalArgumentException {
    UnsupportedTypeException(String message) {
      super(message);
    }
  }
}
