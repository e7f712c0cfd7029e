package io.codeanatomy.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.read.SnapshotReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.types.RowKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sink used directly from the DataStream API, in batch and in streaming with checkpoints. */
class DeltaSinkStreamIT {
  static final RowType ROW_TYPE =
      (RowType)
          DataTypes.ROW(
                  DataTypes.FIELD("id", DataTypes.STRING().notNull()),
                  DataTypes.FIELD("n", DataTypes.INT()))
              .getLogicalType();

  @TempDir Path dir;

  @Test
  void streamingRunWithCheckpointsWritesEveryRowOnce() throws Exception {
    DeltaSinkConfig config = config(WriteMode.APPEND, 7);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
    env.setParallelism(2);
    env.enableCheckpointing(50);

    env.fromData(rows(100), InternalTypeInfo.of(ROW_TYPE)).sinkTo(new DeltaSink(config));
    env.execute("streaming append");

    DeltaTable table = config.table();
    List<Object[]> read = SnapshotReader.readAll(table);
    assertThat(read).hasSize(100);
    assertThat(read.stream().map(r -> r[0])).doesNotHaveDuplicates();
  }

  @Test
  void nullInNotNullColumnFailsTheJobNamingTheColumnAndCommitsNothing() {
    DeltaSinkConfig config = config(WriteMode.OVERWRITE, 1000);
    List<RowData> rows = rows(3);
    rows.add(GenericRowData.of(null, 9));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setRuntimeMode(RuntimeExecutionMode.BATCH);
    env.fromData(rows, InternalTypeInfo.of(ROW_TYPE)).sinkTo(new DeltaSink(config));

    assertThatThrownBy(() -> env.execute("not null"))
        .hasStackTraceContaining("column `id` is NOT NULL but a row has null")
        .hasStackTraceContaining(config.tablePath());
    assertThat(config.table().exists()).isFalse();
  }

  @Test
  void updateRowsAreRefusedNamingTheTable() {
    DeltaSinkConfig config = config(WriteMode.APPEND, 1000);
    GenericRowData update = GenericRowData.of(StringData.fromString("a"), 1);
    update.setRowKind(RowKind.UPDATE_AFTER);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setRuntimeMode(RuntimeExecutionMode.BATCH);
    env.fromData(List.<RowData>of(update), InternalTypeInfo.of(ROW_TYPE))
        .sinkTo(new DeltaSink(config));

    assertThatThrownBy(() -> env.execute("update"))
        .hasStackTraceContaining("received a UPDATE_AFTER row")
        .hasStackTraceContaining(config.tablePath());
    assertThat(config.table().exists()).isFalse();
  }

  private DeltaSinkConfig config(WriteMode mode, long rowsPerFile) {
    String path = dir.resolve("t").toString();
    return new DeltaSinkConfig(
        path, ROW_TYPE, mode, DeltaSinkConfig.defaultAppId(path), rowsPerFile);
  }

  private static List<RowData> rows(int n) {
    List<RowData> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(GenericRowData.of(StringData.fromString("r" + i), i));
    }
    return rows;
  }
}
