package io.codeanatomy.job.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Normalises the JSON plans Flink writes, so that two plans of the same spec have the same text:
 * Flink numbers stream nodes and ExecNodes with JVM-wide counters ({@code "id" : 404}, {@code
 * Calc[515]}), which say nothing about the plan. Ids are renumbered from 1 in node order and every
 * reference to them follows; the counters {@link PlanDigest#normalise} knows are renumbered too.
 */
final class PlanJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * An ExecNode id in an execution graph node's type or contents: {@code [340]:Calc(...)}, {@code
   * Calc[515]}, {@code *anonymous_delta$8*[208]: Writer}.
   */
  private static final Pattern EXEC_ID = Pattern.compile("(?:^|(?<=[\\w*]))\\[(\\d+)\\]");

  private PlanJson() {}

  /**
   * The execution graph ({@code ExplainDetail.JSON_EXECUTION_PLAN}): stream node ids and the
   * ExecNode ids inside node names renumbered, paths replaced ({@link PlanDigest#normalise}).
   */
  static String executionGraph(String json) {
    JsonNode graph = parse(json);
    Map<Integer, Integer> nodeIds = new HashMap<>();
    for (JsonNode node : graph.path("nodes")) {
      nodeIds.put(node.get("id").asInt(), nodeIds.size() + 1);
    }
    Map<String, String> execIds = new HashMap<>();
    for (JsonNode node : graph.path("nodes")) {
      ObjectNode n = (ObjectNode) node;
      n.put("id", nodeIds.get(n.get("id").asInt()));
      if (n.has("type")) {
        n.put("type", renumber(n.get("type").asText(), execIds));
      }
      if (n.has("contents")) {
        n.put("contents", renumber(n.get("contents").asText(), execIds));
      }
      for (JsonNode predecessor : n.path("predecessors")) {
        ((ObjectNode) predecessor).put("id", nodeIds.get(predecessor.get("id").asInt()));
      }
    }
    return PlanDigest.normalise(write(graph));
  }

  /**
   * A compiled plan ({@code CompiledPlan#asJsonString}): ExecNode ids renumbered in node order,
   * edges following, other counters renumbered ({@link PlanDigest#normaliseCounters}); paths stay,
   * since the plan reads and writes its tables by path and must still run.
   */
  static String compiledPlan(String json) {
    JsonNode plan = parse(json);
    Map<Integer, Integer> ids = new HashMap<>();
    for (JsonNode node : plan.path("nodes")) {
      ids.put(node.get("id").asInt(), ids.size() + 1);
      ((ObjectNode) node).put("id", ids.size());
    }
    for (JsonNode edge : plan.path("edges")) {
      ObjectNode e = (ObjectNode) edge;
      e.put("source", ids.get(e.get("source").asInt()));
      e.put("target", ids.get(e.get("target").asInt()));
    }
    return PlanDigest.normaliseCounters(write(plan));
  }

  private static String renumber(String text, Map<String, String> ids) {
    Matcher m = EXEC_ID.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String id = ids.computeIfAbsent(m.group(1), k -> Integer.toString(ids.size() + 1));
      m.appendReplacement(out, Matcher.quoteReplacement("[" + id + "]"));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static JsonNode parse(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a JSON plan: " + e.getOriginalMessage(), e);
    }
  }

  private static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }
}
