package io.codeanatomy.delta.read;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A data file's statistics as its {@code add.stats} JSON records them, flattened: nested columns
 * are named by their path ({@code loc.line}), bounds are kept as text (a string bound as is, any
 * other value as its JSON text), keys are sorted.
 *
 * @param numRecords rows in the file, deleted ones included, or null when the stats lack it
 */
public record FileStatistics(
    Long numRecords,
    Map<String, String> minValues,
    Map<String, String> maxValues,
    Map<String, Long> nullCounts) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The statistics in {@code statsJson}; empty for a file written without them (null). */
  public static Optional<FileStatistics> parse(String statsJson) {
    if (statsJson == null || statsJson.isBlank()) {
      return Optional.empty();
    }
    JsonNode root;
    try {
      root = JSON.readTree(statsJson);
    } catch (JsonProcessingException e) {
      return Optional.empty(); // unreadable statistics are no statistics, as for skipping
    }
    Map<String, String> min = new TreeMap<>();
    Map<String, String> max = new TreeMap<>();
    Map<String, Long> nulls = new TreeMap<>();
    flatten(root.path("minValues"), "", (k, v) -> min.put(k, text(v)));
    flatten(root.path("maxValues"), "", (k, v) -> max.put(k, text(v)));
    flatten(root.path("nullCount"), "", (k, v) -> nulls.put(k, v.asLong()));
    JsonNode n = root.get("numRecords");
    return Optional.of(
        new FileStatistics(n == null || !n.isNumber() ? null : n.asLong(), min, max, nulls));
  }

  private static void flatten(
      JsonNode node, String prefix, java.util.function.BiConsumer<String, JsonNode> out) {
    if (!node.isObject()) {
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = prefix + e.getKey();
      if (e.getValue().isObject()) {
        flatten(e.getValue(), key + ".", out);
      } else if (!e.getValue().isNull()) {
        out.accept(key, e.getValue());
      }
    }
  }

  private static String text(JsonNode value) {
    return value.isTextual() ? value.asText() : value.toString();
  }
}
