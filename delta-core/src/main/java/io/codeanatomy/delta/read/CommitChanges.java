package io.codeanatomy.delta.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.codeanatomy.delta.DeltaException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What one commit ({@code _delta_log/<version>.json}) holds for a change feed: its {@code cdc}
 * files, the {@code remove}s and {@code add}s that change data (with their deletion vectors), a new
 * schema if it sets one, and its in-commit timestamp if it has one. Kernel exposes no row-level
 * change feed, and replaying a snapshot is far more than one commit needs, so this reads the commit
 * file itself: it is the protocol's own record of the version.
 *
 * @param inCommitTimestamp milliseconds since the epoch, or null when the commit has none
 * @param newSchemaJson the {@code metaData.schemaString} the commit sets, or null
 * @param cdcFiles the change data files, whole, in path order
 * @param removed the live rows of each removed data file ({@code dataChange} only), in log order
 * @param added the live rows of each added data file ({@code dataChange} only), in log order
 */
public record CommitChanges(
    long version,
    Long inCommitTimestamp,
    String newSchemaJson,
    List<FileRows> cdcFiles,
    List<FileRows> removed,
    List<FileRows> added) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Reads commit {@code version} of the table at {@code root}.
   *
   * @throws DeltaException naming table and version when the log entry is gone or unreadable
   */
  public static CommitChanges read(Path root, long version) {
    Path file = root.resolve("_delta_log").resolve(String.format("%020d.json", version));
    List<FileRows> cdc = new ArrayList<>();
    List<FileRows> removed = new ArrayList<>();
    List<FileRows> added = new ArrayList<>();
    String schema = null;
    Long inCommitTimestamp = null;
    try (BufferedReader lines = Files.newBufferedReader(file)) {
      String line;
      while ((line = lines.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode action = JSON.readTree(line);
        if (action.has("commitInfo") && action.get("commitInfo").has("inCommitTimestamp")) {
          inCommitTimestamp = action.get("commitInfo").get("inCommitTimestamp").asLong();
        } else if (action.has("metaData")) {
          schema = action.get("metaData").path("schemaString").asText(null);
        } else if (action.has("cdc")) {
          cdc.add(live(action.get("cdc")));
        } else if (action.has("add") && dataChange(action.get("add"))) {
          added.add(live(action.get("add")));
        } else if (action.has("remove") && dataChange(action.get("remove"))) {
          removed.add(live(action.get("remove")));
        }
      }
    } catch (NoSuchFileException e) {
      throw new DeltaException(
          root.toString(),
          "the log entry of version "
              + version
              + " is gone ("
              + file.getFileName()
              + "; log cleanup removes old entries), so its changes cannot be read; start from a"
              + " later version");
    } catch (IOException e) {
      throw new DeltaException(
          root.toString(), "cannot read the log entry of version " + version + ": " + e, e);
    }
    cdc.sort(Comparator.comparing(FileRows::path));
    return new CommitChanges(
        version,
        inCommitTimestamp,
        schema,
        List.copyOf(cdc),
        List.copyOf(removed),
        List.copyOf(added));
  }

  /** True when the commit has change data files, which then are its changes. */
  public boolean hasCdcFiles() {
    return !cdcFiles.isEmpty();
  }

  /**
   * The changes derived from {@link #removed} and {@link #added}, for commits without cdc files.
   */
  public DerivedChanges derived() {
    return DerivedChanges.of(removed, added);
  }

  private static FileRows live(JsonNode fileAction) {
    return FileRows.live(
        fileAction.get("path").asText(),
        fileAction.path("size").asLong(-1),
        DeletionVector.fromJson(fileAction));
  }

  private static boolean dataChange(JsonNode fileAction) {
    return fileAction.path("dataChange").asBoolean(true);
  }
}
