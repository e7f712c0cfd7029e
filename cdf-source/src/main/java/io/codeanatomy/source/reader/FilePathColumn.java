package io.codeanatomy.source.reader;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.VarCharType;

/**
 * The provenance column a source can append to every row: the absolute local path of the data file
 * (snapshot) or of the data or change data file (changelog) the row was read from. The table source
 * exposes it as the metadata key {@value #KEY}.
 */
public final class FilePathColumn {
  public static final String KEY = "file.path";

  private FilePathColumn() {}

  /** {@code columns} with the file path appended, when {@code withFilePath}. */
  public static RowType producedType(RowType columns, boolean withFilePath) {
    if (!withFilePath) {
      return columns;
    }
    List<RowType.RowField> fields = new ArrayList<>(columns.getFields());
    fields.add(new RowType.RowField(KEY, new VarCharType(false, VarCharType.MAX_LENGTH)));
    return new RowType(columns.isNullable(), fields);
  }
}
