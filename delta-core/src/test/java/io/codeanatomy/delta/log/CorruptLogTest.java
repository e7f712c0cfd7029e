package io.codeanatomy.delta.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.codeanatomy.delta.DeltaException;
import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.commit.DeltaTransaction;
import io.codeanatomy.delta.read.SnapshotReader;
import io.codeanatomy.delta.write.KeyedChangeWriter;
import io.codeanatomy.delta.write.KeyedLayout;
import io.codeanatomy.delta.write.TableOverwrite;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A damaged transaction log — garbage in a commit file, a missing commit, a truncated checkpoint —
 * gives an error naming the table and what is wrong, refuses writes on top of it, and leaves every
 * earlier version readable.
 */
class CorruptLogTest {
  static final StructType SCHEMA =
      new StructType().add("id", StringType.STRING, false).add("n", IntegerType.INTEGER);

  @TempDir Path dir;
  DeltaTable table;

  @BeforeEach
  void threeVersions() {
    table = DeltaTable.forPath(dir.resolve("t"));
    TableOverwrite.replaceContent(
        table, SCHEMA, TableOverwrite.CDF_ON, List.<Object[]>of(new Object[] {"a", 1}));
    KeyedChangeWriter writer = new KeyedChangeWriter(table, KeyedLayout.keyedBy("id"));
    writer.apply(List.<Object[]>of(new Object[] {"b", 2}), List.of());
    writer.apply(List.<Object[]>of(new Object[] {"c", 3}), List.of());
  }

  @Test
  void garbageInTheNewestCommitNamesTheTableAndKeepsOlderVersionsReadable() throws IOException {
    Files.writeString(commitFile(2), "{\"add\": {\"path\": \"x.parquet\", trunc");

    assertThatThrownBy(() -> table.snapshot())
        .isInstanceOf(DeltaException.class)
        .hasMessageContaining(table.path())
        .hasMessageContaining("cannot read the table");
    assertThatThrownBy(() -> DeltaTransaction.update(table)).isInstanceOf(DeltaException.class);
    assertThat(SnapshotReader.readAll(table, table.snapshotAt(1))).hasSize(2);
  }

  @Test
  void aMissingCommitIsReportedAsAGap() throws IOException {
    Files.delete(commitFile(1));

    assertThatThrownBy(() -> table.snapshot())
        .isInstanceOf(DeltaException.class)
        .hasMessageContaining(table.path())
        .hasMessageContaining("version");
    assertThat(SnapshotReader.readAll(table, table.snapshotAt(0))).hasSize(1);
  }

  @Test
  void aTruncatedCheckpointNamesTheCheckpoint() throws IOException {
    KeyedChangeWriter writer = new KeyedChangeWriter(table, KeyedLayout.keyedBy("id"));
    for (int i = 0; i < 9; i++) {
      writer.apply(List.<Object[]>of(new Object[] {"k" + i, i}), List.of());
    }
    Path checkpoint;
    try (var files = Files.list(table.logDir())) {
      checkpoint =
          files
              .filter(p -> p.getFileName().toString().contains(".checkpoint"))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no checkpoint was written"));
    }
    byte[] bytes = Files.readAllBytes(checkpoint);
    Files.write(checkpoint, java.util.Arrays.copyOf(bytes, bytes.length / 2));

    assertThatThrownBy(() -> SnapshotReader.readAll(table))
        .isInstanceOf(DeltaException.class)
        .hasMessageContaining(table.path());
  }

  private Path commitFile(long version) {
    return table.logDir().resolve(String.format("%020d.json", version));
  }
}
