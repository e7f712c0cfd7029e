package io.codeanatomy.delta.read;

import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.commit.AddCdcFile;
import io.codeanatomy.delta.commit.AddFile;
import io.codeanatomy.delta.commit.CommittedActions;
import io.codeanatomy.delta.commit.RemoveFile;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the change feed of single commits into memory, the way the Delta protocol defines it: a
 * commit with {@code cdc} files has exactly the rows of those files as its changes; a commit
 * without has every row of its {@code add}ed data files inserted and every row of its {@code
 * remove}d data files deleted (actions with {@code dataChange=false} change nothing). For tools and
 * tests; jobs follow the feed through the Flink source.
 */
public final class ChangeReader {
  private ChangeReader() {}

  /** The changes of commit {@code version}, in file order. */
  public static List<ChangeRow> changes(DeltaTable table, long version) {
    StructType schema = table.snapshotAt(version).getSchema();
    CommittedActions commit = CommittedActions.read(table, version);
    List<ChangeRow> out = new ArrayList<>();
    List<AddCdcFile> cdcFiles = commit.of(AddCdcFile.class);
    if (!cdcFiles.isEmpty()) {
      StructType cdcSchema = schema.add(AddCdcFile.CHANGE_TYPE_COLUMN, StringType.STRING);
      int typeColumn = schema.length();
      for (AddCdcFile cdc : cdcFiles) {
        for (Object[] row : DataFileReader.read(table, cdc.path(), cdc.size(), cdcSchema)) {
          out.add(new ChangeRow(version, (String) row[typeColumn], Arrays.copyOf(row, typeColumn)));
        }
      }
      return out;
    }
    for (RemoveFile remove : commit.of(RemoveFile.class)) {
      if (remove.dataChange()) {
        for (Object[] row : DataFileReader.read(table, remove.path(), remove.size(), schema)) {
          out.add(new ChangeRow(version, ChangeRow.DELETE, row));
        }
      }
    }
    for (AddFile add : commit.of(AddFile.class)) {
      if (add.dataChange()) {
        for (Object[] row : DataFileReader.read(table, add.path(), add.size(), schema)) {
          out.add(new ChangeRow(version, ChangeRow.INSERT, row));
        }
      }
    }
    return out;
  }

  /** The changes of commits {@code from} to {@code to}, both included, in commit order. */
  public static List<ChangeRow> changes(DeltaTable table, long from, long to) {
    List<ChangeRow> out = new ArrayList<>();
    for (long v = from; v <= to; v++) {
      out.addAll(changes(table, v));
    }
    return out;
  }
}
