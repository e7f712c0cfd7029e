package io.codeanatomy.source;

import static org.apache.flink.table.api.Expressions.$;
import static org.assertj.core.api.Assertions.assertThat;

import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.TableFile;
import io.codeanatomy.delta.read.DataFileReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongPredicate;
import java.util.stream.LongStream;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.TableDescriptor;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parquet row-group skipping in snapshot mode, on a table whose one data file ({@code n} = 0 ..
 * 2999 in order, {@code id} = {@code k00000} ..) has many small row groups and a deletion vector: a
 * selective filter must read only the row groups whose footer statistics admit it, return exactly
 * the live matching rows (the vector's rows addressed by their index in the whole file, though
 * earlier row groups were skipped) with their file path, and count the row groups read and skipped
 * in the reader's metrics.
 */
class DeltaRowGroupSkippingIT {
  static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

  @RegisterExtension
  static final MiniClusterExtension CLUSTER =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setConfiguration(REPORTER.addToConfiguration(new Configuration()))
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  static final int ROWS = ManyRowGroupsTable.ROWS;
  static final long[] DELETED = ManyRowGroupsTable.DELETED;

  @TempDir Path dir;
  DeltaTable table;
  TableFile file;
  Path filePath;

  @BeforeEach
  void oneFileOfManyRowGroupsWithADeletionVector() {
    table = ManyRowGroupsTable.write(dir.resolve("t"));
    file = table.files(table.snapshot()).get(0);
    filePath = DataFileReader.resolve(table, file.path());
    assertThat(table.files(table.snapshot())).hasSize(1);
    assertThat(file.deletionVector()).isNotNull();
  }

  @Test
  void aSelectiveRangeReadsOnlyItsRowGroupsAndDeletesTheRightRows() throws Exception {
    List<BlockMetaData> groups = rowGroups();
    List<BlockMetaData> overlapping =
        groups.stream().filter(g -> min(g, "n") <= 2599 && max(g, "n") >= 2400).toList();
    assertThat(groups).hasSizeGreaterThan(4);
    // The deleted rows 2450 and 2451 lie in a group read after skipped ones.
    assertThat(min(overlapping.get(0), "n")).isGreaterThan(0L);

    Table query =
        env()
            .from(descriptor())
            .where($("n").isGreaterOrEqual(2400L).and($("n").isLess(2600L)))
            .select($("id"), $("n"), $("src"));
    Result result = run(query);

    assertThat(result.rows())
        .containsExactlyInAnyOrderElementsOf(
            expected(n -> n >= 2400 && n < 2600, List.of("id", "n", "src")));
    assertThat(result.rows()).hasSize(198);
    assertThat(result.counter("rowGroupsRead")).isEqualTo(overlapping.size());
    assertThat(result.counter("rowGroupsSkipped"))
        .isEqualTo(groups.size() - overlapping.size())
        .isPositive();
    // Decoded: the rows of the groups read, and no others — the skipped groups were never read.
    assertThat(result.counter("parquetRowsRead"))
        .isEqualTo(overlapping.stream().mapToLong(BlockMetaData::getRowCount).sum())
        .isLessThan(ROWS);
  }

  @Test
  void aStringEqualityOrAnotherReadsOnlyTheGroupsHoldingThem() throws Exception {
    List<BlockMetaData> groups = rowGroups();
    long wanted =
        groups.stream().filter(g -> holds(g, 1234) || holds(g, 2451) || holds(g, 2452)).count();

    Table query =
        env()
            .from(descriptor())
            .where(
                $("id")
                    .isEqual("k01234")
                    .or($("id").isEqual("k02451"))
                    .or($("id").isEqual("k02452")))
            .select($("id"), $("n"));
    Result result = run(query);

    // k02451 is deleted by the vector.
    assertThat(result.rows())
        .containsExactlyInAnyOrderElementsOf(
            expected(n -> n == 1234 || n == 2451 || n == 2452, List.of("id", "n")));
    assertThat(result.rows()).hasSize(2);
    assertThat(result.counter("rowGroupsRead")).isEqualTo(wanted);
    assertThat(result.counter("rowGroupsSkipped")).isEqualTo(groups.size() - wanted);
  }

  @Test
  void aFilterNoRowGroupAdmitsReadsNoRowGroupOfAFileItsStatisticsKeep() throws Exception {
    // An id between the last of the first row group and the first of the second: inside the
    // file's [k00000, k02999], so file skipping keeps the file, but outside every group's range.
    List<BlockMetaData> groups = rowGroups();
    String between = String.format("k%05d", max(groups.get(0), "n")) + "x";

    Table query = env().from(descriptor()).where($("id").isEqual(between)).select($("id"), $("n"));
    Result result = run(query);

    assertThat(result.rows()).isEmpty();
    assertThat(result.counter("parquetRowsRead")).isZero();
    assertThat(result.counter("rowGroupsRead")).isZero();
    assertThat(result.counter("rowGroupsSkipped")).isEqualTo(groups.size());
  }

