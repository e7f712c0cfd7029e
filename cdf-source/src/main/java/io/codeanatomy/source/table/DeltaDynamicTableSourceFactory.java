package io.codeanatomy.source.table;

import io.codeanatomy.delta.DeltaException;
import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.schema.FlinkSchemas;
import io.delta.kernel.Snapshot;
import java.nio.file.Path;
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
 * has every declared column with the declared type, and pins the version to read.
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
    return Set.of(DeltaSourceOptions.MODE, DeltaSourceOptions.STARTING_VERSION);
  }

  @Override
  public DynamicTableSource createDynamicTableSource(Context context) {
    FactoryUtil.TableFactoryHelper helper = FactoryUtil.createTableFactoryHelper(this, context);
    helper.validateExcept("sink.");
    ReadableConfig options = helper.getOptions();
    String mode = options.get(DeltaSourceOptions.MODE);
    Path root = Path.of(options.get(DeltaSourceOptions.PATH));
    if (!mode.equals("snapshot")) {
      throw new DeltaException(
          root.toString(), "unknown source mode '" + mode + "'; supported: snapshot");
    }
    DeltaTable table = DeltaTable.forPath(root);
    Snapshot snapshot =
        options
            .getOptional(DeltaSourceOptions.STARTING_VERSION)
            .map(table::snapshotAt)
            .orElseGet(table::snapshot);
    RowType declared =
        (RowType)
            context.getCatalogTable().getResolvedSchema().toPhysicalRowDataType().getLogicalType();
    checkColumns(table, snapshot, declared);
    return new DeltaTableSource(table.root(), snapshot.getVersion(), declared);
  }

  /**
   * Nullability is not compared: reading non-null data as nullable is always safe, and a declared
   * NOT NULL over nullable data is caught by the planner's own NOT NULL enforcement downstream.
   */
  static boolean sameIgnoringNullability(LogicalType a, LogicalType b) {
    if (a.getTypeRoot() != b.getTypeRoot()) {
      return false;
    }
    if (a.getChildren().isEmpty()) {
      return a.copy(true).equals(b.copy(true));
    }
    if (a instanceof RowType ra && !ra.getFieldNames().equals(((RowType) b).getFieldNames())) {
      return false;
    }
    if (a.getChildren().size() != b.getChildren().size()) {
      return false;
    }
    for (int i = 0; i < a.getChildren().size(); i++) {
      if (!sameIgnoringNullability(a.getChildren().get(i), b.getChildren().get(i))) {
        return false;
      }
    }
    return true;
  }

  private static void checkColumns(DeltaTable table, Snapshot snapshot, RowType declared) {
    RowType actual = FlinkSchemas.toRowType(snapshot.getSchema());
    for (RowType.RowField field : declared.getFields()) {
      int index = actual.getFieldNames().indexOf(field.getName());
      if (index < 0) {
        throw new DeltaException(
            table.path(),
            "version "
                + snapshot.getVersion()
                + " has no column `"
                + field.getName()
                + "`; its columns are "
                + actual.getFieldNames());
      }
      LogicalType has = actual.getTypeAt(index);
      if (!sameIgnoringNullability(has, field.getType())) {
        throw new DeltaException(
            table.path(),
            "column `"
                + field.getName()
                + "` is "
                + has.asSummaryString()
                + " in the table but declared "
                + field.getType().asSummaryString());
      }
    }
  }
}
