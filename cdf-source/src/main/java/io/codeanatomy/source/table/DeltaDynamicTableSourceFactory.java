package io.codeanatomy.source.table;

import io.codeanatomy.delta.DeltaException;
import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.source.DeltaChangelogSource;
import io.codeanatomy.source.changelog.ChangeColumns;
import io.codeanatomy.source.metadata.DeltaMetadataSource;
import io.codeanatomy.source.metadata.TableDescription;
import io.codeanatomy.source.schema.ColumnCheck;
import io.delta.kernel.Snapshot;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.factories.DynamicTableSourceFactory;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;

/**
 * {@code 'connector'='delta'} on the read side. Checks at planning time that the table exists and
 * has every declared column with the declared type, and pins the version to read (snapshot mode) or
 * to start from (changelog mode).
 */
public final class DeltaDynamicTableSourceFactory implements DynamicTableSourceFactory {
  public static final String IDENTIFIER = "delta";

  @Override
  public String factoryIdentifier() {
    return IDENTIFIER;
  }

  @Override
  public Set<ConfigOption<?>> requiredOptions() {
    return Set.of(DeltaSourceOptions.PATH);
  }

  @Override
  public Set<ConfigOption<?>> optionalOptions() {
    return Set.of(
        DeltaSourceOptions.MODE,
        DeltaSourceOptions.STARTING_VERSION,
        DeltaSourceOptions.STARTING_TIMESTAMP,
        DeltaSourceOptions.ENDING_VERSION,
        DeltaSourceOptions.ENDING_TIMESTAMP,
        DeltaSourceOptions.POLL_INTERVAL,
        DeltaSourceOptions.SCAN_BACKLOG_THRESHOLD,
        DeltaSourceOptions.SCAN_STARTUP_MODE);
  }

  @Override
  public DynamicTableSource createDynamicTableSource(Context context) {
    FactoryUtil.TableFactoryHelper helper = FactoryUtil.createTableFactoryHelper(this, context);
    helper.validateExcept("sink.");
    ReadableConfig options = helper.getOptions();
    Path root = Path.of(options.get(DeltaSourceOptions.PATH));
    DeltaTable table = DeltaTable.forPath(root);
    RowType declared =
        (RowType)
            context.getCatalogTable().getResolvedSchema().toPhysicalRowDataType().getLogicalType();
    DeltaSourceOptions.Mode mode = options.get(DeltaSourceOptions.MODE);
    if (mode == DeltaSourceOptions.Mode.CHANGELOG) {
      return changelogSource(table, declared, options);
    }
    if (mode == DeltaSourceOptions.Mode.CHANGES) {
      return changeRowsSource(table, declared, options);
    }
    for (ConfigOption<?> changelogOnly :
        new ConfigOption<?>[] {
          DeltaSourceOptions.STARTING_TIMESTAMP,
          DeltaSourceOptions.ENDING_VERSION,
          DeltaSourceOptions.ENDING_TIMESTAMP,
          DeltaSourceOptions.POLL_INTERVAL,
          DeltaSourceOptions.SCAN_BACKLOG_THRESHOLD,
          DeltaSourceOptions.SCAN_STARTUP_MODE
        }) {
      if (options.getOptional(changelogOnly).isPresent()) {
        throw new DeltaException(
            table.path(), "'" + changelogOnly.key() + "' needs 'mode' = 'changelog' or 'changes'");
      }
    }
    Snapshot snapshot =
        options
            .getOptional(DeltaSourceOptions.STARTING_VERSION)
            .map(table::snapshotAt)
            .orElseGet(table::snapshot);
    if (mode == DeltaSourceOptions.Mode.METADATA || mode == DeltaSourceOptions.Mode.FILES) {
      TableDescription description =
          mode == DeltaSourceOptions.Mode.METADATA
              ? TableDescription.METADATA
              : TableDescription.FILES;
      checkDeclared(table, mode, declared, description.rowType());
      return new FixedScanSource(
          new DeltaMetadataSource(table.path(), snapshot.getVersion(), description),
          "Delta"
              + description
              + "("
              + table.root().getFileName()
              + "@v"
              + snapshot.getVersion()
              + ")");
    }
    ColumnCheck.check(table.path(), snapshot.getVersion(), snapshot.getSchema(), declared);
    return new DeltaTableSource(table.root(), snapshot.getVersion(), declared, null);
  }

