package io.codeanatomy.source.reader;

import static org.assertj.core.api.Assertions.assertThat;

import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.TableFile;
import io.codeanatomy.source.ManyRowGroupsTable;
import io.codeanatomy.source.skipping.FilePredicate;
import io.codeanatomy.source.split.DeltaFileSplit;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.table.types.logical.BigIntType;
import org.apache.flink.table.types.logical.RowType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The snapshot split reader on one data file ({@code n} = row index = 0 .. 2999) of many small row
 * groups with a deletion vector: with row groups skipped, each row keeps its index in the whole
 * file — the deletion vector removes the right rows, each row's offset is its index plus one, and a
 * split restored at an offset resumes exactly there.
 */
class DeltaFileSplitReaderTest {
  static final int ROWS = ManyRowGroupsTable.ROWS;
  static final long[] DELETED = ManyRowGroupsTable.DELETED;
  static final FilePredicate N_FROM_2400_TO_2600 =
      new FilePredicate.And(
          new FilePredicate.Compare("n", FilePredicate.Op.GE, new BigDecimal(2400)),
          new FilePredicate.Compare("n", FilePredicate.Op.LT, new BigDecimal(2600)));

  @TempDir Path dir;
  DeltaTable table;
  DeltaFileSplit split;

  @BeforeEach
  void oneFileOfManyRowGroupsWithADeletionVector() {
    table = ManyRowGroupsTable.write(dir.resolve("t"));
    TableFile file = table.files(table.snapshot()).get(0);
    split =
        new DeltaFileSplit(
            table.path(),
            table.latestVersion(),
            file.path(),
            file.size(),
            file.modificationTime(),
            file.deletionVector(),
            0);
  }

  @Test
  void skippedRowGroupsKeepFileRowIndexesForDeletionVectorsAndOffsets() throws Exception {
    List<PositionedRow> rows = read(split, N_FROM_2400_TO_2600);

    // The rows of the groups read (some outside the range: rows are not filtered) carry their file
    // index + 1 as offset, and those in the range are exactly the live ones.
    List<Long> inRange = new ArrayList<>();
    for (PositionedRow row : rows) {
      long n = row.row().getLong(0);
      assertThat(row.nextRowOffset()).isEqualTo(n + 1);
      if (n >= 2400 && n < 2600) {
        inRange.add(n);
      }
    }
    assertThat(inRange).containsExactlyElementsOf(live(2400, 2600));
    assertThat(rows.size()).isLessThan(ROWS - DELETED.length);
    assertThat(rows.get(0).row().getLong(0)).isGreaterThan(0L);
  }

  @Test
  void aSplitRestoredMidFileResumesAtItsOffsetBehindSkippedRowGroups() throws Exception {
    List<PositionedRow> rows = read(split.withRowOffset(2451), N_FROM_2400_TO_2600);

    // 2450 and 2451 are deleted anyway: the first row emitted is 2452, whatever groups were read.
    assertThat(rows.get(0).row().getLong(0)).isEqualTo(2452L);
    assertThat(rows).allSatisfy(r -> assertThat(r.row().getLong(0)).isGreaterThanOrEqualTo(2451));
    assertThat(rows.stream().map(r -> r.row().getLong(0)).filter(n -> n < 2600))
        .containsExactlyElementsOf(live(2451, 2600));
  }

  @Test
  void withoutAFilterEveryLiveRowComesInFileOrder() throws Exception {
    List<PositionedRow> rows = read(split, null);

    assertThat(rows).extracting(r -> r.row().getLong(0)).containsExactlyElementsOf(live(0, ROWS));
    assertThat(rows)
        .allSatisfy(r -> assertThat(r.nextRowOffset()).isEqualTo(r.row().getLong(0) + 1));
  }

  private static List<Long> live(long from, long to) {
    List<Long> deleted = LongStream.of(DELETED).boxed().toList();
    return LongStream.range(from, to).boxed().filter(n -> !deleted.contains(n)).toList();
  }

  /** Every record the reader gives for {@code split}, fetch by fetch, until it finishes it. */
  private static List<PositionedRow> read(DeltaFileSplit split, FilePredicate filter)
      throws Exception {
    RowType rowType = new RowType(List.of(new RowType.RowField("n", new BigIntType())));
    DeltaFileSplitReader reader =
        new DeltaFileSplitReader(
            rowType, false, filter, new SnapshotReaderMetrics(new UnregisteredMetricsGroup()));
    reader.handleSplitsChanges(new SplitsAddition<>(List.of(split)));
    List<PositionedRow> rows = new ArrayList<>();
    try {
      while (true) {
        RecordsWithSplitIds<PositionedRow> fetched = reader.fetch();
        while (fetched.nextSplit() != null) {
          PositionedRow row;
          while ((row = fetched.nextRecordFromSplit()) != null) {
            rows.add(row);
          }
        }
        if (fetched.finishedSplits().contains(split.splitId())) {
          return rows;
        }
      }
    } finally {
      reader.close();
    }
  }
}
