package io.codeanatomy.delta.commit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code add}: a data file joins the table.
 *
 * @param path relative to the table root (a URI path; our file names need no escaping)
 * @param stats the statistics JSON ({@code numRecords}, {@code minValues}, ...) or null
 */
public record AddFile(
    String path, long size, long modificationTime, boolean dataChange, String stats)
    implements Action {
  @Override
  public ObjectNode toJson(JsonNodeFactory json) {
    ObjectNode add = json.objectNode();
    add.put("path", path);
    add.putObject("partitionValues");
    add.put("size", size);
    add.put("modificationTime", modificationTime);
    add.put("dataChange", dataChange);
    if (stats != null) {
      add.put("stats", stats);
    }
    ObjectNode line = json.objectNode();
    line.set("add", add);
    return line;
  }
}
