package io.codeanatomy.sink.fault;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.types.RowKind;

/**
 * A changelog over a keyed table {@code (owner, id) → n}: the {@code i}-th change is a pure
 * function of the seed and {@code i}, so a source replaying from a checkpointed position emits
 * exactly the records it emitted before, and the expected table is computable without running
 * anything.
 *
 * <p>Kinds: 45% {@code +I}, 25% {@code +U}, 10% {@code -U} (the sink deletes the key unless a later
 * {@code +U} of the key follows), 20% {@code -D}; some of them hit absent keys, which is fine for
 * an upsert sink.
 */
public final class SeededChangelog implements GeneratorFunction<Long, RowData> {
  public static final RowType ROW_TYPE =
      (RowType)
          DataTypes.ROW(
                  DataTypes.FIELD("owner", DataTypes.STRING().notNull()),
                  DataTypes.FIELD("id", DataTypes.INT().notNull()),
                  DataTypes.FIELD("n", DataTypes.BIGINT()))
              .getLogicalType();

  private final long seed;
  private final int owners;
  private final int idsPerOwner;

  public SeededChangelog(long seed, int owners, int idsPerOwner) {
    this.seed = seed;
    this.owners = owners;
    this.idsPerOwner = idsPerOwner;
  }

  @Override
  public RowData map(Long index) {
    SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
    String owner = "o" + random.nextInt(owners);
    int id = random.nextInt(idsPerOwner);
    int roll = random.nextInt(100);
    GenericRowData row = GenericRowData.of(StringData.fromString(owner), id, index);
    row.setRowKind(
        roll < 45
            ? RowKind.INSERT
            : roll < 70
                ? RowKind.UPDATE_AFTER
                : roll < 80 ? RowKind.UPDATE_BEFORE : RowKind.DELETE);
    return row;
  }

  /** The table after the first {@code count} changes, as "owner id n" strings. */
  public List<String> expectedRows(long count) {
    Map<String, String> rows = new LinkedHashMap<>();
    for (long i = 0; i < count; i++) {
      RowData row = map(i);
      String key = row.getString(0) + " " + row.getInt(1);
      switch (row.getRowKind()) {
        case INSERT, UPDATE_AFTER -> rows.put(key, key + " " + row.getLong(2));
        case UPDATE_BEFORE, DELETE -> rows.remove(key);
      }
    }
    return new ArrayList<>(rows.values());
  }
}