  /**
   * The change feed as insert-only rows: the declared columns are the table's, then the three
   * change columns; only the table's are read from the files.
   */
  private static DynamicTableSource changeRowsSource(
      DeltaTable table, RowType declared, ReadableConfig options) {
    int width = declared.getFieldCount() - ChangeColumns.NAMES.size();
    RowType tail =
        width < 0
            ? null
            : new RowType(false, declared.getFields().subList(width, declared.getFieldCount()));
    if (tail == null || !tail.getFieldNames().equals(ChangeColumns.NAMES)) {
      throw new DeltaException(
          table.path(),
          "'mode' = 'changes' needs the schema to end with the columns "
              + ChangeColumns.NAMES
              + "; it declares "
              + declared.getFieldNames());
    }
    checkDeclared(
        table,
        DeltaSourceOptions.Mode.CHANGES,
        tail,
        RowType.of(
            ChangeColumns.TYPES.toArray(LogicalType[]::new),
            ChangeColumns.NAMES.toArray(String[]::new)));
    RowType columns = new RowType(false, declared.getFields().subList(0, width));
    DeltaChangelogSource.Builder builder =
        DeltaChangelogSource.builder(table.root(), columns)
            .startup(DeltaChangelogSource.StartupMode.CHANGES_ONLY)
            .pollInterval(options.get(DeltaSourceOptions.POLL_INTERVAL))
            .changesAsRows();
    if (options.getOptional(DeltaSourceOptions.SCAN_STARTUP_MODE).isPresent()) {
      throw new DeltaException(
          table.path(), "'mode' = 'changes' reads changes only; drop 'scan.startup.mode'");
    }
    options.getOptional(DeltaSourceOptions.STARTING_VERSION).ifPresent(builder::startingVersion);
    options
        .getOptional(DeltaSourceOptions.STARTING_TIMESTAMP)
        .ifPresent(ts -> builder.startingTimestamp(parseTimestamp(table, ts)));
    options.getOptional(DeltaSourceOptions.ENDING_VERSION).ifPresent(builder::endingVersion);
    options
        .getOptional(DeltaSourceOptions.ENDING_TIMESTAMP)
        .ifPresent(ts -> builder.endingTimestamp(parseTimestamp(table, ts)));
    DeltaChangelogSource source = builder.build();
    Snapshot snapshot = table.snapshotAt(Math.min(source.startingVersion(), table.latestVersion()));
    ColumnCheck.check(table.path(), snapshot.getVersion(), snapshot.getSchema(), columns);
    return new FixedScanSource(
        source,
        "DeltaChanges("
            + table.root().getFileName()
            + " from v"
            + source.startingVersion()
            + source.endingVersion().map(v -> " to v" + v).orElse("")
            + ", "
            + declared.getFieldNames()
            + ")");
  }

  /**
   * Fails unless {@code declared} has the names and types (nullability aside) of {@code mode}'s.
   */
  private static void checkDeclared(
      DeltaTable table, DeltaSourceOptions.Mode mode, RowType declared, RowType produced) {
    boolean same =
        declared.getFieldNames().equals(produced.getFieldNames())
            && ColumnCheck.sameIgnoringNullability(declared, produced);
    if (!same) {
      throw new DeltaException(
          table.path(),
          "'mode' = '"
              + mode
              + "' produces the columns "
              + produced.asSummaryString()
              + "; the schema declares "
              + declared.asSummaryString());
    }
  }

  private static DynamicTableSource changelogSource(
      DeltaTable table, RowType declared, ReadableConfig options) {
    DeltaChangelogSource.Builder builder =
        DeltaChangelogSource.builder(table.root(), declared)
            .startup(options.get(DeltaSourceOptions.SCAN_STARTUP_MODE))
            .pollInterval(options.get(DeltaSourceOptions.POLL_INTERVAL))
            .backlogThreshold(options.get(DeltaSourceOptions.SCAN_BACKLOG_THRESHOLD));
    options.getOptional(DeltaSourceOptions.STARTING_VERSION).ifPresent(builder::startingVersion);
    options
        .getOptional(DeltaSourceOptions.STARTING_TIMESTAMP)
        .ifPresent(ts -> builder.startingTimestamp(parseTimestamp(table, ts)));
    options.getOptional(DeltaSourceOptions.ENDING_VERSION).ifPresent(builder::endingVersion);
    options
        .getOptional(DeltaSourceOptions.ENDING_TIMESTAMP)
        .ifPresent(ts -> builder.endingTimestamp(parseTimestamp(table, ts)));
    DeltaChangelogSource built = builder.build();
    long start = built.startingVersion();
    // The columns must exist where reading starts; later schema changes are checked as they come.
    Snapshot snapshot = table.snapshotAt(Math.min(start, table.latestVersion()));
    ColumnCheck.check(table.path(), snapshot.getVersion(), snapshot.getSchema(), declared);
    return new DeltaTableSource(
        table.root(),
        start,
        declared,
        new DeltaTableSource.Changelog(
            options.get(DeltaSourceOptions.SCAN_STARTUP_MODE),
            built.endingVersion().orElse(null),
            options.get(DeltaSourceOptions.POLL_INTERVAL),
            options.get(DeltaSourceOptions.SCAN_BACKLOG_THRESHOLD)));
  }

  private static long parseTimestamp(DeltaTable table, String value) {
    if (value.chars().allMatch(Character::isDigit)) {
      return Long.parseLong(value);
    }
    try {
      return Instant.parse(value).toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new DeltaException(
          table.path(),
          "timestamp '"
              + value
              + "' is neither an ISO-8601 instant (2026-01-31T12:00:00Z) nor epoch milliseconds");
    }
  }
}
