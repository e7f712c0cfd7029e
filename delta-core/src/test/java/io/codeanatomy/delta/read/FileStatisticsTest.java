package io.codeanatomy.delta.read;

import static org.assertj.core.api.Assertions.assertThat;

import io.codeanatomy.delta.write.BucketFileName;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FileStatisticsTest {
  @Test
  void statisticsAreFlattenedToTextBoundsAndCounts() {
    FileStatistics s =
        FileStatistics.parse(
                "{\"numRecords\":3,\"minValues\":{\"id\":\"a\",\"n\":1,\"loc\":{\"line\":2}},"
                    + "\"maxValues\":{\"id\":\"c\",\"n\":9.5,\"loc\":{\"line\":7}},"
                    + "\"nullCount\":{\"id\":0,\"n\":1,\"loc\":{\"line\":0}}}")
            .orElseThrow();
    assertThat(s.numRecords()).isEqualTo(3L);
    assertThat(s.minValues())
        .containsExactly(
            java.util.Map.entry("id", "a"),
            java.util.Map.entry("loc.line", "2"),
            java.util.Map.entry("n", "1"));
    assertThat(s.maxValues()).containsEntry("n", "9.5");
    assertThat(s.nullCounts()).containsEntry("n", 1L).containsEntry("loc.line", 0L);
  }

  @Test
  void missingOrUnreadableStatistics_areNone() {
    assertThat(FileStatistics.parse(null)).isEmpty();
    assertThat(FileStatistics.parse("{not json")).isEmpty();
    assertThat(FileStatistics.parse("{}").orElseThrow().numRecords()).isNull();
  }

  @Test
  void bucketFileNames_sayTheirBucketAndCount() {
    assertThat(BucketFileName.parse("bucket-00017-of-00064-1234.parquet"))
        .contains(new BucketFileName.Bucket(17, 64));
    assertThat(BucketFileName.parse("dir/bucket-00003-of-00004-x.parquet"))
        .contains(new BucketFileName.Bucket(3, 4));
    assertThat(BucketFileName.parse("part-0000-x.parquet")).isEqualTo(Optional.empty());
    assertThat(BucketFileName.parse("bucket-00009-of-00004-x.parquet")).isEmpty();
  }
}
