package io.codeanatomy.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random mutations of valid specs — fields dropped, renamed and retyped, references and
 * expressions broken, YAML text damaged — must either load and validate or fail with a {@link
 * SpecException} that says where; never with any other exception. A failure prints the seed and the
 * mutated document.
 */
class SpecFuzzTest {
  private static final int MUTATIONS = 3000;
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper YAML = SpecLoader.mapper(SpecLoader.Format.YAML);
  private static final ObjectMapper JSON = SpecLoader.mapper(SpecLoader.Format.JSON);

  private static final List<String> WORDS =
      List.of(
          "name",
          "kind",
          "input",
          "inputs",
          "left",
          "right",
          "on",
          "where",
          "select",
          "expr",
          "col",
          "lit",
          "type",
          "call",
          "args",
          "eq",
          "and",
          "param",
          "columns",
          "defs",
          "files",
          "file_id",
          "STRING",
          "ARRAY<",
          "ROW<a INT>",
          "JOIN",
          "UNION",
          "AGGREGATE",
          "FileId",
          "group_by",
          "aggregates",
          "function",
          "count",
          "views",
          "outputs",
          "parameters",
          "position",
          "primary_key",
          "semantic",
          "nullable",
          "distinct",
          "left.file_id",
          "UDTF",
          "CDF",
          "METADATA",
          "FILE_MANIFEST",
          "start_version",
          "end_timestamp",
          "lead",
          "offset",
          "default",
          "x");

  private static final List<String> DAMAGE =
      List.of(
          ":", "{", "}", "[", "]", "- ", "\t", "'", "\"", "\n", "  ", "#", "&a", "*a", "!!x", ",");

  @Test
  void mutationsOnlyEverRaiseSpecExceptionsWithAPath() throws Exception {
    List<JsonNode> seeds =
        List.of(
            YAML.readTree(SpecFixtures.BASE),
            YAML.readTree(ParameterFixture.YAML),
            YAML.readTree(TableAndLateralViewsTest.SPEC),
            YAML.readTree(
                new String(
                    SpecFuzzTest.class
                        .getClassLoader()
                        .getResourceAsStream("specs/python-cpg.yaml")
                        .readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8)));
    for (JsonNode seed : seeds) {
      // Every seed is itself valid, or the mutations would prove nothing.
      SpecValidator.validate(
          SpecLoader.parse(JSON.writeValueAsString(seed), SpecLoader.Format.JSON, null));
    }
    int loaded = 0;
    int rejected = 0;
    long start = System.nanoTime();
    for (int i = 0; i < MUTATIONS; i++) {
      long seed = 0x5eed0000L + i;
      Random random = new Random(seed);
      // The shipped spec is large (~30 ms a round); it gets every 20th mutation.
      JsonNode base = i % 20 == 0 ? seeds.get(3) : seeds.get(i % 3);
      String text;
      SpecLoader.Format format;
      if (random.nextInt(4) == 0) {
        text = damageText(YAML.writeValueAsString(base), random);
        format = SpecLoader.Format.YAML;
      } else {
        JsonNode doc = base.deepCopy();
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits; e++) {
          doc = mutate(doc, random);
        }
        format = random.nextBoolean() ? SpecLoader.Format.YAML : SpecLoader.Format.JSON;
        text = (format == SpecLoader.Format.YAML ? YAML : JSON).writeValueAsString(doc);
      }
      try {
        SpecValidator.validate(SpecLoader.parse(text, format, null));
        loaded++;
      } catch (SpecException e) {
        rejected++;
        for (SpecProblem p : e.problems()) {
          assertThat(p.path()).as("seed %d, %s\n%s", seed, e.getMessage(), text).isNotNull();
          if (p.path().isEmpty()) {
            // Only a document that does not parse at all has no path; it says line and column.
            assertThat(p.message())
                .as("seed %d: problem without a path\n%s", seed, text)
                .containsAnyOf("malformed", "document");
          }
          assertThat(p.message())
              .as(
                  "seed %d: problem at '%s' without a message, cause %s\n%s",
                  seed, p.path(), e.getCause(), text)
              .isNotBlank();
        }
      } catch (Throwable t) {
        throw new AssertionError(
            "seed " + seed + ": " + t.getClass().getName() + " instead of a SpecException\n" + text,
            t);
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    assertThat(rejected).isGreaterThan(MUTATIONS / 2);
    assertThat(loaded).isPositive();
    assertThat(seconds).as("%d mutations took %.1f s", MUTATIONS, seconds).isLessThan(30);
  }

  /** One structural edit at a random place in the tree. */
  private static JsonNode mutate(JsonNode doc, Random random) {
    List<Slot> slots = new ArrayList<>();
    collect(doc, slots);
    if (slots.isEmpty()) {
      return doc;
    }
    Slot slot = slots.get(random.nextInt(slots.size()));
    JsonNode current = slot.get();
    switch (random.nextInt(8)) {
      case 0 -> slot.remove();
      case 1 -> slot.rename(WORDS.get(random.nextInt(WORDS.size())));
      case 2 -> slot.set(randomScalar(random));
      case 3 -> slot.set(randomText(doc, random));
      case 4 -> slot.set(randomExpr(random));
      case 5 -> slot.set(NODES.arrayNode().add(current == null ? NODES.nullNode() : current));
      case 6 -> slot.set(NODES.objectNode());
      default -> slot.duplicate();
    }
    return doc;
  }

  private static JsonNode randomScalar(Random random) {
    return switch (random.nextInt(6)) {
      case 0 -> NODES.nullNode();
      case 1 -> NODES.numberNode(random.nextInt(5) - 1);
      case 2 -> NODES.numberNode(Long.MAX_VALUE);
      case 3 -> NODES.booleanNode(random.nextBoolean());
      case 4 -> NODES.numberNode(1.5);
      default -> NODES.textNode(WORDS.get(random.nextInt(WORDS.size())));
    };
  }

  /** Some other text of the document, so references point at real but wrong names. */
  private static JsonNode randomText(JsonNode doc, Random random) {
    List<String> texts = new ArrayList<>();
    collectText(doc, texts);
    return texts.isEmpty()
        ? NODES.textNode("x")
        : NODES.textNode(texts.get(random.nextInt(texts.size())));
  }

  private static JsonNode randomExpr(Random random) {
    ObjectNode o = NODES.objectNode();
    String form = WORDS.get(random.nextInt(WORDS.size()));
    switch (random.nextInt(5)) {
      case 0 -> o.set(form, randomScalar(random));
      case 1 -> o.set(form, NODES.arrayNode().add(randomScalar(random)));
      case 2 -> o.set("param", NODES.numberNode(random.nextInt(4) - 1));
      case 3 -> {
        o.set("call", randomScalar(random));
        o.set("args", NODES.arrayNode().add(NODES.objectNode().put("col", "nope")));
      }
      default -> {
        o.set("eq", NODES.arrayNode().add(randomScalar(random)));
        o.set("lit", randomScalar(random));
      }
    }
    return o;
  }

  private static String damageText(String text, Random random) {
    StringBuilder s = new StringBuilder(text);
    int edits = 1 + random.nextInt(4);
    for (int e = 0; e < edits && s.length() > 0; e++) {
      int at = random.nextInt(s.length());
      switch (random.nextInt(4)) {
        case 0 -> s.delete(at, Math.min(s.length(), at + 1 + random.nextInt(20)));
        case 1 -> s.insert(at, DAMAGE.get(random.nextInt(DAMAGE.size())));
        case 2 -> s.setLength(at);
        default -> s.setCharAt(at, DAMAGE.get(random.nextInt(DAMAGE.size())).charAt(0));
      }
    }
    return s.toString();
  }

  private static void collect(JsonNode node, List<Slot> out) {
    if (node instanceof ObjectNode o) {
      List<String> keys = new ArrayList<>();
      o.fieldNames().forEachRemaining(keys::add);
      for (String k : keys) {
        out.add(new Slot(o, k, -1));
        collect(o.get(k), out);
      }
    } else if (node instanceof ArrayNode a) {
      for (int i = 0; i < a.size(); i++) {
        out.add(new Slot(a, null, i));
        collect(a.get(i), out);
      }
    }
  }

  private static void collectText(JsonNode node, List<String> out) {
    if (node.isTextual()) {
      out.add(node.asText());
    }
    for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
      collectText(it.next(), out);
    }
  }

