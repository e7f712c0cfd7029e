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
    // Key -> the full row to upsert, or null to delete it; insertion order is staging order.
    Map<List<Object>, Object[]> last = new LinkedHashMap<>();
    for (AddFile file : files) {
      for (Object[] row :
          DataFileReader.read(table, file.path(), file.size(), config.stagingSchema())) {
        String op = (String) row[columns];
        List<Object> key = new ArrayList<>(keyIndexes.length);
        for (int index : keyIndexes) {
          key.add(row[index]);
        }
        last.remove(key);
        if (DeltaSinkConfig.OP_UPSERT.equals(op)) {
          last.put(key, Arrays.copyOf(row, columns));
        } else if (DeltaSinkConfig.OP_DELETE.equals(op)) {
          last.put(key, null);
        } else {
          throw new DeltaException(
              table.path(), "staged change file " + file.path() + " has an unknown op " + op);
        }
      }
    }
    List<Object[]> upserts = new ArrayList<>();
    List<Object[]> deletedKeys = new ArrayList<>();
    last.forEach(
        (key, row) -> {
          if (row == null) {
            deletedKeys.add(key.toArray());
          } else {
            upserts.add(row);
          }
        });
    return new StagedChanges(upserts, deletedKeys);
  }
}
