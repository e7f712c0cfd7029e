package io.codeanatomy.source.bench;

import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.KernelEngine;
import io.codeanatomy.delta.TableFile;
import io.codeanatomy.delta.commit.DeltaTransaction;
import io.codeanatomy.delta.read.DataFileReader;
import io.codeanatomy.delta.schema.FlinkSchemas;
import io.codeanatomy.delta.write.ParquetFileWriter;
import io.codeanatomy.delta.write.TableOverwrite;
import io.codeanatomy.source.DeltaChangelogSource;
import io.codeanatomy.source.DeltaSnapshotSource;
import io.codeanatomy.source.reader.KernelToRowData;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.internal.util.Utils;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;

/**
 * Benchmarks of the sources on a local MiniCluster (not a test; run it as a main class, see the
 * module README):
 *
 * <ol>
 *   <li><b>latency</b>: a continuous changelog job follows a table while this process appends one
 *       row per commit through delta-core's writer; for each commit, the time from just before the
 *       commit is published to the row's arrival at an operator behind a keyBy (a network exchange,
 *       as in any real job). p50/p95 are printed beside the poll interval, whose half is the mean
 *       wait for the next poll — the baseline any polling source pays.
 *   <li><b>throughput</b>: a bounded snapshot job reads every row of a generated table; the
 *       baseline, measured in the same run, reads the same files into the same {@code RowData}
 *       without Flink, on one thread.
 * </ol>
 *
 * Arguments (all optional): {@code --commits 50 --poll-ms 100 --buffer-timeout-ms 100 --rows
 * 2000000 --files 8 --parallelism 2}.
 */
public final class SourceBench {
  static final StructType SCHEMA =
      new StructType().add("id", StringType.STRING, false).add("n", LongType.LONG);
  static final RowType ROW_TYPE = FlinkSchemas.toRowType(SCHEMA);

  /** Arrival times by row id; the MiniCluster runs in this JVM. */
  static final Map<String, Long> ARRIVALS = new ConcurrentHashMap<>();

  static final LongAdder ROWS_SEEN = new LongAdder();
  static final AtomicLong FIRST_ROW_NANOS = new AtomicLong();
  static final AtomicLong LAST_ROW_NANOS = new AtomicLong();

  public static void main(String[] args) throws Exception {
    Map<String, String> options = parse(args);
    int commits = Integer.parseInt(options.getOrDefault("commits", "50"));
    long pollMs = Long.parseLong(options.getOrDefault("poll-ms", "100"));
    long bufferTimeoutMs = Long.parseLong(options.getOrDefault("buffer-timeout-ms", "100"));
    int rows = Integer.parseInt(options.getOrDefault("rows", "2000000"));
    int files = Integer.parseInt(options.getOrDefault("files", "8"));
    int parallelism = Integer.parseInt(options.getOrDefault("parallelism", "2"));
    Path work = Files.createTempDirectory("source-bench");
    try {
      latency(work.resolve("latency"), commits, pollMs, bufferTimeoutMs);
      throughput(work.resolve("throughput"), rows, files, parallelism);
    } finally {
      deleteRecursively(work);
    }
  }

  // ---------------------------------------------------------------- latency

  static void latency(Path root, int commits, long pollMs, long bufferTimeoutMs) throws Exception {
    DeltaTable table = DeltaTable.forPath(root);
    TableOverwrite.replaceContent(
        table, SCHEMA, TableOverwrite.CDF_ON, List.<Object[]>of(new Object[] {"seed", 0L}));

    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(1);
    env.setBufferTimeout(bufferTimeoutMs);
    DeltaChangelogSource source =
        DeltaChangelogSource.builder(root, ROW_TYPE)
            .startup(DeltaChangelogSource.StartupMode.CHANGES_ONLY)
            .pollInterval(Duration.ofMillis(pollMs))
            .build();
    env.fromSource(source, WatermarkStrategy.noWatermarks(), "delta-changelog")
        .keyBy(new RowId())
        .map(new RecordArrival())
        .sinkTo(new DiscardingSink<>());
    JobClient job = env.executeAsync("source-bench-latency");
    try {
      int warmup = 5;
      Random random = new Random(42);
      long[] committedAt = new long[warmup + commits];
      for (int i = 0; i < warmup + commits; i++) {
        // A random gap, so commits land at every phase of the poll cycle.
        Thread.sleep(150 + random.nextInt(200));
        DeltaTransaction txn = DeltaTransaction.update(table);
        new ParquetFileWriter(table, SCHEMA)
            .write(List.<Object[]>of(new Object[] {"r" + i, (long) i}))
            .forEach(txn::add);
        committedAt[i] = System.nanoTime();
        txn.commit("WRITE", Map.of("mode", "Append"));
        if (i < warmup) {
          awaitArrival("r" + i, 60_000); // the first one also waits for the job to start
        }
      }
      long[] latencies = new long[commits];
      for (int i = 0; i < commits; i++) {
        int row = warmup + i;
        latencies[i] = (awaitArrival("r" + row, 30_000) - committedAt[row]) / 1_000_000;
      }
      Arrays.sort(latencies);
      System.out.printf(
          "latency: commits=%d poll-interval=%d ms buffer-timeout=%d ms -> commit-to-arrival"
              + " p50=%d ms p95=%d ms max=%d ms (baseline: mean wait for the next poll = %d ms)%n",
          commits,
          pollMs,
          bufferTimeoutMs,
          percentile(latencies, 50),
          percentile(latencies, 95),
          latencies[latencies.length - 1],
          pollMs / 2);
    } finally {
      job.cancel().get();
    }
  }

