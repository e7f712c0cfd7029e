package io.codeanatomy.delta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.codeanatomy.delta.commit.DeltaTransaction;
import io.codeanatomy.delta.read.SnapshotReader;
import io.codeanatomy.delta.write.KeyedChangeWriter;
import io.codeanatomy.delta.write.KeyedLayout;
import io.codeanatomy.delta.write.TableOverwrite;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointAndTimeTravelTest {
  static final StructType SCHEMA =
      new StructType().add("id", StringType.STRING, false).add("n", IntegerType.INTEGER);

  @TempDir Path dir;

  @Test
  void checkpointsEveryIntervalAndEveryVersionStillReads() {
    DeltaTable table = DeltaTable.forPath(dir.resolve("t"));
    Map<String, String> props =
        Map.of("delta.enableChangeDataFeed", "true", DeltaTransaction.CHECKPOINT_INTERVAL, "3");
    TableOverwrite.replaceContent(table, SCHEMA, props, List.<Object[]>of(new Object[] {"k0", 0}));
    KeyedChangeWriter writer = new KeyedChangeWriter(table, KeyedLayout.keyedBy("id"));
    for (int v = 1; v <= 7; v++) {
      writer.apply(List.<Object[]>of(new Object[] {"k" + v, v}, new Object[] {"k0", v}), List.of());
    }

    assertThat(table.logDir().resolve("00000000000000000003.checkpoint.parquet")).exists();
    assertThat(table.logDir().resolve("00000000000000000006.checkpoint.parquet")).exists();
    assertThat(table.logDir().resolve("_last_checkpoint")).exists();
    for (int v = 0; v <= 7; v++) {
      List<Object[]> rows = SnapshotReader.readAll(table, table.snapshotAt(v));
      assertThat(rows).hasSize(v + 1);
      final int version = v;
      assertThat(rows)
          .filteredOn(r -> r[0].equals("k0"))
          .singleElement()
          .satisfies(r -> assertThat(r[1]).isEqualTo(version));
    }
  }

  @Test
  void defaultIntervalIsTen() {
    DeltaTable table = DeltaTable.forPath(dir.resolve("t"));
    for (int v = 0; v <= 10; v++) {
      TableOverwrite.replaceContent(
          table, SCHEMA, TableOverwrite.CDF_ON, List.<Object[]>of(new Object[] {"k", v}));
    }
    assertThat(table.logDir().resolve("00000000000000000010.checkpoint.parquet")).exists();
    assertThat(SnapshotReader.readAll(table).get(0)[1]).isEqualTo(10);
  }

  @Test
  void opensTheVersionCommittedAtOrBeforeATimestamp() throws Exception {
    DeltaTable table = DeltaTable.forPath(dir.resolve("t"));
    for (int v = 0; v <= 2; v++) {
      TableOverwrite.replaceContent(
          table, SCHEMA, TableOverwrite.CDF_ON, List.<Object[]>of(new Object[] {"k", v}));
      // Commit times come from the commit files: pin them to known instants.
      Files.setLastModifiedTime(
          table.logDir().resolve(String.format("%020d.json", v)),
          FileTime.fromMillis(1_000_000L * (v + 1)));
    }

    assertThat(table.snapshotAtTimestamp(2_500_000L).getVersion()).isEqualTo(1);
    assertThat(table.snapshotAtTimestamp(2_000_000L).getVersion()).isEqualTo(1);
    assertThat(table.snapshotAtTimestamp(3_000_000L).getVersion()).isEqualTo(2);
    assertThatThrownBy(() -> table.snapshotAtTimestamp(999_999L))
        .isInstanceOf(DeltaException.class)
        .hasMessageContaining("no version of the table was committed at or before");
    assertThatThrownBy(() -> table.snapshotAtTimestamp(3_000_001L))
        .isInstanceOf(DeltaException.class)
        .hasMessageContaining("after the latest commit (version 2");
  }
}
