package io.codeanatomy.source.table;

import io.codeanatomy.delta.DeltaException;
import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.source.DeltaChangelogSource;
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
    if (options.get(DeltaSourceOptions.MODE) == DeltaSourceOptions.Mode.CHANGELOG) {
      return changelogSource(table, declared, options);
    }
    for (ConfigOption<?> changelogOnly :
        new ConfigOption<?>[] {
          DeltaSourceOptions.STARTING_TIMESTAMP,
          DeltaSourceOptions.ENDING_VERSION,
          DeltaSourceOptions.POLL_INTERVAL,
          DeltaSourceOptions.SCAN_BACKLOG_THRESHOLD,
          DeltaSourceOptions.SCAN_STARTUP_MODE
        }) {
      if (options.getOptional(changelogOnly).isPresent()) {
        throw new DeltaException(
            table.path(), "'" + changelogOnly.key() + "' needs 'mode' = 'changelog'");
      }
    }
    Snapshot snapshot =
        options
            .getOptional(DeltaSourceOptions.STARTING_VERSION)
            .map(table::snapshotAt)
            .orElseGet(table::snapshot);
    ColumnCheck.check(table.path(), snapshot.getVersion(), snapshot.getSchema(), declared);
    return new DeltaTableSource(table.root(), snapshot.getVersion(), declared, null);
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
    long start = builder.build().startingVersion();
    // The columns must exist where reading starts; later schema changes are checked as they come.
    Snapshot snapshot = table.snapshotAt(Math.min(start, table.latestVersion()));
    ColumnCheck.check(table.path(), snapshot.getVersion(), snapshot.getSchema(), declared);
    return new DeltaTableSource(
        table.root(),
        start,
        declared,
        new DeltaTableSource.Changelog(
            options.get(DeltaSourceOptions.SCAN_STARTUP_MODE),
            options.getOptional(DeltaSourceOptions.ENDING_VERSION).orElse(null),
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
          "'starting-timestamp' = '"
              + value
              + "' is neither an ISO-8601 instant (2026-01-31T12:00:00Z) nor epoch milliseconds");
    }
  }
}
