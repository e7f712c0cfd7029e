package io.codeanatomy.sink.commit;

import io.codeanatomy.delta.DeltaException;
import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.commit.AddFile;
import io.codeanatomy.delta.read.DataFileReader;
import io.codeanatomy.sink.DeltaSinkConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The changes of one committable as the upsert writers staged them: full rows to upsert and key
 * tuples to delete, ready for {@code KeyedChangeWriter.stage}.
 *
 * <p>Usually each key appears once: every writer collapses its changes per checkpoint, and the
 * input is partitioned by key. But a committable can hold a writer's files of more than one
 * checkpoint — when a checkpoint is aborted after some writers staged for it, the aggregator
 * carries their files into the next one — so the files are read in the order they were staged and a
 * key's last change wins.
 */
record StagedChanges(List<Object[]> upserts, List<Object[]> deletedKeys) {
  static StagedChanges read(DeltaSinkConfig config, DeltaTable table, List<AddFile> files) {
    int columns = config.rowType().getFieldCount();
    int[] keyIndexes = config.keyIndexes();
    // Key -> its last staged row (values plus op); insertion order is staging order.
    Map<List<Object>, Object[]> last = new LinkedHashMap<>();
    for (AddFile file : files) {
      for (Object[] row :
          DataFileReader.read(table, file.path(), file.size(), config.stagingSchema())) {
        String op = (String) row[columns];
        if (!DeltaSinkConfig.OP_UPSERT.equals(op) && !DeltaSinkConfig.OP_DELETE.equals(op)) {
          throw new DeltaException(
              table.path(), "staged change file " + file.path() + " has an unknown op " + op);
        }
        List<Object> key = new ArrayList<>(keyIndexes.length);
        for (int index : keyIndexes) {
          key.add(row[index]);
        }
        last.remove(key);
        last.put(key, row);
      }
    }
    // A delete names its key's owner too when the layout buckets by an owner outside the key.
    int[] locator = config.locatorIndexes();
    List<Object[]> upserts = new ArrayList<>();
    List<Object[]> deletedKeys = new ArrayList<>();
    for (Object[] row : last.values()) {
      if (DeltaSinkConfig.OP_UPSERT.equals(row[columns])) {
        upserts.add(Arrays.copyOf(row, columns));
      } else {
        Object[] located = new Object[locator.length];
        for (int i = 0; i < locator.length; i++) {
          located[i] = row[locator[i]];
        }
        deletedKeys.add(located);
      }
    }
    return new StagedChanges(upserts, deletedKeys);
  }
}
