package io.codeanatomy.spec.view;

import static io.codeanatomy.spec.MissingFieldException.require;

import io.codeanatomy.spec.ColumnSpec;
import java.util.List;

/**
 * One row describing the input table {@code input} at the version the run reads: {@link #COLUMNS}.
 * {@code num_records} is NULL when a data file carries no statistics; deleted rows (deletion
 * vectors) are not counted.
 */
public record MetadataView(String name, String input) implements SingleInputView {
  /** The view's columns, in order; the source behind it produces exactly these. */
  public static final List<ColumnSpec> COLUMNS =
      List.of(
          ColumnSpec.of("version", "BIGINT", false),
          ColumnSpec.of("commit_timestamp", "TIMESTAMP_LTZ", false),
          ColumnSpec.of("table_id", "STRING", false),
          ColumnSpec.of("num_files", "BIGINT", false),
          ColumnSpec.of("size_bytes", "BIGINT", false),
          ColumnSpec.of("num_records", "BIGINT", true),
          ColumnSpec.of("schema_json", "STRING", false),
          ColumnSpec.of("partition_columns", "ARRAY<STRING NOT NULL>", false),
          ColumnSpec.of("properties", "MAP<STRING NOT NULL, STRING>", false),
          ColumnSpec.of("min_reader_version", "INT", false),
          ColumnSpec.of("min_writer_version", "INT", false),
          ColumnSpec.of("reader_features", "ARRAY<STRING NOT NULL>", false),
          ColumnSpec.of("writer_features", "ARRAY<STRING NOT NULL>", false));

  public MetadataView {
    require(name, "name");
    require(input, "input");
  }

  @Override
  public ViewKind kind() {
    return ViewKind.METADATA;
  }

  @Override
  public <R> R accept(ViewVisitor<R> visitor) {
    return visitor.visitMetadata(this);
  }
}
