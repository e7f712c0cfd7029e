package io.codeanatomy.spec;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.codeanatomy.spec.expr.ColumnRef;
import io.codeanatomy.spec.expr.Expr;
import io.codeanatomy.spec.expr.ExprJson;
import io.codeanatomy.spec.view.ViewSpec;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Generates the JSON Schema (draft 2020-12) of the spec format from the model: one definition per
 * record, its fields from the record components (JSON names from {@code @JsonProperty}), required
 * fields found by building the record without each one, enums with their JSON names, views as a
 * {@code oneOf} keyed by {@code kind}, and expressions by their form keys. Editors use the file
 * checked in as {@code spec.schema.json}; a test keeps it equal to what this generates.
 */
public final class SpecSchema {
  /** Where the generated schema is checked in (class path resource). */
  public static final String RESOURCE = "spec.schema.json";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private final Map<String, ObjectNode> defs = new TreeMap<>();

  private SpecSchema() {}

  /** The schema as pretty-printed JSON text, ending with a newline. */
  public static String generate() {
    SpecSchema g = new SpecSchema();
    ObjectNode root = NODES.objectNode();
    root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    root.put("$id", "https://codeanatomy.io/schemas/spec.schema.json");
    root.put("title", "CodeAnatomy semantic spec");
    root.put("$ref", "#/$defs/" + g.define(Spec.class));
    ObjectNode defsNode = root.putObject("$defs");
    g.defs.forEach(defsNode::set);
    try {
      return MAPPER.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  private String define(Class<?> type) {
    String name = type.getSimpleName();
    if (defs.containsKey(name)) {
      return name;
    }
    defs.put(name, NODES.objectNode()); // placeholder against recursion
    ObjectNode def;
    if (type == Expr.class) {
      def = exprSchema();
    } else if (type == ViewSpec.class) {
      def = viewSchema();
    } else if (type.isRecord()) {
      def = recordSchema(type, null);
    } else {
      throw new IllegalArgumentException("no schema for " + type);
    }
    defs.put(name, def);
    return name;
  }

  private ObjectNode recordSchema(Class<?> type, String kind) {
    ObjectNode def = NODES.objectNode();
    def.put("type", "object");
    ObjectNode props = def.putObject("properties");
    ArrayNode required = NODES.arrayNode();
    if (kind != null) {
      props.putObject("kind").put("const", kind);
      required.add("kind");
    }
    RecordComponent[] components = type.getRecordComponents();
    for (int i = 0; i < components.length; i++) {
      RecordComponent c = components[i];
      String json = jsonName(c);
      props.set(json, schemaOf(c.getGenericType()));
      if (isRequired(type, i)) {
        required.add(json);
      }
    }
    if (!required.isEmpty()) {
      def.set("required", required);
    }
    def.put("additionalProperties", false);
    return def;
  }

  private ObjectNode viewSchema() {
    ObjectNode def = NODES.objectNode();
    ArrayNode oneOf = def.putArray("oneOf");
    for (JsonSubTypes.Type sub : ViewSpec.class.getAnnotation(JsonSubTypes.class).value()) {
      String name = sub.value().getSimpleName();
      defs.put(name, recordSchema(sub.value(), sub.name()));
      oneOf.addObject().put("$ref", "#/$defs/" + name);
    }
    return def;
  }

  private static ObjectNode exprSchema() {
    ObjectNode def = NODES.objectNode();
    def.put(
        "description",
        "An expression: a bare scalar literal, or an object with one form key, e.g. {col: x},"
            + " {lit: 1, type: INT}, {call: f, args: [...]}, {eq: [a, b]}, {param: 1}.");
    ArrayNode anyOf = def.putArray("anyOf");
    ArrayNode scalar = anyOf.addObject().putArray("type");
    scalar.add("string").add("number").add("boolean");
    ObjectNode form = anyOf.addObject();
    form.put("type", "object");
    form.put("minProperties", 1);
    ArrayNode keys = form.putObject("propertyNames").putArray("enum");
    ExprJson.FORMS.forEach(keys::add);
    keys.add("type").add("args");
    return def;
  }

  private ObjectNode schemaOf(Type type) {
    ObjectNode s = NODES.objectNode();
    if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
      s.put("type", "array");
      s.set("items", schemaOf(p.getActualTypeArguments()[0]));
      return s;
    }
    Class<?> c = (Class<?>) type;
    if (c == String.class) {
      s.put("type", "string");
    } else if (c == Integer.class || c == int.class || c == Long.class) {
      s.put("type", "integer");
    } else if (c == Boolean.class || c == boolean.class) {
      s.put("type", "boolean");
    } else if (c.isEnum()) {
      ArrayNode values = s.putArray("enum");
      for (Object constant : c.getEnumConstants()) {
        values.add(enumName((Enum<?>) constant));
      }
    } else {
      s.put("$ref", "#/$defs/" + define(c));
    }
    return s;
  }

  private static String jsonName(RecordComponent c) {
    JsonProperty p = c.getAnnotation(JsonProperty.class);
    if (p == null) {
      p = c.getAccessor().getAnnotation(JsonProperty.class);
    }
    return p != null && !p.value().isEmpty() ? p.value() : c.getName();
  }

  private static String enumName(Enum<?> constant) {
    try {
      JsonProperty p =
          constant.getDeclaringClass().getField(constant.name()).getAnnotation(JsonProperty.class);
      return p != null ? p.value() : constant.name();
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether the record refuses to be built with component {@code index} left out (null). */
  private static boolean isRequired(Class<?> type, int index) {
    RecordComponent[] components = type.getRecordComponents();
    Object[] args = new Object[components.length];
    List<Class<?>> types = new ArrayList<>();
    for (int i = 0; i < components.length; i++) {
      types.add(components[i].getType());
      args[i] = i == index ? null : sample(components[i].getType());
    }
    try {
      Constructor<?> ctor = type.getDeclaredConstructor(types.toArray(Class<?>[]::new));
      ctor.newInstance(args);
      return false;
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof MissingFieldException) {
        return true;
      }
      throw new IllegalStateException("cannot probe " + type.getSimpleName(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot probe " + type.getSimpleName(), e);
    }
  }

  private static Object sample(Class<?> c) {
    if (c == String.class) {
      return "x";
    }
    if (c == Integer.class || c == int.class) {
      return 1;
    }
    if (c == Long.class || c == long.class) {
      return 1L;
    }
    if (c == Boolean.class || c == boolean.class) {
      return Boolean.TRUE;
    }
    if (c == List.class) {
      return List.of();
    }
    if (c.isEnum()) {
      return c.getEnumConstants()[0];
    }
    if (c == Expr.class) {
      return new ColumnRef("x");
    }
    return null;
  }
}
