package io.codeanatomy.source.changelog;

import static org.assertj.core.api.Assertions.assertThat;

import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.commit.AddCdcFile;
import io.codeanatomy.delta.commit.AddFile;
import io.codeanatomy.delta.write.ParquetFileWriter;
import io.codeanatomy.source.reader.PositionedRow;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.table.types.logical.BigIntType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.VarCharType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Updates that change no column read are dropped, both halves, also where the halves fall into
 * different Parquet batches, and a split restored at any offset it checkpointed emits exactly the
 * rest of what it would have emitted.
 */
class ChangeSplitReaderTest {
  private static final StructType CDC_SCHEMA =
      new StructType()
          .add("id", StringType.STRING, false)
          .add("n", LongType.LONG)
          .add(AddCdcFile.CHANGE_TYPE_COLUMN, StringType.STRING);
  private static final RowType ID_ONLY =
      RowType.of(
          new LogicalType[] {new VarCharType(false, VarCharType.MAX_LENGTH)}, new String[] {"id"});
  private static final RowType ID_AND_N =
      RowType.of(
          new LogicalType[] {new VarCharType(false, VarCharType.MAX_LENGTH), new BigIntType()},
          new String[] {"id", "n"});

  @TempDir Path dir;
  private String cdcPath;

  /**
   * 1,500 updates of n (no-ops for a reader of id alone), every seventh an update of id too (a
   * writer pairing halves of different keys), with inserts and deletes between them: more rows than
   * one Parquet batch, so halves of some updates straddle a batch boundary.
   */
  @BeforeEach
  void writeChangeDataFile() {
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 1_500; i++) {
      String id = "k" + i;
      rows.add(new Object[] {id, (long) i, "update_preimage"});
      rows.add(new Object[] {i % 7 == 0 ? id + "'" : id, i + 1L, "update_postimage"});
      if (i % 5 == 0) {
        rows.add(new Object[] {"new" + i, 0L, "insert"});
      }
      if (i % 11 == 0) {
        rows.add(new Object[] {"old" + i, 0L, "delete"});
      }
    }
    DeltaTable table = DeltaTable.forPath(dir.resolve("t"));
    List<AddFile> files = new ParquetFileWriter(table, CDC_SCHEMA, "_change_data").write(rows);
    assertThat(files).hasSize(1);
    cdcPath = files.get(0).path();
  }

  @Test
  void aReaderOfTheIdKeepsOnlyUpdatesThatChangeIt() throws Exception {
    List<PositionedRow> retractions = read(ChangeSplit.Kind.CDC_RETRACTIONS, ID_ONLY, 0);
    List<PositionedRow> accumulations = read(ChangeSplit.Kind.CDC_ACCUMULATIONS, ID_ONLY, 0);

    List<String> expectedRetractions = new ArrayList<>();
    List<String> expectedAccumulations = new ArrayList<>();
    for (int i = 0; i < 1_500; i++) {
      if (i % 7 == 0) {
        expectedRetractions.add("-U(k" + i + ")");
        expectedAccumulations.add("+U(k" + i + "')");
      }
      if (i % 5 == 0) {
        expectedAccumulations.add("+I(new" + i + ")");
      }
      if (i % 11 == 0) {
        expectedRetractions.add("-D(old" + i + ")");
      }
    }
    assertThat(strings(retractions)).containsExactlyElementsOf(expectedRetractions);
    assertThat(strings(accumulations)).containsExactlyElementsOf(expectedAccumulations);
  }

  @Test
  void aReaderOfEveryChangedColumnKeepsEveryUpdate() throws Exception {
    assertThat(read(ChangeSplit.Kind.CDC_RETRACTIONS, ID_AND_N, 0))
        .hasSize(1_500 + (1_500 + 10) / 11);
    assertThat(read(ChangeSplit.Kind.CDC_ACCUMULATIONS, ID_AND_N, 0)).hasSize(1_500 + 1_500 / 5);
  }

  @Test
  void aSplitRestoredAtAnyCheckpointedOffsetEmitsExactlyTheRest() throws Exception {
    for (ChangeSplit.Kind kind :
        List.of(ChangeSplit.Kind.CDC_RETRACTIONS, ChangeSplit.Kind.CDC_ACCUMULATIONS)) {
      List<PositionedRow> whole = read(kind, ID_ONLY, 0);
      for (int emitted = 0; emitted < whole.size(); emitted += 17) {
        long offset = emitted == 0 ? 0 : whole.get(emitted - 1).nextRowOffset();
        assertThat(strings(read(kind, ID_ONLY, offset)))
            .as("%s restored at row %d", kind, offset)
            .containsExactlyElementsOf(strings(whole.subList(emitted, whole.size())));
      }
    }
  }

  private List<PositionedRow> read(ChangeSplit.Kind kind, RowType rowType, long offset)
      throws Exception {
    ChangeSplit split =
        new ChangeSplit(dir.resolve("t").toString(), 1, kind, cdcPath, null, null, 0, offset);
    ChangeSplitReader reader = new ChangeSplitReader(rowType, false, false);
    reader.handleSplitsChanges(new SplitsAddition<>(List.of(split)));
    List<PositionedRow> out = new ArrayList<>();
    while (true) {
      RecordsWithSplitIds<PositionedRow> fetched = reader.fetch();
      while (fetched.nextSplit() != null) {
        PositionedRow row;
        while ((row = fetched.nextRecordFromSplit()) != null) {
          out.add(row);
        }
      }
      if (fetched.finishedSplits().contains(split.splitId())) {
        reader.close();
        return out;
      }
    }
  }

  private static List<String> strings(List<PositionedRow> rows) {
    return rows.stream().map(r -> r.row().toString()).toList();
  }
}
