package io.codeanatomy.source;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.commit.AddCdcFile;
import io.codeanatomy.delta.commit.AddFile;
import io.codeanatomy.delta.commit.DeltaTransaction;
import io.codeanatomy.delta.write.ParquetFileWriter;
import io.codeanatomy.delta.write.TableOverwrite;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A test table {@code (id STRING NOT NULL, n BIGINT)} with Change Data Feed, written through
 * delta-core the way writers do: appends (changes derived from {@code add}s), rewrites without
 * {@code cdc} files (derived from {@code remove}s and {@code add}s) and upserts with exact {@code
 * cdc} files. It keeps its current content so tests can state versions as changes.
 */
final class ChangeFeedTable {
  static final StructType SCHEMA =
      new StructType().add("id", StringType.STRING, false).add("n", LongType.LONG);
  static final StructType CDC_SCHEMA = SCHEMA.add(AddCdcFile.CHANGE_TYPE_COLUMN, StringType.STRING);

  final DeltaTable table;
  private final Map<String, Long> content = new LinkedHashMap<>();
  private final List<String> feed = new ArrayList<>();
  private boolean contentInOneFile;

  /**
   * The changelog the writes so far should produce, read with snapshot-then-changes from version 0
   * (rows as {@code Row#toString} prints them).
   */
  List<String> expectedFeed() {
    return List.copyOf(feed);
  }

  ChangeFeedTable(Path root) {
    this.table = DeltaTable.forPath(root);
  }

  /** Version 0 with these rows (one data file). */
  long create(Map<String, Long> rows) {
    content.putAll(rows);
    rows.forEach((id, n) -> feed.add("+I[" + id + ", " + n + "]"));
    contentInOneFile = true;
    return TableOverwrite.replaceContent(table, SCHEMA, TableOverwrite.CDF_ON, rows(content));
  }

  /** A blind append: the feed derives inserts from the new file. */
  long append(Map<String, Long> rows) {
    content.putAll(rows);
    rows.forEach((id, n) -> feed.add("+I[" + id + ", " + n + "]"));
    contentInOneFile = false;
    DeltaTransaction txn = DeltaTransaction.update(table);
    new ParquetFileWriter(table, SCHEMA).write(rows(rows)).forEach(txn::add);
    return txn.commit("WRITE", Map.of("mode", "Append"));
  }

  /**
   * Upserts and deletes with exact cdc files: the data is rewritten as one file, and the change
   * data file lists pre-/post-images of updated rows, inserted rows and deleted rows.
   */
  long upsert(Map<String, Long> upserts, List<String> deletes) {
    List<Object[]> cdc = new ArrayList<>();
    upserts.forEach(
        (id, n) -> {
          Long old = content.get(id);
          if (old == null) {
            cdc.add(new Object[] {id, n, "insert"});
          } else {
            cdc.add(new Object[] {id, old, "update_preimage"});
            cdc.add(new Object[] {id, n, "update_postimage"});
          }
        });
    for (String id : deletes) {
      cdc.add(new Object[] {id, content.remove(id), "delete"});
    }
    for (Object[] change : cdc) {
      if (change[2].equals("update_preimage") || change[2].equals("delete")) {
        feed.add((change[2].equals("delete") ? "-D[" : "-U[") + change[0] + ", " + change[1] + "]");
      }
    }
    for (Object[] change : cdc) {
      if (change[2].equals("update_postimage") || change[2].equals("insert")) {
        feed.add((change[2].equals("insert") ? "+I[" : "+U[") + change[0] + ", " + change[1] + "]");
      }
    }
    content.putAll(upserts);
    contentInOneFile = true;
    DeltaTransaction txn = DeltaTransaction.update(table).removeAllFiles();
    new ParquetFileWriter(table, SCHEMA).write(rows(content)).forEach(txn::add);
    for (AddFile file : new ParquetFileWriter(table, CDC_SCHEMA, "_change_data").write(cdc)) {
      txn.addCdc(new AddCdcFile(file.path(), file.size()));
    }
    return txn.commit("MERGE", Map.of());
  }

  /** Replaces the content without cdc files: the feed derives deletes of all old rows, inserts. */
  long rewrite(Map<String, Long> rows) {
    if (!contentInOneFile) {
      throw new IllegalStateException("the order of derived deletes across files is by file name");
    }
    content.forEach((id, n) -> feed.add("-D[" + id + ", " + n + "]"));
    rows.forEach((id, n) -> feed.add("+I[" + id + ", " + n + "]"));
    content.clear();
    content.putAll(rows);
    return TableOverwrite.replaceContent(table, SCHEMA, TableOverwrite.CDF_ON, rows(content));
  }

  /** A metadata-only commit that sets the schema (as ALTER TABLE would). */
  long changeSchema(StructType schema) {
    try {
      ObjectMapper json = new ObjectMapper();
      Path log = table.logDir();
      ObjectNode metadata = null;
      for (String line : Files.readAllLines(log.resolve(String.format("%020d.json", 0)))) {
        ObjectNode action = (ObjectNode) json.readTree(line);
        if (action.has("metaData")) {
          metadata = action;
        }
      }
      ((ObjectNode) metadata.get("metaData")).put("schemaString", schema.toJson());
      long version = table.latestVersion() + 1;
      String commitInfo =
          "{\"commitInfo\":{\"timestamp\":"
              + System.currentTimeMillis()
              + ",\"operation\":\"ADD COLUMNS\",\"operationParameters\":{}}}";
      Files.writeString(
          log.resolve(String.format("%020d.json", version)),
          commitInfo + "\n" + json.writeValueAsString(metadata) + "\n");
      return version;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Appends rows of another schema (after {@link #changeSchema}). */
  long appendWithSchema(StructType schema, List<Object[]> rows) {
    DeltaTransaction txn = DeltaTransaction.update(table);
    new ParquetFileWriter(table, schema).write(rows).forEach(txn::add);
    return txn.commit("WRITE", Map.of("mode", "Append"));
  }

  /** The change data files of a version, as the log names them. */
  List<String> cdcFiles(long version) {
    try {
      List<String> paths = new ArrayList<>();
      ObjectMapper json = new ObjectMapper();
      for (String line :
          Files.readAllLines(table.logDir().resolve(String.format("%020d.json", version)))) {
        var action = json.readTree(line);
        if (action.has("cdc")) {
          paths.add(action.get("cdc").get("path").asText());
        }
      }
      return paths;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Object[]> rows(Map<String, Long> rows) {
    List<Object[]> out = new ArrayList<>();
    rows.forEach((id, n) -> out.add(new Object[] {id, n}));
    return out;
  }
}
