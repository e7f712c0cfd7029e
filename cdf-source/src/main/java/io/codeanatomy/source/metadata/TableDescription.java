package io.codeanatomy.source.metadata;

import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.TableFile;
import io.codeanatomy.delta.read.FileStatistics;
import io.codeanatomy.delta.read.TableMetadata;
import io.codeanatomy.delta.write.BucketFileName;
import io.delta.kernel.Snapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.configuration.DescribedEnum;
import org.apache.flink.configuration.description.InlineElement;
import org.apache.flink.configuration.description.TextElement;
import org.apache.flink.table.data.GenericArrayData;
import org.apache.flink.table.data.GenericMapData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.logical.BigIntType;
import org.apache.flink.table.types.logical.IntType;
import org.apache.flink.table.types.logical.LocalZonedTimestampType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.MapType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.VarCharType;

/**
 * What a metadata source says about one table version, as rows: {@link #METADATA} one row of {@link
 * TableMetadata}, {@link #FILES} one row per data file with its statistics, in path order. Rows are
 * a function of the version alone, so a pinned version always gives the same rows.
 */
public enum TableDescription implements DescribedEnum {
  METADATA(
      "metadata",
      "One row describing the version: counts, sizes, schema, properties, protocol.",
      RowType.of(
          false,
          new LogicalType[] {
            new BigIntType(false),
            new LocalZonedTimestampType(false, 6),
            string(false),
            new BigIntType(false),
            new BigIntType(false),
            new BigIntType(true),
            string(false),
            new ArrayType(false, string(false)),
            new MapType(false, string(false), string(true)),
            new IntType(false),
            new IntType(false),
            new ArrayType(false, string(false)),
            new ArrayType(false, string(false))
          },
          new String[] {
            "version",
            "commit_timestamp",
            "table_id",
            "num_files",
            "size_bytes",
            "num_records",
            "schema_json",
            "partition_columns",
            "properties",
            "min_reader_version",
            "min_writer_version",
            "reader_features",
            "writer_features"
          })),
  FILES(
      "files",
      "One row per data file of the version, with its statistics, in path order.",
      RowType.of(
          false,
          new LogicalType[] {
            string(false),
            new BigIntType(false),
            new LocalZonedTimestampType(false, 6),
            new BigIntType(true),
            new BigIntType(true),
            new BigIntType(false),
            new MapType(true, string(false), string(true)),
            new MapType(true, string(false), string(true)),
            new MapType(true, string(false), new BigIntType(true)),
            new IntType(true),
            new IntType(true)
          },
          new String[] {
            "path",
            "size_bytes",
            "modification_time",
            "num_records",
            "live_records",
            "deleted_records",
            "min_values",
            "max_values",
            "null_counts",
            "bucket",
            "bucket_count"
          }));

  private final String value;
  private final String description;
  private final RowType rowType;

  TableDescription(String value, String description, RowType rowType) {
    this.value = value;
    this.description = description;
    this.rowType = rowType;
  }

  /** The columns of the rows, in order. */
  public RowType rowType() {
    return rowType;
  }

  /** The rows describing {@code snapshot} of {@code table}. */
  public List<RowData> rows(DeltaTable table, Snapshot snapshot) {
    return switch (this) {
      case METADATA -> List.of(metadataRow(TableMetadata.of(table, snapshot)));
      case FILES -> table.files(snapshot).stream().map(TableDescription::fileRow).toList();
    };
  }

  private static RowData metadataRow(TableMetadata m) {
    Map<StringData, StringData> properties = new LinkedHashMap<>();
    m.properties().forEach((k, v) -> properties.put(str(k), str(v)));
    return GenericRowData.of(
        m.version(),
        TimestampData.fromEpochMillis(m.commitTimestamp()),
        str(m.tableId()),
        m.numFiles(),
        m.sizeBytes(),
        m.numRecords(),
        str(m.schemaJson()),
        strings(m.partitionColumns()),
        new GenericMapData(properties),
        m.minReaderVersion(),
        m.minWriterVersion(),
        strings(m.readerFeatures()),
        strings(m.writerFeatures()));
  }

  private static RowData fileRow(TableFile f) {
    Optional<FileStatistics> stats = FileStatistics.parse(f.statsJson());
    Optional<BucketFileName.Bucket> bucket = BucketFileName.parse(f.path());
    long deleted = f.deletionVector() == null ? 0 : f.deletionVector().cardinality();
    return GenericRowData.of(
        str(f.path()),
        f.size(),
        TimestampData.fromEpochMillis(f.modificationTime()),
        f.numRecords() < 0 ? null : f.numRecords(),
        f.liveRecords() < 0 ? null : f.liveRecords(),
        deleted,
        stats.map(s -> textMap(s.minValues())).orElse(null),
        stats.map(s -> textMap(s.maxValues())).orElse(null),
        stats.map(s -> countMap(s.nullCounts())).orElse(null),
        bucket.map(BucketFileName.Bucket::bucket).orElse(null),
        bucket.map(BucketFileName.Bucket::buckets).orElse(null));
  }

  private static GenericMapData textMap(Map<String, String> values) {
    Map<StringData, StringData> out = new LinkedHashMap<>();
    values.forEach((k, v) -> out.put(str(k), str(v)));
    return new GenericMapData(out);
  }

  private static GenericMapData countMap(Map<String, Long> values) {
    Map<StringData, Long> out = new LinkedHashMap<>();
    values.forEach((k, v) -> out.put(str(k), v));
    return new GenericMapData(out);
  }

  private static GenericArrayData strings(List<String> values) {
    List<StringData> out = new ArrayList<>();
    values.forEach(v -> out.add(str(v)));
    return new GenericArrayData(out.toArray());
  }

  private static StringData str(String s) {
    return s == null ? null : StringData.fromString(s);
  }

  private static VarCharType string(boolean nullable) {
    return new VarCharType(nullable, VarCharType.MAX_LENGTH);
  }

  @Override
  public String toString() {
    return value;
  }

  @Override
  public InlineElement getDescription() {
    return TextElement.text(description);
  }
}
