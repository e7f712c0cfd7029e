package io.codeanatomy.delta.commit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code txn}: the latest version an application committed; lets a writer that replays a commit
 * after a failure recognise that it already landed.
 */
public record SetTransaction(String appId, long version, long lastUpdated) implements Action {
  @Override
  public ObjectNode toJson(JsonNodeFactory json) {
    ObjectNode txn = json.objectNode();
    txn.put("appId", appId);
    txn.put("version", version);
    txn.put("lastUpdated", lastUpdated);
    ObjectNode line = json.objectNode();
    line.set("txn", txn);
    return line;
  }
}