  @Test
  void withoutAFilterEveryLiveRowIsReadAndNoFooterIsInspected() throws Exception {
    Result result = run(env().from(descriptor()).select($("id"), $("n")));

    assertThat(result.rows())
        .containsExactlyInAnyOrderElementsOf(expected(n -> true, List.of("id", "n")));
    assertThat(result.counter("parquetRowsRead")).isEqualTo(ROWS);
    assertThat(result.counter("rowGroupsRead")).isZero();
    assertThat(result.counter("rowGroupsSkipped")).isZero();
  }

  private StreamTableEnvironment env() {
    StreamExecutionEnvironment streams = StreamExecutionEnvironment.getExecutionEnvironment();
    streams.setParallelism(2);
    return StreamTableEnvironment.create(streams, EnvironmentSettings.inBatchMode());
  }

  private TableDescriptor descriptor() {
    return TableDescriptor.forConnector("delta")
        .schema(
            Schema.newBuilder()
                .column("id", DataTypes.STRING().notNull())
                .column("n", DataTypes.BIGINT())
                .columnByMetadata("src", DataTypes.STRING(), "file.path", true)
                .build())
        .option("path", table.path())
        .build();
  }

  /** The live rows whose n passes, as {@code Row#toString} prints the given columns. */
  private List<String> expected(LongPredicate n, List<String> columns) {
    Set<Long> deleted = new java.util.HashSet<>();
    for (long d : DELETED) {
      deleted.add(d);
    }
    return LongStream.range(0, ROWS)
        .filter(n)
        .filter(i -> !deleted.contains(i))
        .mapToObj(
            i -> {
              List<Object> values = new ArrayList<>();
              for (String column : columns) {
                values.add(
                    switch (column) {
                      case "id" -> String.format("k%05d", i);
                      case "n" -> i;
                      case "src" -> filePath.toString();
                      default -> throw new IllegalArgumentException(column);
                    });
              }
              return Row.of(values.toArray()).toString();
            })
        .toList();
  }

  /** The rows a job returned, and its reader counters summed over its subtasks. */
  record Result(List<String> rows, Map<String, Long> counters) {
    long counter(String name) {
      return counters.getOrDefault(name, 0L);
    }
  }

  private static Result run(Table query) throws Exception {
    TableResult result = query.execute();
    JobID job = result.getJobClient().orElseThrow().getJobID();
    List<String> rows = new ArrayList<>();
    try (CloseableIterator<Row> it = result.collect()) {
      it.forEachRemaining(r -> rows.add(r.toString()));
    }
    result.getJobClient().orElseThrow().getJobExecutionResult().get();
    Map<String, Long> counters = new HashMap<>();
    for (var group : REPORTER.getMetricsByGroup().entrySet()) {
      if (!job.toString().equals(group.getKey().getAllVariables().get("<job_id>"))) {
        continue;
      }
      for (Map.Entry<String, Metric> metric : group.getValue().entrySet()) {
        if ((metric.getKey().startsWith("rowGroups") || metric.getKey().equals("parquetRowsRead"))
            && metric.getValue() instanceof Counter c) {
          counters.merge(metric.getKey(), c.getCount(), Long::sum);
        }
      }
    }
    return new Result(rows, counters);
  }

  private List<BlockMetaData> rowGroups() throws Exception {
    try (ParquetFileReader reader =
        ParquetFileReader.open(
            HadoopInputFile.fromPath(
                new org.apache.hadoop.fs.Path(filePath.toUri()),
                new org.apache.hadoop.conf.Configuration()))) {
      return reader.getFooter().getBlocks();
    }
  }

  private static boolean holds(BlockMetaData group, long n) {
    return min(group, "n") <= n && n <= max(group, "n");
  }

  private static long min(BlockMetaData group, String column) {
    return (Long) statistics(group, column).genericGetMin();
  }

  private static long max(BlockMetaData group, String column) {
    return (Long) statistics(group, column).genericGetMax();
  }

  private static Statistics<?> statistics(BlockMetaData group, String column) {
    return group.getColumns().stream()
        .filter(c -> c.getPath().toDotString().equals(column))
        .findFirst()
        .orElseThrow()
        .getStatistics();
  }
}
