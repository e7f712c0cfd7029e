package io.codeanatomy.sink;

import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;

/**
 * Partitions upsert input by the primary key, so that every change of one key reaches the same
 * writer, in order. The key is the key columns' values as text: equal keys give equal strings on
 * every machine (which is all partitioning needs; two keys that happened to share a string would
 * merely share a writer).
 */
final class PrimaryKeySelector implements KeySelector<RowData, String> {
  private final RowData.FieldGetter[] getters;

  PrimaryKeySelector(RowType rowType, int[] keyIndexes) {
    getters = new RowData.FieldGetter[keyIndexes.length];
    for (int i = 0; i < keyIndexes.length; i++) {
      getters[i] = RowData.createFieldGetter(rowType.getTypeAt(keyIndexes[i]), keyIndexes[i]);
    }
  }

  @Override
  public String getKey(RowData row) {
    StringBuilder key = new StringBuilder();
    for (RowData.FieldGetter getter : getters) {
      key.append(getter.getFieldOrNull(row)).append('\u0000');
    }
    return key.toString();
  }
}
