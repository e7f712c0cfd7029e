package io.codeanatomy.delta.commit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;

/** {@code commitInfo}: provenance of a commit, for people and tools reading the history. */
public record CommitInfo(
    long timestamp,
    String operation,
    Map<String, String> operationParameters,
    boolean isBlindAppend,
    String txnId)
    implements Action {
  public static final String ENGINE_INFO = "CodeAnatomy/0.1.0";

  @Override
  public ObjectNode toJson(JsonNodeFactory json) {
    ObjectNode info = json.objectNode();
    info.put("timestamp", timestamp);
    info.put("operation", operation);
    ObjectNode params = info.putObject("operationParameters");
    new TreeMap<>(operationParameters).forEach(params::put);
    info.put("isBlindAppend", isBlindAppend);
    info.put("engineInfo", ENGINE_INFO);
    info.put("txnId", txnId);
    ObjectNode line = json.objectNode();
    line.set("commitInfo", info);
    return line;
  }
}