  private static long awaitArrival(String id, long timeoutMs) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (!ARRIVALS.containsKey(id)) {
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException(
            "row " + id + " did not arrive within " + timeoutMs + " ms");
      }
      Thread.sleep(1);
    }
    return ARRIVALS.get(id);
  }

  static long percentile(long[] sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  /** The row's id, as the key. */
  static final class RowId
      implements org.apache.flink.api.java.functions.KeySelector<RowData, String> {
    @Override
    public String getKey(RowData row) {
      return row.getString(0).toString();
    }
  }

  /** Notes when each row arrives behind the exchange. */
  static final class RecordArrival implements MapFunction<RowData, String> {
    @Override
    public String map(RowData row) {
      String id = row.getString(0).toString();
      ARRIVALS.putIfAbsent(id, System.nanoTime());
      return id;
    }
  }

  // ------------------------------------------------------------- throughput

  static void throughput(Path root, int rows, int files, int parallelism) throws Exception {
    DeltaTable table = DeltaTable.forPath(root);
    long writeStart = System.nanoTime();
    DeltaTransaction txn = TableOverwrite.begin(table, SCHEMA, TableOverwrite.CDF_ON);
    ParquetFileWriter writer = new ParquetFileWriter(table, SCHEMA);
    int perFile = rows / files;
    for (int f = 0; f < files; f++) {
      List<Object[]> batch = new ArrayList<>(perFile);
      for (int i = f * perFile; i < (f + 1) * perFile; i++) {
        batch.add(new Object[] {"row-" + i, (long) i});
      }
      writer.write(batch).forEach(txn::add);
    }
    long version = txn.commit("WRITE", Map.of());
    long total = (long) perFile * files;
    System.out.printf(
        "throughput: wrote %d rows in %d files (%.1f MB) in %.1f s%n",
        total,
        files,
        table.files(table.snapshot()).stream().mapToLong(TableFile::size).sum() / 1e6,
        (System.nanoTime() - writeStart) / 1e9);

    double baseline = 0;
    double source = 0;
    double streaming = 0;
    for (int round = 0; round < 2; round++) { // round 0 warms up the JIT and the page cache
      baseline = total / seconds(() -> readWithoutFlink(table, total));
      source = total / seconds(() -> readWithFlink(root, version, parallelism, total));
      streaming = total / ((LAST_ROW_NANOS.get() - FIRST_ROW_NANOS.get()) / 1e9);
    }
    System.out.printf(
        "throughput: snapshot source, parallelism %d: %.0f rows/s including job start, %.0f rows/s"
            + " from first to last row; baseline (same files to RowData, one thread, no Flink)"
            + " %.0f rows/s; ratios %.2f and %.2f%n",
        parallelism, source, streaming, baseline, source / baseline, streaming / baseline);
  }

  private static void readWithFlink(Path root, long version, int parallelism, long expected)
      throws Exception {
    ROWS_SEEN.reset();
    FIRST_ROW_NANOS.set(0);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(parallelism);
    env.fromSource(
            new DeltaSnapshotSource(root, version, ROW_TYPE),
            WatermarkStrategy.noWatermarks(),
            "delta-snapshot")
        .map(new CountRow())
        .sinkTo(new DiscardingSink<>());
    env.execute("source-bench-throughput");
    if (ROWS_SEEN.sum() != expected) {
      throw new IllegalStateException("read " + ROWS_SEEN.sum() + " rows, expected " + expected);
    }
  }

  /** Counts rows; returns something cheap so the sink has nothing to do. */
  static final class CountRow implements MapFunction<RowData, Integer> {
    @Override
    public Integer map(RowData row) {
      long now = System.nanoTime();
      FIRST_ROW_NANOS.compareAndSet(0, now);
      LAST_ROW_NANOS.accumulateAndGet(now, Math::max);
      ROWS_SEEN.increment();
      return 0;
    }
  }

  private static void readWithoutFlink(DeltaTable table, long expected) throws IOException {
    StructType schema = FlinkSchemas.toStructType(ROW_TYPE);
    KernelToRowData converter = new KernelToRowData(ROW_TYPE);
    long count = 0;
    for (TableFile file : table.files(table.snapshot())) {
      Path path = DataFileReader.resolve(table, file.path());
      FileStatus status = FileStatus.of(path.toUri().toString(), file.size(), 0);
      try (CloseableIterator<FileReadResult> batches =
          KernelEngine.shared()
              .getParquetHandler()
              .readParquetFiles(
                  Utils.singletonCloseableIterator(status), schema, Optional.empty())) {
        while (batches.hasNext()) {
          ColumnarBatch batch = batches.next().getData();
          for (int r = 0; r < batch.getSize(); r++) {
            if (converter.convert(batch, r) != null) {
              count++;
            }
          }
        }
      }
    }
    if (count != expected) {
      throw new IllegalStateException("read " + count + " rows, expected " + expected);
    }
  }

  // ---------------------------------------------------------------- helpers

  @FunctionalInterface
  interface Work {
    void run() throws Exception;
  }

  private static double seconds(Work work) throws Exception {
    long start = System.nanoTime();
    work.run();
    return (System.nanoTime() - start) / 1e9;
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> options = new java.util.HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --name value, got " + args[i]);
      }
      options.put(args[i].substring(2), args[i + 1]);
    }
    return options;
  }

  private static void deleteRecursively(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
