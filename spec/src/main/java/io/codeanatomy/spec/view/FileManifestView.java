package io.codeanatomy.spec.view;

import static io.codeanatomy.spec.MissingFieldException.require;

import io.codeanatomy.spec.ColumnSpec;
import java.util.List;

/**
 * One row per data file of the input table {@code input} at the version the run reads: {@link
 * #COLUMNS}. Statistics come from the file's {@code add.stats}: {@code min_values}/{@code
 * max_values} hold each column's bound as text (JSON text for non-strings; nested fields as {@code
 * a.b}), {@code null_counts} its null count; all three and {@code num_records} are NULL when the
 * file has no statistics. {@code bucket}/{@code bucket_count} are set when the file name carries
 * its bucket ({@code bucket-00017-of-00064-...}).
 */
public record FileManifestView(String name, String input) implements SingleInputView {
  /** The view's columns, in order; the source behind it produces exactly these. */
  public static final List<ColumnSpec> COLUMNS =
      List.of(
          ColumnSpec.of("path", "STRING", false),
          ColumnSpec.of("size_bytes", "BIGINT", false),
          ColumnSpec.of("modification_time", "TIMESTAMP_LTZ", false),
          ColumnSpec.of("num_records", "BIGINT", true),
          ColumnSpec.of("live_records", "BIGINT", true),
          ColumnSpec.of("deleted_records", "BIGINT", false),
          ColumnSpec.of("min_values", "MAP<STRING NOT NULL, STRING>", true),
          ColumnSpec.of("max_values", "MAP<STRING NOT NULL, STRING>", true),
          ColumnSpec.of("null_counts", "MAP<STRING NOT NULL, BIGINT>", true),
          ColumnSpec.of("bucket", "INT", true),
          ColumnSpec.of("bucket_count", "INT", true));

  public FileManifestView {
    require(name, "name");
    require(input, "input");
  }

  @Override
  public ViewKind kind() {
    return ViewKind.FILE_MANIFEST;
  }

  @Override
  public <R> R accept(ViewVisitor<R> visitor) {
    return visitor.visitFileManifest(this);
  }
}
