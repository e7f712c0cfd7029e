package io.codeanatomy.sink.table;

import io.codeanatomy.delta.DeltaException;
import io.codeanatomy.sink.DeltaSinkConfig;
import io.codeanatomy.sink.DeltaSinkOptions;
import io.codeanatomy.sink.WriteMode;
import java.util.List;
import java.util.Set;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.catalog.UniqueConstraint;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.factories.DynamicTableSinkFactory;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.types.logical.RowType;

/**
 * {@code 'connector' = 'delta'} as a sink. The source side of the same identifier lives in
 * cdf-source; Flink looks source and sink factories up separately, so both can be registered.
 */
public final class DeltaDynamicTableSinkFactory implements DynamicTableSinkFactory {
  public static final String IDENTIFIER = "delta";

  @Override
  public String factoryIdentifier() {
    return IDENTIFIER;
  }

  @Override
  public Set<ConfigOption<?>> requiredOptions() {
    return Set.of(DeltaSinkOptions.PATH);
  }

  @Override
  public Set<ConfigOption<?>> optionalOptions() {
    return Set.of(
        DeltaSinkOptions.MODE,
        DeltaSinkOptions.APP_ID,
        DeltaSinkOptions.ROWS_PER_FILE,
        DeltaSinkOptions.PARALLELISM,
        DeltaSinkOptions.BUCKET_COLUMN,
        DeltaSinkOptions.BUCKETS,
        DeltaSinkOptions.REPLACE_ON_FIRST_COMMIT);
  }

  @Override
  public DynamicTableSink createDynamicTableSink(Context context) {
    FactoryUtil.TableFactoryHelper helper = FactoryUtil.createTableFactoryHelper(this, context);
    // One table definition serves as source and sink; the source's options are not ours to refuse.
    helper.validateExcept("scan.", "source.");
    ReadableConfig options = helper.getOptions();
    String path = options.get(DeltaSinkOptions.PATH);
    WriteMode mode = options.get(DeltaSinkOptions.MODE);
    List<String> keyColumns =
        context
            .getCatalogTable()
            .getResolvedSchema()
            .getPrimaryKey()
            .map(UniqueConstraint::getColumns)
            .orElse(List.of());
    if (mode == WriteMode.UPSERT && keyColumns.isEmpty()) {
      throw new DeltaException(
          path,
          "table "
              + context.getObjectIdentifier().asSummaryString()
              + " has sink.mode = upsert but no primary key; declare PRIMARY KEY (...) NOT"
              + " ENFORCED on it (the upsert key), or use sink.mode = append");
    }
    String bucketColumn = options.getOptional(DeltaSinkOptions.BUCKET_COLUMN).orElse(null);
    if (bucketColumn != null && mode != WriteMode.UPSERT) {
      throw new DeltaException(path, "sink.bucket-column needs sink.mode = upsert");
    }
    return new DeltaDynamicTableSink(
        path,
        (RowType) context.getPhysicalRowDataType().getLogicalType(),
        mode,
        options.getOptional(DeltaSinkOptions.APP_ID).orElse(DeltaSinkConfig.defaultAppId(path)),
        options.get(DeltaSinkOptions.ROWS_PER_FILE),
        options.getOptional(DeltaSinkOptions.PARALLELISM).orElse(null),
        mode == WriteMode.UPSERT ? keyColumns : List.of(),
        bucketColumn,
        options.get(DeltaSinkOptions.BUCKETS),
        options.get(DeltaSinkOptions.REPLACE_ON_FIRST_COMMIT));
  }
}
