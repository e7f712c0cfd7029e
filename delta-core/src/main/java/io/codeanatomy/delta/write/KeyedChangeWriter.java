package io.codeanatomy.delta.write;

import io.codeanatomy.delta.DeltaException;
import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.TableFile;
import io.codeanatomy.delta.commit.AddCdcFile;
import io.codeanatomy.delta.commit.AddFile;
import io.codeanatomy.delta.commit.DeltaTransaction;
import io.codeanatomy.delta.commit.RemoveFile;
import io.codeanatomy.delta.read.ChangeRow;
import io.codeanatomy.delta.read.DataFileReader;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Applies a batch of upserted rows and deleted keys to a table with a primary key, as one
 * copy-on-write commit whose change feed is exact.
 *
 * <p>Before: files F1 (keys a, b) and F2 (keys c, d); batch: upsert a (new values), upsert c
 * (identical), delete d, upsert e. After: F1 removed, F1' = (a', b) added; F2 removed, F2' = (c)
 * added; F3 = (e) added; {@code cdc} rows: a {@code update_preimage}, a' {@code update_postimage},
 * d {@code delete}, e {@code insert} — nothing for b and c, which did not change. A file without an
 * effective change is not rewritten, and a batch without one commits nothing.
 *
 * <p>Files that cannot hold an affected key are skipped; the rest are read. With a bucketed layout
 * every file this writer writes holds one bucket and says which in its name ({@link
 * BucketFileName}), so a file whose bucket holds no affected owner is skipped without reading it —
 * statistics cannot do that, since one bucket's hashed owners span nearly the whole key range.
 * Other files (unbucketed layouts, files written otherwise) are skipped by the min/max statistics
 * of the {@link KeyedLayout#skippingColumn()}.
 */
public final class KeyedChangeWriter {
  private final DeltaTable table;
  private final KeyedLayout layout;

  public KeyedChangeWriter(DeltaTable table, KeyedLayout layout) {
    this.table = table;
    this.layout = layout;
  }

  /**
   * Applies the batch on the latest version and commits it.
   *
   * @param upserts full rows in the table's column order; a key may appear once
   * @param deletedKeys key tuples in the order of {@link KeyedLayout#locatorColumns()}: the key,
   *     then the owner when the layout buckets by an owner outside the key
   * @return what changed; {@code version} is empty when the batch changed nothing (and nothing was
   *     committed)
   */
  public KeyedChangeSummary apply(List<Object[]> upserts, List<Object[]> deletedKeys) {
    DeltaTransaction txn = DeltaTransaction.update(table);
    KeyedChangeSummary summary = stage(txn, upserts, deletedKeys);
    if (!summary.changed()) {
      return summary;
    }
    Map<String, String> params = new LinkedHashMap<>();
    params.put("keys", String.join(",", layout.keyColumns()));
    params.put("upserts", Integer.toString(upserts.size()));
    params.put("deletes", Integer.toString(deletedKeys.size()));
    return summary.committedAs(txn.commit("MERGE", params));
  }

  /**
   * Adds the batch's actions to {@code txn} without committing, so a caller can add a {@code txn}
   * action and commit (and retry on conflict with a new transaction). Writes data and change files;
   * writes nothing when the batch changes nothing.
   */
  public KeyedChangeSummary stage(
      DeltaTransaction txn, List<Object[]> upserts, List<Object[]> deletedKeys) {
    StructType schema = txn.schema();
    int[] keyIndex = keyIndexes(schema);
    Map<List<Object>, Object[]> upsertByKey = byKey(schema, keyIndex, upserts);
    List<String> locator = layout.locatorColumns();
    DataType ownerType = schema.get(layout.skippingColumn()).getDataType();
    int owner = locator.indexOf(layout.skippingColumn());
    // Deleted key -> the owner whose files may hold it (the key's own column when inside the key).
    Map<List<Object>, Object> deletes = new HashMap<>();
    for (Object[] keyValues : deletedKeys) {
      if (keyValues.length != locator.size()) {
        throw new DeltaException(
            table.path(),
            "a deleted key has "
                + keyValues.length
                + " values but must name "
                + locator
                + ": "
                + Arrays.toString(keyValues));
      }
      List<Object> key = key(schema, keyIndex, keyValues, false);
      if (upsertByKey.containsKey(key)) {
        throw new DeltaException(
            table.path(),
            "the batch both upserts and deletes key " + key + "; collapse the batch first");
      }
      deletes.put(key, KeyValues.canonical(ownerType, keyValues[owner]));
    }
    return new Plan(txn, schema, keyIndex, upsertByKey, deletes, Set.of(), false).execute();
  }

  /**
   * Stages replacing all rows of some owners: afterwards the rows whose {@link
   * KeyedLayout#skippingColumn() owner column} holds one of {@code owners} are exactly {@code
   * rows}. Rows that stay identical produce no change, rows with a new value an update, stored rows
   * missing from {@code rows} a delete. This is how a re-extracted source file replaces its facts
   * without the caller knowing which keys it had before.
   *
   * @param owners values of the owner column, e.g. the {@code file_id}s of the changed files
   * @param rows full rows in the table's column order, each belonging to one of {@code owners}
   */
  public KeyedChangeSummary stageOwnerReplacement(
      DeltaTransaction txn, Collection<?> owners, List<Object[]> rows) {
    StructType schema = txn.schema();
    int[] keyIndex = keyIndexes(schema);
    int ownerIndex = schema.indexOf(layout.skippingColumn());
    DataType ownerType = schema.at(ownerIndex).getDataType();
    Set<Object> replaced = new HashSet<>();
    owners.forEach(owner -> replaced.add(KeyValues.canonical(ownerType, owner)));
    Map<List<Object>, Object[]> upsertByKey = byKey(schema, keyIndex, rows);
    for (Object[] row : rows) {
      if (!replaced.contains(KeyValues.canonical(ownerType, row[ownerIndex]))) {
        throw new DeltaException(
            table.path(),
            "row "
                + Arrays.toString(row)
                + " belongs to `"
                + layout.skippingColumn()
                + "` = "
                + row[ownerIndex]
                + ", which is not one of the owners being replaced");
      }
    }
    return new Plan(txn, schema, keyIndex, upsertByKey, Map.of(), replaced, false).execute();
  }

  /**
   * Stages replacing the whole content: afterwards the table holds exactly {@code rows}. Unlike an
   * overwrite, the change feed holds only the difference — rows that stay identical produce no
   * change — so a job that rebuilds a table it wrote before publishes just what moved. Reads every
   * file.
   */
  public KeyedChangeSummary stageReplacement(DeltaTransaction txn, List<Object[]> rows) {
    StructType schema = txn.schema();
    int[] keyIndex = keyIndexes(schema);
    Map<List<Object>, Object[]> upsertByKey = byKey(schema, keyIndex, rows);
    return new Plan(txn, schema, keyIndex, upsertByKey, Map.of(), Set.of(), true).execute();
  }

  private Map<List<Object>, Object[]> byKey(
      StructType schema, int[] keyIndex, List<Object[]> rows) {
    Map<List<Object>, Object[]> byKey = new LinkedHashMap<>();
    for (Object[] row : rows) {
      if (row.length != schema.length()) {
        throw new DeltaException(
            table.path(),
            "an upserted row has "
                + row.length
                + " values but the table has "
                + schema.length()
                + " columns: "
                + Arrays.toString(row));
      }
      List<Object> key = key(schema, keyIndex, row, true);
      if (byKey.put(key, row) != null) {
        throw new DeltaException(
            table.path(), "the batch upserts key " + key + " twice; collapse the batch first");
      }
    }
    return byKey;
  }

  /** One batch against one transaction: finds the affected rows, then writes and stages. */
  private final class Plan {
    private final DeltaTransaction txn;
    private final StructType schema;
    private final int[] keyIndex;
    private final Map<List<Object>, Object[]> upserts;
    private final Map<List<Object>, Object> deletes; // key -> its owner
    private final Set<Object> replacedOwners;
    private final boolean replaceAll;
    private final int ownerIndex;
    private boolean affectsNull;
    private final Set<List<Object>> found = new HashSet<>();
    private final List<Object[]> changeRows = new ArrayList<>();
    private final List<TableFile> rewritten = new ArrayList<>();
    private final List<List<Object[]>> rewrittenRows = new ArrayList<>();
    private int updated;
    private int deleted;
    private int unchanged;
    private int skipped;
    private int read;

    Plan(
        DeltaTransaction txn,
        StructType schema,
        int[] keyIndex,
        Map<List<Object>, Object[]> upserts,
        Map<List<Object>, Object> deletes,
        Set<Object> replacedOwners,
        boolean replaceAll) {
      this.txn = txn;
      this.schema = schema;
      this.keyIndex = keyIndex;
      this.upserts = upserts;
      this.deletes = deletes;
      this.replacedOwners = replacedOwners;
      this.replaceAll = replaceAll;
      this.ownerIndex = schema.indexOf(layout.skippingColumn());
    }

    KeyedChangeSummary execute() {
      if (upserts.isEmpty() && deletes.isEmpty() && replacedOwners.isEmpty() && !replaceAll) {
        return summary(0, 0);
      }
      String skipColumn = layout.skippingColumn();
      DataType ownerType = schema.at(ownerIndex).getDataType();
      Set<Object> affected = new HashSet<>();
      upserts
          .values()
          .forEach(row -> affected.add(KeyValues.canonical(ownerType, row[ownerIndex])));
      affected.addAll(deletes.values());
      affected.addAll(replacedOwners);
      Set<Integer> affectedBuckets = new HashSet<>();
      if (layout.bucketColumn().isPresent()) {
        affected.forEach(v -> affectedBuckets.add(layout.bucketOf(v)));
      }
      // A null owner (possible outside the key) has no place in a statistics range.
      affectsNull = affected.remove(null);
      NavigableSet<Object> affectedValues = FileKeyRange.sorted(new ArrayList<>(affected));
      for (TableFile file : txn.snapshotFiles()) {
        if (!replaceAll
            && !mayHoldAny(file.path(), file.statsJson(), affectedBuckets, affectedValues)) {
          skipped++;
          continue;
        }
        read++;
        txn.markRead(file.path());
        scan(file);
      }
      // A file another writer adds meanwhile may hold keys of this batch: do not rebase over it.
      txn.markReadRange(
          "files whose bucket or `" + skipColumn + "` range holds a key of this batch",
          add ->
              add.dataChange()
                  && (replaceAll
                      || mayHoldAny(add.path(), add.stats(), affectedBuckets, affectedValues)));

      List<Object[]> inserts = new ArrayList<>();
      for (Map.Entry<List<Object>, Object[]> upsert : upserts.entrySet()) {
        if (!found.contains(upsert.getKey())) {
          inserts.add(upsert.getValue());
          changeRows.add(changeRow(upsert.getValue(), ChangeRow.INSERT));
        }
      }
      if (inserts.isEmpty() && updated == 0 && deleted == 0) {
        return summary(0, 0);
      }
      int added = writeData(inserts);
      writeChanges();
      return summary(inserts.size(), added);
    }

    /** False when the file's bucket (by its name) or its statistics exclude every value. */
    private boolean mayHoldAny(
        String path,
        String statsJson,
        Set<Integer> affectedBuckets,
        NavigableSet<Object> affectedValues) {
      if (layout.bucketColumn().isPresent()) {
        OptionalInt bucket = BucketFileName.bucketOf(path, layout.buckets());
        if (bucket.isPresent()) {
          return affectedBuckets.contains(bucket.getAsInt());
        }
      }
      String skipColumn = layout.skippingColumn();
      return affectsNull
          || FileKeyRange.of(statsJson, skipColumn, schema.get(skipColumn).getDataType())
              .mayContainAny(affectedValues);
    }

    /** Reads one candidate file and decides what becomes of each of its rows. */
    private void scan(TableFile file) {
      List<Object[]> kept = new ArrayList<>();
      boolean changed = false;
      for (Object[] row : DataFileReader.read(table, file.path(), file.size(), schema)) {
        List<Object> key = key(schema, keyIndex, row, true);
        Object[] upsert = upserts.get(key);
        boolean isDelete = deletes.containsKey(key) || (upsert == null && isReplacedOwner(row));
        if (!isDelete && upsert == null) {
          kept.add(row);
          continue;
        }
        if (!found.add(key)) {
          throw new DeltaException(
              table.path(),
              "key "
                  + key
                  + " is stored more than once (again in "
                  + file.path()
                  + " at version "
                  + txn.readVersion()
                  + "); the table breaks its primary key "
                  + layout.keyColumns()
                  + ", rebuild it");
        }
        if (isDelete) {
          changeRows.add(changeRow(row, ChangeRow.DELETE));
          deleted++;
          changed = true;
        } else if (ValueEquality.rowsEqual(schema, row, upsert)) {
          kept.add(row);
          unchanged++;
        } else {
          changeRows.add(changeRow(row, ChangeRow.UPDATE_PREIMAGE));
          changeRows.add(changeRow(upsert, ChangeRow.UPDATE_POSTIMAGE));
          kept.add(upsert);
          updated++;
          changed = true;
        }
      }
      if (changed) {
        rewritten.add(file);
        rewrittenRows.add(kept);
      }
    }

    /** Removes the rewritten files and adds their new versions and the new keys; returns adds. */
    private int writeData(List<Object[]> inserts) {
      long now = System.currentTimeMillis();
      for (TableFile file : rewritten) {
        txn.remove(new RemoveFile(file.path(), now, true, file.size()));
      }
      if (layout.bucketColumn().isPresent()) {
        // One file per touched bucket: the bucket's surviving rows and its new keys together.
        List<Object[]> all = new ArrayList<>();
        rewrittenRows.forEach(all::addAll);
        all.addAll(inserts);
        return BucketedFiles.write(txn, table, layout, schema, all);
      }
      List<List<Object[]>> groups = new ArrayList<>(rewrittenRows);
      groups.add(inserts);
      // Checks the table's constraints on every row before writing any file.
      ParquetFileWriter writer = ParquetFileWriter.forTransaction(txn);
      int added = 0;
      for (List<Object[]> group : groups) {
        for (AddFile add : writer.write(group)) {
          txn.add(add);
          added++;
        }
      }
      return added;
    }

    private void writeChanges() {
      if (!"true".equalsIgnoreCase(txn.tableProperties().get("delta.enableChangeDataFeed"))) {
        return; // without the change feed, readers derive nothing from cdc files
      }
      StructType cdcSchema = schema.add(AddCdcFile.CHANGE_TYPE_COLUMN, StringType.STRING);
      for (AddFile file :
          new ParquetFileWriter(table, cdcSchema, "_change_data").write(changeRows)) {
        txn.addCdc(new AddCdcFile(file.path(), file.size()));
      }
    }

    private boolean isReplacedOwner(Object[] row) {
      return replaceAll
          || !replacedOwners.isEmpty()
              && replacedOwners.contains(
                  KeyValues.canonical(schema.at(ownerIndex).getDataType(), row[ownerIndex]));
    }

    private Object[] changeRow(Object[] row, String changeType) {
      Object[] out = Arrays.copyOf(row, row.length + 1);
      out[row.length] = changeType;
      return out;
    }

    private KeyedChangeSummary summary(int inserted, int added) {
      return new KeyedChangeSummary(
          Optional.empty(),
          inserted,
          updated,
          deleted,
          unchanged,
          skipped,
          read,
          rewritten.size(),
          added);
    }
  }

  private int[] keyIndexes(StructType schema) {
    int[] index = new int[layout.keyColumns().size()];
    for (int i = 0; i < index.length; i++) {
      String column = layout.keyColumns().get(i);
      index[i] = schema.indexOf(column);
      if (index[i] < 0) {
        throw new DeltaException(
            table.path(), "key column `" + column + "` is not a column of " + schema);
      }
      DataType type = schema.at(index[i]).getDataType();
      if (!KeyValues.supports(type)) {
        throw new DeltaException(
            table.path(),
            "key column `"
                + column
                + "` has type "
                + type
                + "; keys must be strings, booleans, integers, dates or timestamps");
      }
    }
    return index;
  }

  /** The canonical key of a full row ({@code fullRow}) or of a key tuple. */
  private List<Object> key(StructType schema, int[] keyIndex, Object[] values, boolean fullRow) {
    List<Object> key = new ArrayList<>(keyIndex.length);
    for (int i = 0; i < keyIndex.length; i++) {
      Object value = values[fullRow ? keyIndex[i] : i];
      if (value == null) {
        throw new DeltaException(
            table.path(),
            "key column `"
                + layout.keyColumns().get(i)
                + "` is null in "
                + Arrays.toString(values)
                + "; key values must not be null");
      }
      key.add(KeyValues.canonical(schema.at(keyIndex[i]).getDataType(), value));
    }
    return key;
  }
}
