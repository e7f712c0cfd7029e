package io.codeanatomy.source.changelog;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.data.utils.JoinedRowData;
import org.apache.flink.table.types.logical.BigIntType;
import org.apache.flink.table.types.logical.LocalZonedTimestampType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.VarCharType;
import org.apache.flink.types.RowKind;

/**
 * The change feed as rows (Delta's {@code table_changes} shape): every change becomes an insert of
 * the changed row followed by {@value #CHANGE_TYPE}, {@value #COMMIT_VERSION} and {@value
 * #COMMIT_TIMESTAMP}. An insert-only relation of changes can be filtered, joined and aggregated
 * like any table, which the changelog's row kinds cannot.
 */
public final class ChangeColumns {
  public static final String CHANGE_TYPE = "_change_type";
  public static final String COMMIT_VERSION = "_commit_version";
  public static final String COMMIT_TIMESTAMP = "_commit_timestamp";

  /** The appended columns' names, in order. */
  public static final List<String> NAMES = List.of(CHANGE_TYPE, COMMIT_VERSION, COMMIT_TIMESTAMP);

  /** The appended columns' types, in order; the timestamp has microsecond precision. */
  public static final List<LogicalType> TYPES =
      List.of(
          new VarCharType(false, VarCharType.MAX_LENGTH),
          new BigIntType(false),
          new LocalZonedTimestampType(false, 6));

  private static final StringData INSERT = StringData.fromString("insert");
  private static final StringData DELETE = StringData.fromString("delete");
  private static final StringData PREIMAGE = StringData.fromString("update_preimage");
  private static final StringData POSTIMAGE = StringData.fromString("update_postimage");

  private ChangeColumns() {}

  /** {@code columns} followed by the change columns. */
  public static RowType producedType(RowType columns) {
    List<RowType.RowField> fields = new ArrayList<>(columns.getFields());
    for (int i = 0; i < NAMES.size(); i++) {
      fields.add(new RowType.RowField(NAMES.get(i), TYPES.get(i)));
    }
    return new RowType(columns.isNullable(), fields);
  }

  /** {@code change} as an insert of its row with its kind, version and commit time appended. */
  static RowData asRow(RowData change, long version, long commitMillis) {
    StringData type =
        switch (change.getRowKind()) {
          case INSERT -> INSERT;
          case DELETE -> DELETE;
          case UPDATE_BEFORE -> PREIMAGE;
          case UPDATE_AFTER -> POSTIMAGE;
        };
    change.setRowKind(RowKind.INSERT);
    return new JoinedRowData(
        RowKind.INSERT,
        change,
        GenericRowData.of(type, version, TimestampData.fromEpochMillis(commitMillis)));
  }
}
