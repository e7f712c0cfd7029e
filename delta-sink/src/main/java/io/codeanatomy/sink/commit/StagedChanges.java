package io.codeanatomy.sink.commit;

import io.codeanatomy.delta.DeltaException;
import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.commit.AddFile;
import io.codeanatomy.delta.read.DataFileReader;
import io.codeanatomy.sink.DeltaSinkConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The changes of one checkpoint as the upsert writers staged them: full rows to upsert and key
 * tuples to delete, ready for {@code KeyedChangeWriter.stage}. Keys do not repeat, within a file
 * (each writer collapsed its changes) nor across files (the input was partitioned by key).
 */
record StagedChanges(List<Object[]> upserts, List<Object[]> deletedKeys) {
  private static final Logger LOG = LoggerFactory.getLogger(StagedChanges.class);

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

  /**
   * Deletes staged files once their checkpoint is in the table (or known to be). Best effort: a
   * file left behind is never read again, since its checkpoint is recorded.
   */
  static void delete(DeltaTable table, List<AddFile> files) {
    for (AddFile file : files) {
      try {
        Files.deleteIfExists(DataFileReader.resolve(table, file.path()));
      } catch (IOException e) {
        LOG.warn("Could not delete staged change file {} of {}", file.path(), table.path(), e);
      }
    }
  }
}
