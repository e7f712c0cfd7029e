package io.codeanatomy.delta.commit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;

/** {@code metaData}: the table's id, schema and properties. Tables we create are unpartitioned. */
public record Metadata(
    String id, String schemaString, Map<String, String> configuration, long createdTime)
    implements Action {
  @Override
  public ObjectNode toJson(JsonNodeFactory json) {
    ObjectNode meta = json.objectNode();
    meta.put("id", id);
    ObjectNode format = meta.putObject("format");
    format.put("provider", "parquet");
    format.putObject("options");
    meta.put("schemaString", schemaString);
    meta.putArray("partitionColumns");
    ObjectNode conf = meta.putObject("configuration");
    new TreeMap<>(configuration).forEach(conf::put);
    meta.put("createdTime", createdTime);
    ObjectNode line = json.objectNode();
    line.set("metaData", meta);
    return line;
  }
}
