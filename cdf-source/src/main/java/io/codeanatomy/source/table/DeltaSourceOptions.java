package io.codeanatomy.source.table;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/** Options of the {@code 'connector'='delta'} table source. */
public final class DeltaSourceOptions {
  private DeltaSourceOptions() {}

  public static final ConfigOption<String> PATH =
      ConfigOptions.key("path")
          .stringType()
          .noDefaultValue()
          .withDescription("Root directory of the Delta table (local file system).");

  public static final ConfigOption<String> MODE =
      ConfigOptions.key("mode")
          .stringType()
          .defaultValue("snapshot")
          .withDescription("'snapshot': every row of one table version, insert-only and bounded.");

  public static final ConfigOption<Long> STARTING_VERSION =
      ConfigOptions.key("starting-version")
          .longType()
          .noDefaultValue()
          .withDescription(
              "The table version to read; defaults to the latest version when the query is"
                  + " planned. Pin it to make a job reproducible.");
}
