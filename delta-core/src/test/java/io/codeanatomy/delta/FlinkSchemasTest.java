package io.codeanatomy.delta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.codeanatomy.delta.schema.FlinkSchemas;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.logical.RowType;
import org.junit.jupiter.api.Test;

class FlinkSchemasTest {
  @Test
  void roundTripsEveryMappedType() {
    RowType row =
        (RowType)
            DataTypes.ROW(
                    DataTypes.FIELD("s", DataTypes.STRING().notNull()),
                    DataTypes.FIELD("i", DataTypes.INT()),
                    DataTypes.FIELD("l", DataTypes.BIGINT()),
                    DataTypes.FIELD("b", DataTypes.BOOLEAN()),
                    DataTypes.FIELD("d", DataTypes.DOUBLE()),
                    DataTypes.FIELD("dec", DataTypes.DECIMAL(10, 2)),
                    DataTypes.FIELD("ts", DataTypes.TIMESTAMP_LTZ(6)),
                    DataTypes.FIELD("ntz", DataTypes.TIMESTAMP(6)),
                    DataTypes.FIELD("a", DataTypes.ARRAY(DataTypes.STRING())),
                    DataTypes.FIELD(
                        "m", DataTypes.MAP(DataTypes.STRING().notNull(), DataTypes.STRING())),
                    DataTypes.FIELD(
                        "r", DataTypes.ROW(DataTypes.FIELD("x", DataTypes.INT().notNull()))))
                .notNull()
                .getLogicalType();

    assertThat(FlinkSchemas.toRowType(FlinkSchemas.toStructType(row))).isEqualTo(row);
  }

  @Test
  void unmappableTypeNamesTheColumn() {
    RowType row =
        (RowType) DataTypes.ROW(DataTypes.FIELD("t", DataTypes.TIME())).notNull().getLogicalType();
    assertThatThrownBy(() -> FlinkSchemas.toStructType(row)).hasMessageContaining("column `t`");
  }
}
