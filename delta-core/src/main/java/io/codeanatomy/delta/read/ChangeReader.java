package io.codeanatomy.delta.read;

import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.commit.AddCdcFile;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the change feed of single commits into memory, the way the Delta protocol defines it: a
 * commit with {@code cdc} files has exactly the rows of those files as its changes; a commit
 * without has every row of its {@code add}ed data files inserted and every row of its {@code
 * remove}d data files deleted (actions with {@code dataChange=false} change nothing), deletion
 * vectors applied. For tools and tests; jobs follow the feed through the Flink source.
 */
public final class ChangeReader {
  private ChangeReader() {}

  /**
   * The changes of commit {@code version}, in file order (derived deletes before derived inserts).
   * Deletion vectors are applied as {@link DerivedChanges} describes.
   */
  public static List<ChangeRow> changes(DeltaTable table, long version) {
    StructType schema = table.snapshotAt(version).getSchema();
    CommitChanges commit = CommitChanges.read(table.root(), version);
    List<ChangeRow> out = new ArrayList<>();
    if (commit.hasCdcFiles()) {
      StructType cdcSchema = schema.add(AddCdcFile.CHANGE_TYPE_COLUMN, StringType.STRING);
      int typeColumn = schema.length();
      for (FileRows cdc : commit.cdcFiles()) {
        for (Object[] row : DataFileReader.read(table, cdc, cdcSchema)) {
          out.add(new ChangeRow(version, (String) row[typeColumn], Arrays.copyOf(row, typeColumn)));
        }
      }
      return out;
    }
    DerivedChanges derived = commit.derived();
    for (FileRows deleted : derived.deleted()) {
      for (Object[] row : DataFileReader.read(table, deleted, schema)) {
        out.add(new ChangeRow(version, ChangeRow.DELETE, row));
      }
    }
    for (FileRows inserted : derived.inserted()) {
      for (Object[] row : DataFileReader.read(table, inserted, schema)) {
        out.add(new ChangeRow(version, ChangeRow.INSERT, row));
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
