package io.codeanatomy.delta.commit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code remove}: a data file leaves the table (a logical delete; vacuum removes the bytes later).
 * We always write the extended file metadata, so readers of the change feed know the file's size.
 */
public record RemoveFile(String path, long deletionTimestamp, boolean dataChange, long size)
    implements Action {
  @Override
  public ObjectNode toJson(JsonNodeFactory json) {
    ObjectNode remove = json.objectNode();
    remove.put("path", path);
    remove.put("deletionTimestamp", deletionTimestamp);
    remove.put("dataChange", dataChange);
    remove.put("extendedFileMetadata", true);
    remove.putObject("partitionValues");
    remove.put("size", size);
    ObjectNode line = json.objectNode();
    line.set("remove", remove);
    return line;
  }
}
