package io.codeanatomy.job.bench;

import io.codeanatomy.delta.schema.FlinkSchemas;
import io.codeanatomy.job.run.BuildException;
import io.delta.kernel.types.StructType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.formats.parquet.row.ParquetRowDataBuilder;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.BasePathBucketAssigner;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.RowType;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * The baseline of {@code bench delta}: Flink's own {@link FileSink} with its Parquet writer for
 * {@link RowData} ({@code flink-parquet}), writing rows held in memory on a local MiniCluster in
 * BATCH mode. The sink commits its files (renames them from in-progress) when the input ends, so
 * the job's runtime covers writing and committing, as ours does; there is no table log to write.
 */
public final class FlinkParquetBaseline {
  /**
   * One run of the job.
   *
   * @param netMillis the job's net runtime as Flink reports it (scheduling, writing, committing)
   * @param wallMillis time around {@code execute}, which also starts and stops the MiniCluster
   * @param files Parquet files the sink committed
   * @param bytes their total size
   */
  public record Result(long netMillis, long wallMillis, int files, long bytes) {}

  private FlinkParquetBaseline() {}

  /**
   * Writes {@code rows} (values in {@code schema} order; strings and primitives) as Parquet files
   * under {@code dir} with the given codec and row group size, {@code parallelism} writers.
   */
  public static Result write(
      List<Object[]> rows,
      StructType schema,
      Path dir,
      int parallelism,
      CompressionCodecName codec,
      long rowGroupBytes) {
    RowType rowType = FlinkSchemas.toRowType(schema);
    // Flink's Parquet writer takes its codec and row group size from a Hadoop configuration.
    org.apache.hadoop.conf.Configuration parquet = new org.apache.hadoop.conf.Configuration(false);
    parquet.set("parquet.compression", codec.name());
    parquet.setLong("parquet.block.size", rowGroupBytes);
    FileSink<RowData> sink =
        FileSink.forBulkFormat(
                new org.apache.flink.core.fs.Path(dir.toUri()),
                ParquetRowDataBuilder.createWriterFactory(rowType, parquet, true))
            .withBucketAssigner(new BasePathBucketAssigner<>())
            .withOutputFileConfig(OutputFileConfig.builder().withPartSuffix(".parquet").build())
            .build();
    Configuration conf = new Configuration();
    conf.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    env.setParallelism(parallelism);
    try (SharedRows.Handle shared = SharedRows.share(rows)) {
      env.fromSequence(0, rows.size() - 1)
          .map(new ToRowData(shared.key()))
          .returns(InternalTypeInfo.of(rowType))
          .sinkTo(sink);
      long start = System.nanoTime();
      JobExecutionResult result = env.execute("bench delta: Flink Parquet file sink");
      long wall = (System.nanoTime() - start) / 1_000_000;
      return new Result(
          result.getNetRuntime(TimeUnit.MILLISECONDS), wall, countFiles(dir), sizeOf(dir));
    } catch (Exception e) {
      throw new BuildException("the Flink Parquet file sink job failed: " + e.getMessage(), e);
    }
  }

  /** The shared row at an index as Flink's internal row; the bench's rows hold strings and ints. */
  private record ToRowData(String key) implements MapFunction<Long, RowData> {
    @Override
    public RowData map(Long index) {
      Object[] values = SharedRows.get(key).get(index.intValue());
      GenericRowData row = new GenericRowData(values.length);
      for (int i = 0; i < values.length; i++) {
        row.setField(i, values[i] instanceof String s ? StringData.fromString(s) : values[i]);
      }
      return row;
    }
  }

  private static int countFiles(Path dir) {
    try (Stream<Path> files = committed(dir)) {
      return (int) files.count();
    }
  }

  private static long sizeOf(Path dir) {
    try (Stream<Path> files = committed(dir)) {
      return files.mapToLong(FlinkParquetBaseline::size).sum();
    }
  }

  /** Committed part files; in-progress ones are hidden (a leading dot) until committed. */
  private static Stream<Path> committed(Path dir) {
    try {
      return Files.walk(dir)
          .filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().startsWith("."));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