  /** A place in the tree: a field of an object or an element of an array. */
  private record Slot(JsonNode parent, String key, int index) {
    JsonNode get() {
      return key != null ? parent.get(key) : parent.get(index);
    }

    void set(JsonNode value) {
      if (key != null) {
        ((ObjectNode) parent).set(key, value);
      } else {
        ((ArrayNode) parent).set(index, value);
      }
    }

    void remove() {
      if (key != null) {
        ((ObjectNode) parent).remove(key);
      } else {
        ((ArrayNode) parent).remove(index);
      }
    }

    void rename(String newKey) {
      if (key == null) {
        ((ArrayNode) parent).set(index, NODES.objectNode().set(newKey, get()));
        return;
      }
      ObjectNode o = (ObjectNode) parent;
      JsonNode value = o.remove(key);
      o.set(newKey, value);
    }

    void duplicate() {
      if (key == null) {
        ((ArrayNode) parent).insert(index, get().deepCopy());
      } else {
        ((ObjectNode) parent).set(key + "_copy", get().deepCopy());
      }
    }
  }

  /** A small spec that uses parameters, an inferred join and a UNION, to fuzz those paths too. */
  static final class ParameterFixture {
    static final String YAML =
        """
        name: fuzz
        version: 1
        parameters:
          - {position: 1, type: STRING, name: prefix}
          - {position: 2, type: INT}
        inputs:
          - name: files
            columns:
              - {name: file_id, type: STRING, nullable: false, semantic: FileId}
              - {name: path, type: STRING}
          - name: defs
            columns:
              - {name: def_id, type: STRING, nullable: false, semantic: DefId}
              - {name: file_id, type: STRING, nullable: false, semantic: FileId}
              - {name: n, type: INT}
        views:
          - name: joined
            kind: JOIN
            left: defs
            right: files
            select:
              - {name: def_id, expr: {col: left.def_id}}
              - {name: label, expr: {call: concat, args: [{param: 1}, {col: right.path}]}}
              - {name: n, expr: {col: left.n}}
          - name: big
            kind: FILTER
            input: joined
            where: {gt: [{col: n}, {param: 2}]}
          - {name: both, kind: UNION, inputs: [joined, big]}
          - name: counted
            kind: AGGREGATE
            input: both
            group_by: [def_id]
            aggregates: [{name: c, function: count}]
        outputs:
          - {name: out, view: counted}
        """;
  }
}
