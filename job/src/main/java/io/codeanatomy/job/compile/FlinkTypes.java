package io.codeanatomy.job.compile;

import io.codeanatomy.spec.type.ArrayType;
import io.codeanatomy.spec.type.MapType;
import io.codeanatomy.spec.type.RowType;
import io.codeanatomy.spec.type.ScalarType;
import io.codeanatomy.spec.type.TypeSpec;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeFamily;

/** Maps spec types onto Flink {@link DataType}s and compares Flink types the way the spec does. */
public final class FlinkTypes {
  private FlinkTypes() {}

  public static DataType of(String typeText) {
    return of(TypeSpec.parse(typeText));
  }

  public static DataType of(TypeSpec type) {
    DataType base;
    if (type instanceof ScalarType s) {
      base =
          switch (s.kind()) {
            case STRING -> DataTypes.STRING();
            case BYTES -> DataTypes.BYTES();
            case BOOLEAN -> DataTypes.BOOLEAN();
            case TINYINT -> DataTypes.TINYINT();
            case SMALLINT -> DataTypes.SMALLINT();
            case INT -> DataTypes.INT();
            case BIGINT -> DataTypes.BIGINT();
            case FLOAT -> DataTypes.FLOAT();
            case DOUBLE -> DataTypes.DOUBLE();
            case DATE -> DataTypes.DATE();
            case TIMESTAMP -> DataTypes.TIMESTAMP(6);
            case TIMESTAMP_LTZ -> DataTypes.TIMESTAMP_LTZ(6);
          };
    } else if (type instanceof ArrayType a) {
      base = DataTypes.ARRAY(of(a.element()));
    } else if (type instanceof MapType m) {
      base = DataTypes.MAP(of(m.key()), of(m.value()));
    } else {
      RowType r = (RowType) type;
      base =
          DataTypes.ROW(
              r.fields().stream()
                  .map(f -> DataTypes.FIELD(f.name(), of(f.type())))
                  .toArray(DataTypes.Field[]::new));
    }
    return type.nullable() ? base.nullable() : base.notNull();
  }

  /** Equal logical types once nullability is ignored at every level. */
  static boolean sameIgnoringNullability(LogicalType a, LogicalType b) {
    return erase(a).equals(erase(b));
  }

  /** Whether values of {@code type} have an order a sort can use: scalars, not ARRAY/MAP/ROW. */
  static boolean orderable(DataType type) {
    LogicalType t = type.getLogicalType();
    return t.is(LogicalTypeFamily.PREDEFINED) && !t.is(LogicalTypeFamily.CONSTRUCTED);
  }

  /** Type text without nullability markers, for messages and comparison. */
  static String erase(LogicalType t) {
    return t.copy(true).asSummaryString().replace(" NOT NULL", "");
  }
}
