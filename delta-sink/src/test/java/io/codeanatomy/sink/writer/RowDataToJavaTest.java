package io.codeanatomy.sink.writer;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.GenericArrayData;
import org.apache.flink.table.data.GenericMapData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.logical.RowType;
import org.junit.jupiter.api.Test;

class RowDataToJavaTest {
  static final RowType TYPE =
      (RowType)
          DataTypes.ROW(
                  DataTypes.FIELD("s", DataTypes.STRING().notNull()),
                  DataTypes.FIELD("d", DataTypes.DECIMAL(5, 2)),
                  DataTypes.FIELD("ts", DataTypes.TIMESTAMP_LTZ(6)),
                  DataTypes.FIELD("arr", DataTypes.ARRAY(DataTypes.STRING())),
                  DataTypes.FIELD("m", DataTypes.MAP(DataTypes.STRING(), DataTypes.INT())),
                  DataTypes.FIELD("r", DataTypes.ROW(DataTypes.FIELD("x", DataTypes.SMALLINT()))),
                  DataTypes.FIELD("b", DataTypes.BYTES()))
              .getLogicalType();

  @Test
  void convertsEveryKindOfValueIncludingNestedNulls() {
    byte[] bytes = {1, 2};
    GenericRowData row =
        GenericRowData.of(
            StringData.fromString("a"),
            DecimalData.fromBigDecimal(new BigDecimal("1.50"), 5, 2),
            TimestampData.fromEpochMillis(-1, 999_000),
            new GenericArrayData(new Object[] {StringData.fromString("x"), null}),
            new GenericMapData(Map.of(StringData.fromString("k"), 3)),
            GenericRowData.of((short) 4),
            bytes);

    Object[] values = new RowDataToJava("t", TYPE).convert(row);

    assertThat(values[0]).isEqualTo("a");
    assertThat(values[1]).isEqualTo(new BigDecimal("1.50"));
    assertThat(values[2]).isEqualTo(-1_000L + 999L);
    assertThat(values[3]).asList().containsExactly("x", null);
    assertThat(values[4]).isEqualTo(Map.of("k", 3));
    assertThat((Object[]) values[5]).containsExactly((short) 4);
    assertThat((byte[]) values[6]).isEqualTo(bytes).isNotSameAs(bytes);
  }

  @Test
  void nullInANotNullColumnStaysNullForTheWritersCheck() {
    Object[] values =
        new RowDataToJava("t", TYPE).convert(new GenericRowData(TYPE.getFieldCount()));

    assertThat(values).containsOnlyNulls();
  }
}
