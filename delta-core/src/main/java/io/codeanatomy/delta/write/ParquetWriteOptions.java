package io.codeanatomy.delta.write;

import java.util.Locale;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * How {@link ParquetFileWriter} lays out data files: the compression codec, the size at which it
 * rolls over to a new file, and the row group size within a file.
 *
 * @param codec Parquet compression codec; ZSTD by default (smaller than Snappy, fast to read)
 * @param targetFileSizeBytes a file is closed and the next one started once its estimated size
 *     (bytes written plus the row group being buffered) reaches this; the last file of a batch is
 *     smaller, and a file may overshoot by up to one row
 * @param rowGroupSizeBytes the buffered size at which Parquet flushes a row group; row groups are
 *     the unit readers skip by their min/max statistics
 */
public record ParquetWriteOptions(
    CompressionCodecName codec, long targetFileSizeBytes, long rowGroupSizeBytes) {
  public static final long DEFAULT_TARGET_FILE_SIZE = 128L * 1024 * 1024;
  public static final long DEFAULT_ROW_GROUP_SIZE = 64L * 1024 * 1024;

  public static final ParquetWriteOptions DEFAULTS =
      new ParquetWriteOptions(
          CompressionCodecName.ZSTD, DEFAULT_TARGET_FILE_SIZE, DEFAULT_ROW_GROUP_SIZE);

  public ParquetWriteOptions {
    if (targetFileSizeBytes <= 0 || rowGroupSizeBytes <= 0) {
      throw new IllegalArgumentException(
          "target file size and row group size must be positive, got "
              + targetFileSizeBytes
              + " and "
              + rowGroupSizeBytes);
    }
  }

  public ParquetWriteOptions withCodec(CompressionCodecName codec) {
    return new ParquetWriteOptions(codec, targetFileSizeBytes, rowGroupSizeBytes);
  }

  public ParquetWriteOptions withTargetFileSize(long bytes) {
    return new ParquetWriteOptions(codec, bytes, rowGroupSizeBytes);
  }

  public ParquetWriteOptions withRowGroupSize(long bytes) {
    return new ParquetWriteOptions(codec, targetFileSizeBytes, bytes);
  }

  /** The codec's name as Parquet's configuration spells it, e.g. {@code zstd}. */
  String codecConfigValue() {
    return codec.name().toLowerCase(Locale.ROOT);
  }
}
