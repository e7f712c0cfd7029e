package io.codeanatomy.job.bench;

import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.TableFile;
import io.codeanatomy.delta.read.ScanReport;
import io.codeanatomy.delta.read.ScanResult;
import io.codeanatomy.delta.read.SnapshotReader;
import io.codeanatomy.delta.write.ParquetWriteOptions;
import io.codeanatomy.delta.write.TableOverwrite;
import io.codeanatomy.extract.ExtractionStore;
import io.codeanatomy.extract.ExtractionTables;
import io.delta.kernel.Snapshot;
import io.delta.kernel.expressions.And;
import io.delta.kernel.expressions.Column;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.expressions.Predicate;
import io.delta.kernel.types.StructType;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code bench delta}: delta-core writing rows shaped like {@code ast_nodes} into a fresh Delta
 * table as one commit, in the layout the extraction store gives them (keyed by {@code (file_id,
 * node_id)}, bucketed by {@code file_id}), then reading them back whole and with selective filters
 * (files and row groups skipped); beside Flink's own Parquet file sink writing the same rows in the
 * same run, with the same codec, row group size and parallelism (one writer). The rows are also
 * written without the layout (files cut by size only, as Flink's are), which separates what the
 * writer costs from what one file per bucket costs.
 *
 * <p>Both writers are warmed up on a prefix of the rows first: they share parquet-hadoop, and
 * whichever ran first would otherwise pay its JIT warm-up for both.
 */
public final class DeltaBench {
  /** Rows each writer writes once, untimed, before the measured runs. */
  static final int WARM_UP_ROWS = 50_000;

  /** One writer, as Flink's baseline has its parallelism set to. */
  private static final int PARALLELISM = 1;

  private static final StructType SCHEMA = ExtractionTables.AST_NODES_SCHEMA;
  private static final int FILE_ID = SCHEMA.indexOf("file_id");

  /**
   * The timed write of our path.
   *
   * @param millis from the start of the overwrite to the published commit
   * @param version the committed version
   * @param files data files in that version
   * @param bytes their total size
   * @param buckets {@code file_id} buckets of the layout
   */
  public record DeltaWrite(long millis, long version, int files, long bytes, int buckets) {}

  /**
   * One filtered read.
   *
   * @param filter the predicate, as written in the report
   * @param millis the scan, from listing files to the last matching row in memory
   * @param report what the scan skipped, read and matched
   */
  public record FilteredRead(String filter, long millis, ScanReport report) {}

  /** Everything the bench measured. */
  public record Result(
      SyntheticAstNodes.Corpus corpus,
      long seed,
      long generateMillis,
      DeltaWrite delta,
      DeltaWrite plainDelta,
      long fullReadMillis,
      long fullReadRows,
      List<FilteredRead> filteredReads,
      FlinkParquetBaseline.Result flink) {

    public double deltaRowsPerSecond() {
      return perSecond(rows(), delta.millis());
    }

    /** Flink's rows/s over the job's net runtime (cluster start-up left out). */
    public double flinkRowsPerSecond() {
      return perSecond(rows(), flink.netMillis());
    }

    /** Our write throughput over Flink's: above 1 we write faster. */
    public double ratio() {
      return deltaRowsPerSecond() / flinkRowsPerSecond();
    }

    /** The same for the write without the keyed layout: writer against writer. */
    public double plainRatio() {
      return perSecond(rows(), plainDelta.millis()) / flinkRowsPerSecond();
    }

    private int rows() {
      return corpus.rows().size();
    }

    public void print(PrintWriter out) {
      out.printf(
          "bench delta: %d ast_nodes rows of %d synthetic files (seed %d); %s, %d MB row groups,"
              + " parallelism %d, each writer warmed up on %d rows%n",
          rows(),
          corpus.files(),
          seed,
          ParquetWriteOptions.DEFAULTS.codec(),
          ParquetWriteOptions.DEFAULTS.rowGroupSizeBytes() / (1024 * 1024),
          PARALLELISM,
          Math.min(rows(), WARM_UP_ROWS));
      out.printf("  generate           %.2f s%n", generateMillis / 1e3);
      out.printf(
          "  delta write        %.2f s = %.0f rows/s; version %d, %d files, %.1f MB"
              + " (keyed by file_id,node_id; %d buckets by file_id)%n",
          delta.millis() / 1e3,
          deltaRowsPerSecond(),
          delta.version(),
          delta.files(),
          delta.bytes() / 1e6,
          delta.buckets());
      out.printf(
          "  delta write plain  %.2f s = %.0f rows/s; %d files, %.1f MB (no layout: files cut by"
              + " size only)%n",
          plainDelta.millis() / 1e3,
          perSecond(rows(), plainDelta.millis()),
          plainDelta.files(),
          plainDelta.bytes() / 1e6);
      out.printf(
          "  flink file sink    %.2f s = %.0f rows/s (job net runtime; %.2f s with MiniCluster"
              + " start); %d files, %.1f MB%n",
          flink.netMillis() / 1e3,
          flinkRowsPerSecond(),
          flink.wallMillis() / 1e3,
          flink.files(),
          flink.bytes() / 1e6);
      out.printf(
          "  ratio              %.2f (our write rows/s / Flink's; above 1 is faster); %.2f"
              + " without the layout%n",
          ratio(), plainRatio());
      out.printf(
          "  full read          %.2f s = %.0f rows/s (%d rows)%n",
          fullReadMillis / 1e3, perSecond(fullReadRows, fullReadMillis), fullReadRows);
      for (FilteredRead read : filteredReads) {
        ScanReport report = read.report();
        out.printf(
            "  filtered read      %s: %d rows in %.2f s = %.0f table rows/s; files skipped %d of"
                + " %d, row groups skipped %d of %d in opened files, rows read %d%n",
            read.filter(),
            report.rowsMatched(),
            read.millis() / 1e3,
            perSecond(rows(), read.millis()),
            report.filesSkipped(),
            report.filesTotal(),
            report.rowGroupsSkipped(),
            report.rowGroupsTotal(),
            report.rowsRead());
      }
      out.flush();
    }
  }

  private DeltaBench() {}

  /** Runs the bench on {@code rows} generated rows, writing under {@code work}. */
  public static Result run(int rows, long seed, Path work) {
    long start = System.nanoTime();
    SyntheticAstNodes.Corpus corpus = SyntheticAstNodes.generate(rows, seed);
    long generateMillis = millisSince(start);
    int buckets = ExtractionStore.bucketsFor(corpus.files());

    List<Object[]> warmUp = corpus.rows().subList(0, Math.min(rows, WARM_UP_ROWS));
    DeltaTable warmTable = DeltaTable.forPath(work.resolve("warm-up/delta"));
    writeDelta(warmTable, warmUp, Optional.of(buckets));
    SnapshotReader.readAll(warmTable);
    writeFlink(warmUp, work.resolve("warm-up/flink"));

    DeltaTable table = DeltaTable.forPath(work.resolve("delta/ast_nodes"));
    DeltaWrite delta = writeDelta(table, corpus.rows(), Optional.of(buckets));
    Snapshot snapshot = table.snapshot();
    DeltaWrite plain =
        writeDelta(
            DeltaTable.forPath(work.resolve("delta/plain")), corpus.rows(), Optional.empty());

    start = System.nanoTime();
    long fullReadRows = SnapshotReader.readAll(table, snapshot).size();
    long fullReadMillis = millisSince(start);

    List<FilteredRead> filtered = new ArrayList<>();
    // The rows of one source file: what an incremental rebuild or a "show this file" asks for.
    String fileId = (String) corpus.rows().get(rows / 2)[FILE_ID];
    filtered.add(
        scan(
            table,
            snapshot,
            "file_id = '" + fileId + "'",
            new Predicate("=", new Column("file_id"), Literal.ofString(fileId))));
    filtered.add(
        scan(
            table,
            snapshot,
            "kind = 'ClassDef' AND bstart < 100",
            new And(
                new Predicate("=", new Column("kind"), Literal.ofString("ClassDef")),
                new Predicate("<", new Column("bstart"), Literal.ofInt(100)))));

    FlinkParquetBaseline.Result flink = writeFlink(corpus.rows(), work.resolve("flink/ast_nodes"));
    return new Result(
        corpus, seed, generateMillis, delta, plain, fullReadMillis, fullReadRows, filtered, flink);
  }

  /**
   * Overwrites {@code table} with {@code rows}: in the extraction store's layout with that many
   * buckets, or without a layout (files cut by size only) when {@code buckets} is empty.
   */
  private static DeltaWrite writeDelta(
      DeltaTable table, List<Object[]> rows, Optional<Integer> buckets) {
    long start = System.nanoTime();
    long version =
        buckets.isPresent()
            ? TableOverwrite.replaceContent(
                table,
                SCHEMA,
                TableOverwrite.CDF_ON,
                rows,
                ExtractionStore.layout(ExtractionTables.AST_NODES, buckets.get()))
            : TableOverwrite.replaceContent(table, SCHEMA, TableOverwrite.CDF_ON, rows);
    long millis = millisSince(start);
    List<TableFile> files = table.files(table.snapshotAt(version));
    long bytes = files.stream().mapToLong(TableFile::size).sum();
    return new DeltaWrite(millis, version, files.size(), bytes, buckets.orElse(0));
  }

  private static FlinkParquetBaseline.Result writeFlink(List<Object[]> rows, Path dir) {
    return FlinkParquetBaseline.write(
        rows,
        SCHEMA,
        dir,
        PARALLELISM,
        ParquetWriteOptions.DEFAULTS.codec(),
        ParquetWriteOptions.DEFAULTS.rowGroupSizeBytes());
  }

  private static FilteredRead scan(
      DeltaTable table, Snapshot snapshot, String description, Predicate filter) {
    long start = System.nanoTime();
    ScanResult result = SnapshotReader.scan(table, snapshot, filter);
    return new FilteredRead(description, millisSince(start), result.report());
  }

  private static long millisSince(long startNanos) {
    return Math.max(1, (System.nanoTime() - startNanos) / 1_000_000);
  }

  private static double perSecond(long count, long millis) {
    return count * 1000.0 / millis;
  }
}
