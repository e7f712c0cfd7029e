package io.codeanatomy.source.table;

import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.TableFile;
import io.codeanatomy.source.DeltaChangelogSource;
import io.codeanatomy.source.DeltaSnapshotSource;
import io.codeanatomy.source.reader.FilePathColumn;
import io.codeanatomy.source.skipping.FilePredicate;
import io.codeanatomy.source.skipping.FileSelection;
import io.codeanatomy.source.skipping.FilterTranslator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.connector.source.ScanTableSource;
import org.apache.flink.table.connector.source.SourceProvider;
import org.apache.flink.table.connector.source.abilities.SupportsFilterPushDown;
import org.apache.flink.table.connector.source.abilities.SupportsLimitPushDown;
import org.apache.flink.table.connector.source.abilities.SupportsProjectionPushDown;
import org.apache.flink.table.connector.source.abilities.SupportsReadingMetadata;
import org.apache.flink.table.connector.source.abilities.SupportsStatisticReport;
import org.apache.flink.table.expressions.ResolvedExpression;
import org.apache.flink.table.plan.stats.TableStats;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.RowType;

/**
 * A Delta table as a scan: one version, bounded and insert-only, or its change feed as a changelog
 * of every row kind. Reads only the columns the query uses. Offers the metadata column {@value
 * FilePathColumn#KEY}: the path of the file each row was read from.
 *
 * <p>A declared {@code PRIMARY KEY ... NOT ENFORCED} needs nothing here: the planner takes it from
 * the catalog table, and because the changelog carries update pre-images ({@code -U}) it is not an
 * upsert source, so the planner adds no {@code ChangelogNormalize} and derives the key as the
 * upsert key of the scan.
 */
final class DeltaTableSource
    implements ScanTableSource,
        SupportsProjectionPushDown,
        SupportsReadingMetadata,
        SupportsFilterPushDown,
        SupportsLimitPushDown,
        SupportsStatisticReport {
  /**
   * How the change feed is read; the starting version is resolved when the query is planned.
   *
   * @param endingVersion inclusive, or null for a continuous feed
   */
  record Changelog(
      DeltaChangelogSource.StartupMode startup,
      Long endingVersion,
      Duration pollInterval,
      MemorySize backlogThreshold) {}

  private final Path root;
  private final long version;
  private final Changelog changelog; // null in snapshot mode
  private RowType rowType;
  private FilePredicate filter; // snapshot mode: skips files by their statistics
  private long limit = -1; // snapshot mode: skips files past the first that hold this many rows
  private boolean withFilePath; // the file.path metadata column is read

  DeltaTableSource(Path root, long version, RowType rowType, Changelog changelog) {
    this.root = root;
    this.version = version;
    this.rowType = rowType;
    this.changelog = changelog;
  }

  @Override
  public ChangelogMode getChangelogMode() {
    return changelog == null ? ChangelogMode.insertOnly() : ChangelogMode.all();
  }

  @Override
  public ScanRuntimeProvider getScanRuntimeProvider(ScanContext context) {
    if (changelog == null) {
      return SourceProvider.of(
          new DeltaSnapshotSource(root, version, rowType, filter, limit, withFilePath));
    }
    DeltaChangelogSource.Builder source =
        DeltaChangelogSource.builder(root, rowType)
            .startup(changelog.startup())
            .startingVersion(version)
            .pollInterval(changelog.pollInterval())
            .backlogThreshold(changelog.backlogThreshold());
    if (changelog.endingVersion() != null) {
      source.endingVersion(changelog.endingVersion());
    }
    if (withFilePath) {
      source.withFilePath();
    }
    // Only subtask 0 reads (see DeltaChangelogSource). The source's parallelism is left to the
    // planner: it refuses a fixed parallelism for a changelog source without a primary key.
    return SourceProvider.of(source.build());
  }

  @Override
  public boolean supportsNestedProjection() {
    return false;
  }

  @Override
  public void applyProjection(int[][] projectedFields, DataType producedDataType) {
    List<RowType.RowField> fields = new ArrayList<>();
    for (int[] path : projectedFields) {
      fields.add(rowType.getFields().get(path[0]));
    }
    rowType = new RowType(false, fields);
  }

  @Override
  public Map<String, DataType> listReadableMetadata() {
    return Map.of(FilePathColumn.KEY, DataTypes.STRING().notNull());
  }

  /** The only key is {@value FilePathColumn#KEY}; the readers append it after the columns. */
  @Override
  public void applyReadableMetadata(List<String> metadataKeys, DataType producedDataType) {
    withFilePath = metadataKeys.contains(FilePathColumn.KEY);
  }

  /**
   * Snapshot mode: the filters that translate into a file predicate are accepted for file and
   * Parquet row-group skipping (and shown as {@code filter=[...]} in EXPLAIN), but all of them
   * remain in the plan, because the rows of a row group that is read are not filtered. Changelog
   * mode accepts none: a change feed must not drop files.
   */
  @Override
  public Result applyFilters(List<ResolvedExpression> filters) {
    if (changelog != null) {
      return Result.of(List.of(), filters);
    }
    List<ResolvedExpression> accepted = new ArrayList<>();
    for (ResolvedExpression expression : filters) {
      Optional<FilePredicate> predicate = FilterTranslator.translate(expression);
      if (predicate.isPresent()) {
        accepted.add(expression);
        filter = filter == null ? predicate.get() : new FilePredicate.And(filter, predicate.get());
      }
    }
    return Result.of(accepted, filters);
  }

  /**
   * Snapshot mode: read only the first files that hold {@code limit} rows; the plan keeps its
   * limit.
   */
  @Override
  public void applyLimit(long limit) {
    if (changelog == null) {
      this.limit = limit;
    }
  }

  /** Snapshot mode: the row count of the files read, from their statistics, when all have them. */
  @Override
  public TableStats reportStatistics() {
    if (changelog != null) {
      return TableStats.UNKNOWN;
    }
    DeltaTable table = DeltaTable.forPath(root);
    long rows = 0;
    for (TableFile file :
        FileSelection.select(table.files(table.snapshotAt(version)), filter, limit)) {
      if (file.liveRecords() < 0) {
        return TableStats.UNKNOWN;
      }
      rows += file.liveRecords();
    }
    return new TableStats(rows);
  }

  @Override
  public DynamicTableSource copy() {
    DeltaTableSource copy = new DeltaTableSource(root, version, rowType, changelog);
    copy.filter = filter;
    copy.limit = limit;
    copy.withFilePath = withFilePath;
    return copy;
  }

  @Override
  public String asSummaryString() {
    if (changelog == null) {
      return "Delta("
          + root.getFileName()
          + "@v"
          + version
          + ", "
          + rowType.getFieldNames()
          + (filter == null ? "" : ", skip files and row groups unless " + filter)
          + (limit < 0 ? "" : ", limit " + limit)
          + ")";
    }
    return "DeltaChangelog("
        + root.getFileName()
        + " from v"
        + version
        + (changelog.endingVersion() == null ? "" : " to v" + changelog.endingVersion())
        + ", "
        + changelog.startup()
        + ", "
        + rowType.getFieldNames()
        + ")";
  }
}
