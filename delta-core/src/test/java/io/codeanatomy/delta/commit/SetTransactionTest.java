package io.codeanatomy.delta.commit;

import static org.assertj.core.api.Assertions.assertThat;

import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.write.TableOverwrite;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SetTransactionTest {
  static final StructType SCHEMA = new StructType().add("id", StringType.STRING);

  @TempDir Path dir;

  @Test
  void latestTxnVersionOfAnAppIsReadBackPerApp() {
    DeltaTable table = DeltaTable.forPath(dir.resolve("t"));
    DeltaTransaction create =
        DeltaTransaction.createTable(table, SCHEMA, TableOverwrite.CDF_ON).setTransaction("a", 3);
    assertThat(create.transactionVersion("a")).isEmpty();
    create.commit("WRITE", Map.of());
    DeltaTransaction.update(table).setTransaction("a", 7).commit("WRITE", Map.of());
    DeltaTransaction.update(table).setTransaction("b", 1).commit("WRITE", Map.of());

    DeltaTransaction next = DeltaTransaction.update(table);
    assertThat(next.transactionVersion("a")).contains(7L);
    assertThat(next.transactionVersion("b")).contains(1L);
    assertThat(next.transactionVersion("c")).isEmpty();
  }
}
