package io.codeanatomy.delta.read;

import static org.assertj.core.api.Assertions.assertThat;

import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.TableFile;
import io.codeanatomy.delta.commit.DeltaTransaction;
import io.codeanatomy.delta.write.ParquetFileWriter;
import io.codeanatomy.delta.write.ParquetWriteOptions;
import io.codeanatomy.delta.write.TableOverwrite;
import io.delta.kernel.expressions.And;
import io.delta.kernel.expressions.Column;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.expressions.Or;
import io.delta.kernel.expressions.Predicate;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A table of three files (n in [0, 3000), [3000, 6000), [6000, 9000)), each of many small row
 * groups; filtered scans must skip files and row groups by statistics and return exactly the
 * matching rows.
 */
class FilteredScanTest {
  static final StructType SCHEMA =
      new StructType()
          .add("id", StringType.STRING, false)
          .add("n", IntegerType.INTEGER)
          .add("kind", StringType.STRING);
  static final int FILE_ROWS = 3000;

  @TempDir Path dir;
  DeltaTable table;
  List<Object[]> all = new ArrayList<>();

  @BeforeEach
  void threeFilesOfManyRowGroups() {
    table = DeltaTable.forPath(dir.resolve("t"));
    TableOverwrite.replaceContent(table, SCHEMA, TableOverwrite.CDF_ON, List.of());
    ParquetWriteOptions smallGroups = ParquetWriteOptions.DEFAULTS.withRowGroupSize(2 * 1024);
    for (int file = 0; file < 3; file++) {
      List<Object[]> rows = rows(file * FILE_ROWS, (file + 1) * FILE_ROWS);
      DeltaTransaction txn = DeltaTransaction.update(table);
      ParquetFileWriter.forTransaction(txn).withOptions(smallGroups).write(rows).forEach(txn::add);
      txn.commit("WRITE", Map.of());
      all.addAll(rows);
    }
  }

  @Test
  void aSelectiveRangeSkipsOtherFilesAndRowGroupsAndReturnsExactlyItsRows() throws Exception {
    Predicate filter =
        new And(
            new Predicate(">=", new Column("n"), Literal.ofInt(4000)),
            new Predicate("<", new Column("n"), Literal.ofInt(4100)));

    ScanResult result = SnapshotReader.scan(table, table.snapshot(), filter);

    assertThat(ns(result.rows()))
        .containsExactlyInAnyOrderElementsOf(expected(n -> n >= 4000 && n < 4100));
    ScanReport report = result.report();
    assertThat(report.filesTotal()).isEqualTo(3);
    assertThat(report.filesSkipped()).isEqualTo(2);
    TableFile middle = fileHolding(3000);
    List<BlockMetaData> groups = rowGroups(middle);
    assertThat(groups).hasSizeGreaterThan(3);
    assertThat(report.rowGroupsTotal()).isEqualTo(groups.size());
    // Independently of the reader: the groups whose [min, max] of n meets [4000, 4099].
    List<BlockMetaData> overlapping =
        groups.stream().filter(g -> minN(g) <= 4099 && maxN(g) >= 4000).toList();
    assertThat(report.rowGroupsSkipped()).isEqualTo(groups.size() - overlapping.size());
    assertThat(report.rowGroupsSkipped()).isPositive();
    // The rows decoded are those of the kept groups only: the skipped groups were never read.
    assertThat(report.rowsRead())
        .isEqualTo(overlapping.stream().mapToLong(BlockMetaData::getRowCount).sum())
        .isLessThan(FILE_ROWS);
    assertThat(report.rowsMatched()).isEqualTo(100);
  }

  @Test
  void aFilterNoStatisticAdmitsSkipsEveryFile() {
    ScanResult result =
        SnapshotReader.scan(
            table, table.snapshot(), new Predicate(">", new Column("n"), Literal.ofInt(1_000_000)));

    assertThat(result.rows()).isEmpty();
    assertThat(result.report().filesSkipped()).isEqualTo(3);
    assertThat(result.report().rowsRead()).isZero();
  }

  @Test
  void aStringEqualityFindsItsOneRow() {
    ScanResult result =
        SnapshotReader.scan(
            table,
            table.snapshot(),
            new Predicate("=", new Column("id"), Literal.ofString("k007123")));

    assertThat(ns(result.rows())).containsExactly(7123);
    assertThat(result.report().filesSkipped()).isEqualTo(2);
    assertThat(result.report().rowGroupsSkipped()).isPositive();
  }

  @Test
  void nullsAndDisjunctionsReturnExactlyTheMatchingRows() {
    // kind IS NULL AND (n < 50 OR n >= 8950): rows in two files; a NULL comparison never matches.
    Predicate filter =
        new And(
            new Predicate("IS_NULL", new Column("kind")),
            new Or(
                new Predicate("<", new Column("n"), Literal.ofInt(50)),
                new Predicate(">=", new Column("n"), Literal.ofInt(8950))));

    ScanResult result = SnapshotReader.scan(table, table.snapshot(), filter);

    assertThat(ns(result.rows()))
        .containsExactlyInAnyOrderElementsOf(expected(n -> n % 7 == 0 && (n < 50 || n >= 8950)));
    assertThat(result.report().filesSkipped()).isEqualTo(1);
    assertThat(result.report().rowGroupsSkipped()).isPositive();
  }

  @Test
  void anUnfilteredReadStillReturnsEveryRow() {
    assertThat(SnapshotReader.readAll(table)).hasSize(all.size());
  }

  private List<Integer> expected(IntPredicate matches) {
    return all.stream().map(r -> (Integer) r[1]).filter(matches::test).toList();
  }

  private static List<Integer> ns(List<Object[]> rows) {
    return rows.stream().map(r -> (Integer) r[1]).toList();
  }

  private TableFile fileHolding(int n) throws Exception {
    for (TableFile file : table.files(table.snapshot())) {
      List<BlockMetaData> groups = rowGroups(file);
      if (groups.stream().anyMatch(g -> minN(g) <= n && maxN(g) >= n)) {
        return file;
      }
    }
    throw new AssertionError("no file holds n=" + n);
  }

  private List<BlockMetaData> rowGroups(TableFile file) throws Exception {
    URI uri = DataFileReader.resolve(table, file.path()).toUri();
    try (ParquetFileReader reader =
        ParquetFileReader.open(
            HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(uri), new Configuration()))) {
      return reader.getFooter().getBlocks();
    }
  }

  private static int minN(BlockMetaData group) {
    return (Integer) nColumn(group).getStatistics().genericGetMin();
  }

  private static int maxN(BlockMetaData group) {
    return (Integer) nColumn(group).getStatistics().genericGetMax();
  }

  private static ColumnChunkMetaData nColumn(BlockMetaData group) {
    return group.getColumns().stream()
        .filter(c -> c.getPath().toDotString().equals("n"))
        .findFirst()
        .orElseThrow();
  }

  /** Rows {@code from} until {@code to}: ids in order, n = position, kind null every 7th row. */
  private static List<Object[]> rows(int from, int to) {
    List<Object[]> rows = new ArrayList<>();
    for (int i = from; i < to; i++) {
      rows.add(new Object[] {String.format("k%06d", i), i, i % 7 == 0 ? null : "KIND-" + (i % 5)});
    }
    return rows;
  }
}
