package io.codeanatomy.delta.read;

import io.codeanatomy.delta.KernelEngine;
import io.delta.kernel.defaults.internal.parquet.ParquetFilterUtils;
import io.delta.kernel.expressions.Predicate;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.apache.parquet.HadoopReadOptions;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.filter2.compat.RowGroupFilter;
import org.apache.parquet.filter2.predicate.FilterPredicate;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/**
 * Decides which row groups of one Parquet file may hold rows matching a predicate, from the min/max
 * and null-count statistics in its footer.
 *
 * <p>It makes the decision Kernel's default Parquet reader makes when handed the same predicate:
 * the same translation to a Parquet filter ({@link ParquetFilterUtils}) and Parquet's row group
 * filter at the statistics level only (Kernel 4.4 turns dictionary, bloom filter and page index
 * filtering off). So the counts it gives are what the reader skips; predicates or columns that do
 * not translate skip nothing, and a conjunction whose parts partly translate skips by those parts.
 */
public final class RowGroupPruning {
  /**
   * Built once: {@code ParquetFileReader.open(file)} without options builds a fresh Hadoop
   * configuration (and codec factory) per file, which parses Hadoop's XML defaults every time.
   * Reading a footer needs neither, so the shared engine's configuration serves every file.
   */
  private static final ParquetReadOptions FOOTER_ONLY =
      HadoopReadOptions.builder(KernelEngine.sharedConfiguration()).build();

  /** The row groups of a file, and those of them that may match. */
  public record Decision(int rowGroups, List<BlockMetaData> kept) {
    public int skipped() {
      return rowGroups - kept.size();
    }

    public long keptRows() {
      return kept.stream().mapToLong(BlockMetaData::getRowCount).sum();
    }
  }

  private RowGroupPruning() {}

  /**
   * Reads the footer of the file at {@code uri} (an absolute URI, such as {@code file:/...}) and
   * applies {@code predicate}, over the file's physical column names, to its groups.
   */
  public static Decision decide(String uri, Predicate predicate) throws IOException {
    HadoopInputFile file =
        HadoopInputFile.fromPath(
            new org.apache.hadoop.fs.Path(URI.create(uri)), KernelEngine.sharedConfiguration());
    try (ParquetFileReader reader = ParquetFileReader.open(file, FOOTER_ONLY)) {
      ParquetMetadata footer = reader.getFooter();
      List<BlockMetaData> blocks = footer.getBlocks();
      Optional<FilterPredicate> filter =
          ParquetFilterUtils.toParquetFilter(footer.getFileMetaData().getSchema(), predicate);
      if (filter.isEmpty()) {
        return new Decision(blocks.size(), blocks);
      }
      List<BlockMetaData> kept =
          RowGroupFilter.filterRowGroups(
              List.of(RowGroupFilter.FilterLevel.STATISTICS),
              FilterCompat.get(filter.get()),
              blocks,
              reader);
      return new Decision(blocks.size(), kept);
    }
  }
}
