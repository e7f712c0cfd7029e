package io.codeanatomy.sink.bench;

import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.TableFile;
import io.codeanatomy.delta.commit.AddFile;
import io.codeanatomy.delta.commit.CommittedActions;
import io.codeanatomy.delta.commit.RemoveFile;
import io.codeanatomy.delta.write.KeyedChangeSummary;
import io.codeanatomy.delta.write.KeyedChangeWriter;
import io.codeanatomy.delta.write.TableOverwrite;
import io.codeanatomy.sink.DeltaSink;
import io.codeanatomy.sink.DeltaSinkConfig;
import io.codeanatomy.sink.WriteMode;
import io.codeanatomy.sink.commit.DeltaCommitter;
import io.codeanatomy.sink.committable.DeltaCommittable;
import io.codeanatomy.sink.committable.DeltaWriteResult;
import io.codeanatomy.sink.writer.DeltaUpsertWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.types.RowKind;

/**
 * Benchmark of the Delta sink on a table bucketed by owner ({@code owners} x {@code rows-per-owner}
 * rows, default 3,000 x 1,000), not a test. It measures, each against a baseline in the same run:
 *
 * <ol>
 *   <li>the commit latency of a change confined to one owner (a few updates, deletes and inserts,
 *       staged by a real upsert writer, committed by the real committer), p50 and max over {@code
 *       repeats} changes; baseline: the same changes on a copy of the table whose files do not name
 *       their bucket, so only statistics can skip files (what the keyed writer did before);
 *   <li>full-overwrite throughput in rows/s of a batch job on a MiniCluster into the sink in
 *       overwrite mode; baseline: delta-core's {@code TableOverwrite} writing the same rows in one
 *       thread without Flink.
 * </ol>
 *
 * <p>Run (see delta-sink/README.md): {@code java -cp ... io.codeanatomy.sink.bench.SinkBench [--dir
 * D] [--owners N] [--rows-per-owner N] [--buckets N] [--repeats N] [--parallelism N]}.
 */
public final class SinkBench {
  static final RowType ROW_TYPE =
      (RowType)
          DataTypes.ROW(
                  DataTypes.FIELD("owner", DataTypes.STRING().notNull()),
                  DataTypes.FIELD("id", DataTypes.INT().notNull()),
                  DataTypes.FIELD("kind", DataTypes.STRING()),
                  DataTypes.FIELD("n", DataTypes.BIGINT()))
              .getLogicalType();

  private static final Pattern NUM_RECORDS = Pattern.compile("\"numRecords\":(\\d+)");
  private static final Pattern BUCKET_NAME = Pattern.compile("^bucket-\\d{5}-of-\\d{5}-(.*)$");

  private final Path dir;
  private final int owners;
  private final int rowsPerOwner;
  private final int buckets;
  private final int repeats;
  private final int parallelism;

  private SinkBench(
      Path dir, int owners, int rowsPerOwner, int buckets, int repeats, int parallelism) {
    this.dir = dir;
    this.owners = owners;
    this.rowsPerOwner = rowsPerOwner;
    this.buckets = buckets;
    this.repeats = repeats;
    this.parallelism = parallelism;
  }

