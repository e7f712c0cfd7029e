package io.codeanatomy.delta.write;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.commit.AddFile;
import io.codeanatomy.delta.commit.DeltaTransaction;
import io.codeanatomy.delta.read.DataFileReader;
import io.codeanatomy.delta.read.SnapshotReader;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File layout of what ParquetFileWriter writes, checked in the Parquet footers on disk. */
class ParquetFileLayoutTest {
  static final StructType SCHEMA =
      new StructType()
          .add("id", StringType.STRING, false)
          .add("n", IntegerType.INTEGER)
          .add("kind", StringType.STRING);
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void defaultFilesAreZstdCompressedWithOneFileForASmallBatch() throws Exception {
    DeltaTable table = DeltaTable.forPath(dir.resolve("t"));
    TableOverwrite.replaceContent(table, SCHEMA, TableOverwrite.CDF_ON, rows(0, 1000));

    assertThat(ParquetWriteOptions.DEFAULTS.codec()).isEqualTo(CompressionCodecName.ZSTD);
    assertThat(table.files(table.snapshot())).hasSize(1);
    ParquetMetadata footer = footer(table, table.files(table.snapshot()).get(0).path());
    assertThat(codecs(footer)).containsOnly(CompressionCodecName.ZSTD);
  }

  @Test
  void filesRollOverAtTheTargetSizeEachWithRowGroupsAndExactStatistics() throws Exception {
    DeltaTable table = DeltaTable.forPath(dir.resolve("t"));
    ParquetWriteOptions small =
        ParquetWriteOptions.DEFAULTS.withTargetFileSize(16 * 1024).withRowGroupSize(2 * 1024);
    List<Object[]> rows = rows(0, 20_000);
    DeltaTransaction txn = DeltaTransaction.createTable(table, SCHEMA, TableOverwrite.CDF_ON);

    List<AddFile> adds = ParquetFileWriter.forTransaction(txn).withOptions(small).write(rows);
    adds.forEach(txn::add);
    txn.commit("WRITE", Map.of());

    assertThat(adds).hasSizeGreaterThan(3);
    long total = 0;
    for (AddFile add : adds) {
      ParquetMetadata footer = footer(table, add.path());
      assertThat(codecs(footer)).containsOnly(CompressionCodecName.ZSTD);
      assertThat(footer.getBlocks()).as("row groups of " + add.path()).hasSizeGreaterThan(1);
      List<Object[]> content = DataFileReader.read(table, add.path(), add.size(), SCHEMA);
      assertStatsDescribe(add.stats(), content);
      total += content.size();
    }
    assertThat(total).isEqualTo(rows.size());
    // All but the last file reached the target (the writer estimates the size as it buffers).
    List<AddFile> bySize = new ArrayList<>(adds);
    bySize.sort(Comparator.comparingLong(AddFile::size));
    assertThat(bySize.subList(1, bySize.size()))
        .allSatisfy(a -> assertThat(a.size()).isGreaterThan(small.targetFileSizeBytes() / 2));
    assertThat(SnapshotReader.readAll(table)).hasSize(rows.size());
  }

  /** numRecords, min/max and null counts of {@code stats} are those of the file's rows. */
  private static void assertStatsDescribe(String statsJson, List<Object[]> content)
      throws Exception {
    JsonNode stats = JSON.readTree(statsJson);
    assertThat(stats.get("numRecords").asLong()).isEqualTo(content.size());
    assertThat(stats.at("/minValues/id").asText())
        .isEqualTo(content.stream().map(r -> (String) r[0]).min(String::compareTo).orElseThrow());
    assertThat(stats.at("/maxValues/id").asText())
        .isEqualTo(content.stream().map(r -> (String) r[0]).max(String::compareTo).orElseThrow());
    assertThat(stats.at("/minValues/n").asInt())
        .isEqualTo(content.stream().mapToInt(r -> (Integer) r[1]).min().orElseThrow());
    assertThat(stats.at("/maxValues/n").asInt())
        .isEqualTo(content.stream().mapToInt(r -> (Integer) r[1]).max().orElseThrow());
    assertThat(stats.at("/nullCount/kind").asLong())
        .isEqualTo(content.stream().filter(r -> r[2] == null).count());
    assertThat(stats.at("/nullCount/n").asLong()).isZero();
  }

  static ParquetMetadata footer(DeltaTable table, String logPath) throws Exception {
    Path file = DataFileReader.resolve(table, logPath);
    try (ParquetFileReader reader =
        ParquetFileReader.open(
            HadoopInputFile.fromPath(
                new org.apache.hadoop.fs.Path(file.toUri()), new Configuration()))) {
      return reader.getFooter();
    }
  }

  private static List<CompressionCodecName> codecs(ParquetMetadata footer) {
    List<CompressionCodecName> codecs = new ArrayList<>();
    for (BlockMetaData block : footer.getBlocks()) {
      for (ColumnChunkMetaData column : block.getColumns()) {
        codecs.add(column.getCodec());
      }
    }
    return codecs;
  }

  /** Rows {@code from} until {@code to}: ids in order, n = position, kind null every 7th row. */
  static List<Object[]> rows(int from, int to) {
    List<Object[]> rows = new ArrayList<>();
    for (int i = from; i < to; i++) {
      String kind = i % 7 == 0 ? null : Objects.toString("KIND-" + (i % 5));
      rows.add(new Object[] {String.format("k%06d", i), i, kind});
    }
    return rows;
  }
}
