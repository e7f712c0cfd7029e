package io.codeanatomy.delta.commit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code cdc}: a change data file of this commit. Its rows have the table's columns plus {@code
 * _change_type} ({@code insert}, {@code delete}, {@code update_preimage}, {@code
 * update_postimage}); readers of the change feed take a commit's changes from its {@code cdc} files
 * when it has any, and from its {@code add}/{@code remove} actions otherwise. The files live under
 * {@code _change_data/} and are never part of a snapshot.
 */
public record AddCdcFile(String path, long size) implements Action {
  /** The column every change data file carries besides the table's own. */
  public static final String CHANGE_TYPE_COLUMN = "_change_type";

  @Override
  public ObjectNode toJson(JsonNodeFactory json) {
    ObjectNode cdc = json.objectNode();
    cdc.put("path", path);
    cdc.putObject("partitionValues");
    cdc.put("size", size);
    cdc.put("dataChange", false);
    ObjectNode line = json.objectNode();
    line.set("cdc", cdc);
    return line;
  }
}
