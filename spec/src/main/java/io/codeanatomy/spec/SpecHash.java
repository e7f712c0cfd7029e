package io.codeanatomy.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.codeanatomy.spec.type.TypeSpec;
import io.codeanatomy.spec.type.TypeSyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

/**
 * The spec's identity: a canonical JSON form of the model (defaults filled in, object keys sorted,
 * type text normalised, struct and map entries kept in order) and its SHA-256. The same spec
 * written as YAML or JSON, with keys in any order or with defaults spelt out, has the same hash;
 * plan bundles and run records carry it.
 */
public final class SpecHash {
  private static final ObjectMapper MAPPER = SpecLoader.mapper(SpecLoader.Format.JSON);

  private SpecHash() {}

  /** The canonical JSON text of {@code spec}. */
  public static String canonicalJson(Spec spec) {
    JsonNode tree = canonical(MAPPER.valueToTree(spec), null);
    try {
      return MAPPER.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  /** Lower-case hex SHA-256 of {@link #canonicalJson}. */
  public static String sha256(Spec spec) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(canonicalJson(spec).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  private static JsonNode canonical(JsonNode node, String fieldName) {
    if (node.isObject()) {
      List<String> keys = new ArrayList<>();
      node.fieldNames().forEachRemaining(keys::add);
      Collections.sort(keys);
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      for (String k : keys) {
        out.set(k, canonical(node.get(k), k));
      }
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      node.forEach(n -> out.add(canonical(n, null)));
      return out;
    }
    if ("type".equals(fieldName) && node.isTextual()) {
      // Type text is free-form ("array<string>", "ARRAY< STRING >"); hash what it means. Join
      // types ("inner") share the key but do not parse, and stay as written.
      try {
        return JsonNodeFactory.instance.textNode(TypeSpec.parse(node.asText()).render());
      } catch (TypeSyntaxException e) {
        return node;
      }
    }
    return node;
  }
}