  public static void main(String[] args) throws Exception {
    Path dir = null;
    int owners = 3000;
    int rowsPerOwner = 1000;
    int buckets = 128;
    int repeats = 10;
    int parallelism = 2;
    for (int i = 0; i < args.length; i += 2) {
      String value = args[i + 1];
      switch (args[i]) {
        case "--dir" -> dir = Path.of(value);
        case "--owners" -> owners = Integer.parseInt(value);
        case "--rows-per-owner" -> rowsPerOwner = Integer.parseInt(value);
        case "--buckets" -> buckets = Integer.parseInt(value);
        case "--repeats" -> repeats = Integer.parseInt(value);
        case "--parallelism" -> parallelism = Integer.parseInt(value);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    boolean temporary = dir == null;
    if (temporary) {
      dir = Files.createTempDirectory("sink-bench");
    }
    try {
      new SinkBench(dir, owners, rowsPerOwner, buckets, repeats, parallelism).run();
    } finally {
      if (temporary) {
        deleteTree(dir);
      }
    }
  }

  private void run() throws Exception {
    long rows = (long) owners * rowsPerOwner;
    System.out.printf(
        Locale.ROOT,
        "corpus: %,d rows = %,d owners x %,d rows, key (owner, id), %d buckets by owner; %s%n",
        rows,
        owners,
        rowsPerOwner,
        buckets,
        dir);

    DeltaSinkConfig bucketed = config(dir.resolve("bucketed"));
    List<Object[]> all = new ArrayList<>((int) rows);
    for (int o = 0; o < owners; o++) {
      for (int i = 0; i < rowsPerOwner; i++) {
        all.add(row(o, i, 0));
      }
    }
    DeltaTable table = bucketed.table();
    TableOverwrite.replaceContent(
        table, bucketed.deltaSchema(), TableOverwrite.CDF_ON, List.of()); // v0: empty
    long start = System.nanoTime();
    KeyedChangeSummary built =
        new KeyedChangeWriter(table, bucketed.layout()).apply(all, List.of());
    double buildSeconds = seconds(start);
    if (rowCount(table) != rows) {
      throw new IllegalStateException("the build wrote " + rowCount(table) + " rows, not " + rows);
    }
    System.out.printf(
        Locale.ROOT,
        "build: keyed insert of %,d rows into %d bucket files in %.1f s (%,.0f rows/s)%n",
        rows,
        built.filesAdded(),
        buildSeconds,
        rows / buildSeconds);

    DeltaSinkConfig unnamed = config(dir.resolve("baseline"));
    copyTree(table.root(), unnamed.table().root());
    stripBucketNames(unnamed.table().root());

    oneOwnerChanges(bucketed, unnamed);
    overwrite(all);
  }

  /** Commit latency of one-owner changes, with and without bucket names, alternating. */
  private void oneOwnerChanges(DeltaSinkConfig bucketed, DeltaSinkConfig baseline)
      throws Exception {
    DeltaCommitter named = new DeltaCommitter(bucketed);
    DeltaCommitter statsOnly = new DeltaCommitter(baseline);
    Random random = new Random(42);
    int warmups = 2;
    List<Long> namedMs = new ArrayList<>();
    List<Long> baselineMs = new ArrayList<>();
    String detail = "";
    for (int r = 1; r <= warmups + repeats; r++) {
      List<RowData> change = oneOwnerChange(random, r);
      long namedTime = commit(named, bucketed, change, r);
      long baselineTime = commit(statsOnly, baseline, change, r);
      if (r > warmups) {
        namedMs.add(namedTime);
        baselineMs.add(baselineTime);
      } else {
        DeltaTable t = bucketed.table();
        CommittedActions last = CommittedActions.read(t, t.latestVersion());
        detail =
            String.format(
                Locale.ROOT,
                " (each: %d file removed, %d added, of %d)",
                last.of(RemoveFile.class).size(),
                last.of(AddFile.class).size(),
                t.files(t.snapshot()).size());
      }
    }
    System.out.printf(
        Locale.ROOT,
        "one-owner change (5 updates, 5 deletes, 5 inserts), %d commits%s:%n",
        repeats,
        detail);
    System.out.printf(
        Locale.ROOT,
        "  bucket names:           p50 %5d ms   max %5d ms   %s%n",
        p50(namedMs),
        max(namedMs),
        namedMs);
    System.out.printf(
        Locale.ROOT,
        "  baseline (stats only):  p50 %5d ms   max %5d ms   %s -> %.1fx faster%n",
        p50(baselineMs),
        max(baselineMs),
        baselineMs,
        (double) p50(baselineMs) / Math.max(1, p50(namedMs)));
  }

  private List<RowData> oneOwnerChange(Random random, int round) {
    int owner = random.nextInt(owners);
    List<RowData> change = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      change.add(rowData(RowKind.UPDATE_AFTER, owner, random.nextInt(rowsPerOwner), round));
    }
    for (int i = 0; i < 5; i++) {
      change.add(rowData(RowKind.DELETE, owner, random.nextInt(rowsPerOwner), round));
    }
    for (int i = 0; i < 5; i++) {
      change.add(rowData(RowKind.INSERT, owner, rowsPerOwner + round * 10 + i, round));
    }
    return change;
  }

  /** Stages the change with a real upsert writer; returns the committer's time in ms. */
  private static long commit(
      DeltaCommitter committer, DeltaSinkConfig config, List<RowData> change, long checkpoint)
      throws Exception {
    DeltaUpsertWriter writer =
        new DeltaUpsertWriter(
            config, UnregisteredMetricsGroup.createSinkWriterMetricGroup(), checkpoint - 1);
    for (RowData row : change) {
      writer.write(row, null);
    }
    List<AddFile> staged = new ArrayList<>();
    for (DeltaWriteResult result : writer.prepareCommit()) {
      staged.addAll(result.stagedChanges());
    }
    long start = System.nanoTime();
    committer.commit(new DeltaCommittable("bench", checkpoint, List.of(), staged, false));
    return (System.nanoTime() - start) / 1_000_000;
  }

  /** Full-overwrite throughput: the sink in a batch job, and delta-core alone, same rows. */
  private void overwrite(List<Object[]> all) throws Exception {
    long rows = all.size();
    // A small job first, so the measured ones do not pay for loading Flink's classes.
    overwriteJob(dir.resolve("overwrite-warmup"), Math.min(rows, 10_000), true);
    long start = System.nanoTime();
    long batchMs = overwriteJob(dir.resolve("overwrite-batch"), rows, true);
    double batchWall = seconds(start);
    start = System.nanoTime();
    long streamingMs = overwriteJob(dir.resolve("overwrite-streaming"), rows, false);
    double streamingWall = seconds(start);

    DeltaTable plain = DeltaTable.forPath(dir.resolve("overwrite-core"));
    start = System.nanoTime();
    TableOverwrite.replaceContent(
        plain, config(dir.resolve("x")).deltaSchema(), TableOverwrite.CDF_ON, all);
    double coreSeconds = seconds(start);

    System.out.printf(Locale.ROOT, "full overwrite of %,d rows:%n", rows);
    printOverwrite("DeltaSink, batch job", rows, batchMs / 1000.0, batchWall, coreSeconds);
    printOverwrite(
        "DeltaSink, bounded streaming job", rows, streamingMs / 1000.0, streamingWall, coreSeconds);
    System.out.printf(
        Locale.ROOT,
        "  baseline TableOverwrite, one thread, rows already in memory: %6.1f s  %,10.0f rows/s%n",
        coreSeconds,
        rows / coreSeconds);
  }

  private void printOverwrite(
      String what, long rows, double jobSeconds, double wallSeconds, double coreSeconds) {
    System.out.printf(
        Locale.ROOT,
        "  %s, parallelism %d: %6.1f s  %,10.0f rows/s (job run time; %.1f s with the"
            + " MiniCluster's start) -> %.2f of the baseline's rate%n",
        what,
        parallelism,
        jobSeconds,
        rows / jobSeconds,
        wallSeconds,
        coreSeconds / jobSeconds);
  }

  /** Runs a job overwriting {@code path} with {@code rows} rows; returns its run time in ms. */
  private long overwriteJob(Path path, long rows, boolean batch) throws Exception {
    DeltaSinkConfig config =
        new DeltaSinkConfig(
            path.toString(),
            ROW_TYPE,
            WriteMode.OVERWRITE,
            DeltaSinkConfig.defaultAppId(path.toString()),
            1_000_000);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setRuntimeMode(batch ? RuntimeExecutionMode.BATCH : RuntimeExecutionMode.STREAMING);
    env.setParallelism(parallelism);
    int perOwner = rowsPerOwner;
    String[] names = new String[owners];
    Arrays.setAll(names, SinkBench::ownerName);
    GeneratorFunction<Long, RowData> generator =
        index ->
            GenericRowData.of(
                StringData.fromString(names[(int) (index / perOwner)]),
                (int) (index % perOwner),
                StringData.fromString("CALL"),
                0L);
    env.fromSource(
            new DataGeneratorSource<>(generator, rows, InternalTypeInfo.of(ROW_TYPE)),
            WatermarkStrategy.noWatermarks(),
            "rows")
        .sinkTo(new DeltaSink(config));
    long ms = env.execute("overwrite bench").getNetRuntime(TimeUnit.MILLISECONDS);
    long written = rowCount(config.table());
    if (written != rows) {
      throw new IllegalStateException("the overwrite wrote " + written + " rows, not " + rows);
    }
    return ms;
  }

  /** The rows of the latest version, from the files' statistics. */
  private static long rowCount(DeltaTable table) {
    long count = 0;
    for (TableFile file : table.files(table.snapshot())) {
      Matcher m = NUM_RECORDS.matcher(file.statsJson());
      if (!m.find()) {
        throw new IllegalStateException("no numRecords in " + file.path());
      }
      count += Long.parseLong(m.group(1));
    }
    return count;
  }

  private DeltaSinkConfig config(Path path) {
    return DeltaSinkConfig.upsert(
            path.toString(), ROW_TYPE, "bench", 1_000_000, List.of("owner", "id"))
        .bucketedBy("owner", buckets);
  }

  private static Object[] row(int owner, int id, long n) {
    return new Object[] {ownerName(owner), id, "CALL", n};
  }

  private static RowData rowData(RowKind kind, int owner, int id, long n) {
    GenericRowData row =
        GenericRowData.of(
            StringData.fromString(ownerName(owner)), id, StringData.fromString("CALL"), n);
    row.setRowKind(kind);
    return row;
  }

  private static String ownerName(int owner) {
    return String.format("src/pkg%02d/module_%05d.py", owner % 97, owner);
  }

  /**
   * Renames {@code bucket-NNNNN-of-NNNNN-<name>} data files to {@code <name>}, in the directory and
   * in the log: the same table as the keyed writer wrote it before files named their bucket.
   */
  private static void stripBucketNames(Path root) throws IOException {
    try (Stream<Path> files = Files.list(root)) {
      for (Path file : files.toList()) {
        String name = file.getFileName().toString();
        boolean checksum = name.startsWith(".");
        Matcher m = BUCKET_NAME.matcher(checksum ? name.substring(1) : name);
        if (m.matches()) {
          Files.move(file, file.resolveSibling((checksum ? "." : "") + m.group(1)));
        }
      }
    }
    try (Stream<Path> logs = Files.list(root.resolve("_delta_log"))) {
      for (Path log : logs.filter(p -> p.toString().endsWith(".json")).toList()) {
        String json = Files.readString(log);
        Files.writeString(
            log, json.replaceAll("\"path\":\"bucket-\\d{5}-of-\\d{5}-", "\"path\":\""));
      }
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : paths.toList()) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target);
        }
      }
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static long p50(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get((sorted.size() - 1) / 2);
  }

  private static long max(List<Long> values) {
    return values.stream().mapToLong(Long::longValue).max().orElse(0);
  }
}
