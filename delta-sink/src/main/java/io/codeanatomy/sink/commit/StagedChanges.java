package io.codeanatomy.sink.commit;

import io.codeanatomy.delta.DeltaException;
import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.commit.AddFile;
import io.codeanatomy.delta.read.DataFileReader;
import io.codeanatomy.sink.DeltaSinkConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The changes of one checkpoint as the upsert writers staged them: full rows to upsert and key
 * tuples to delete, ready for {@code KeyedChangeWriter.stage}. Keys do not repeat, within a file
 * (each writer collapsed its changes) nor across files (the input was partitioned by key).
 */
record StagedChanges(List<Object[]> upserts, List<Object[]> deletedKeys) {
  static StagedChanges read(DeltaSinkConfig config, DeltaTable table, List<AddFile> files) {
    int columns = config.rowType().getFieldCount();
    int[] keyIndexes = config.keyIndexes();
    List<Object[]> upserts = new ArrayList<>();
    List<Object[]> deletedKeys = new ArrayList<>();
    for (AddFile file : files) {
      for (Object[] row :
          DataFileReader.read(table, file.path(), file.size(), config.stagingSchema())) {
        String op = (String) row[columns];
        if (DeltaSinkConfig.OP_UPSERT.equals(op)) {
          upserts.add(Arrays.copyOf(row, columns));
        } else if (DeltaSinkConfig.OP_DELETE.equals(op)) {
          Object[] key = new Object[keyIndexes.length];
          for (int i = 0; i < keyIndexes.length; i++) {
            key[i] = row[keyIndexes[i]];
          }
          deletedKeys.add(key);
        } else {
          throw new DeltaException(
              table.path(), "staged change file " + file.path() + " has an unknown op " + op);
        }
      }
    }
    return new StagedChanges(upserts, deletedKeys);
  }
}
