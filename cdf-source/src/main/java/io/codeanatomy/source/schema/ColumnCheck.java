package io.codeanatomy.source.schema;

import io.codeanatomy.delta.DeltaException;
import io.codeanatomy.delta.schema.FlinkSchemas;
import io.delta.kernel.types.StructType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;

/**
 * Checks that a table version still has every column a query reads, with the type it reads. Used
 * when a query is planned and, by the changelog source, on every version that changes the schema:
 * columns the query does not read may come and go freely.
 */
public final class ColumnCheck {
  private ColumnCheck() {}

  /**
   * @throws DeltaException naming table, version and column when a read column is missing or has
   *     another type
   */
  public static void check(String tablePath, long version, StructType schema, RowType read) {
    RowType actual = FlinkSchemas.toRowType(schema);
    for (RowType.RowField field : read.getFields()) {
      int index = actual.getFieldNames().indexOf(field.getName());
      if (index < 0) {
        throw new DeltaException(
            tablePath,
            "version "
                + version
                + " has no column `"
                + field.getName()
                + "`, which the query reads; its columns are "
                + actual.getFieldNames());
      }
      LogicalType has = actual.getTypeAt(index);
      if (!sameIgnoringNullability(has, field.getType())) {
        throw new DeltaException(
            tablePath,
            "column `"
                + field.getName()
                + "` is "
                + has.asSummaryString()
                + " at version "
                + version
                + " but the query reads it as "
                + field.getType().asSummaryString());
      }
    }
  }

  /**
   * Nullability is not compared: reading non-null data as nullable is always safe, and a declared
   * NOT NULL over nullable data is caught by the planner's own NOT NULL enforcement downstream.
   */
  public static boolean sameIgnoringNullability(LogicalType a, LogicalType b) {
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
}
