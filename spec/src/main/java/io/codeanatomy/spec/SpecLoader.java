package io.codeanatomy.spec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.codeanatomy.spec.expr.ExprJson;
import io.codeanatomy.spec.view.ViewKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Reads specs from YAML ({@code .yaml}, {@code .yml}) or JSON ({@code .json}) strictly: unknown
 * fields, missing required fields, wrong value types and duplicate keys are errors. Every error is
 * a {@link SpecException} with the path of the offending field. {@code load*} also validates;
 * {@code read*} only parses (for tools that want the raw model).
 */
public final class SpecLoader {

  /** The two accepted document formats. */
  public enum Format {
    YAML,
    JSON;

    /** The format implied by a file name's extension. */
    public static Format of(String fileName) {
      String lower = fileName.toLowerCase(Locale.ROOT);
      if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
        return YAML;
      }
      if (lower.endsWith(".json")) {
        return JSON;
      }
      throw new SpecException(
          "", "cannot tell the format of '" + fileName + "'; name it *.yaml, *.yml or *.json");
    }
  }

  private static final ObjectMapper YAML = configure(YAMLMapper.builder(new YAMLFactory()));
  private static final ObjectMapper JSON = configure(JsonMapper.builder(new JsonFactory()));

  private SpecLoader() {}

  private static ObjectMapper configure(
      com.fasterxml.jackson.databind.cfg.MapperBuilder<?, ?> builder) {
    return builder
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        // "version: '1'" is a mistake worth reporting, not something to coerce silently.
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .build();
  }

  /** Reads and validates a spec file; the format follows the extension. */
  public static Spec load(Path path) {
    Spec spec = read(path);
    try {
      SpecValidator.validate(spec);
    } catch (SpecException e) {
      throw e.withSource(path.toString());
    }
    return spec;
  }

  /** Reads and validates a spec from the class path, e.g. {@code specs/python-cpg.yaml}. */
  public static Spec loadResource(String resource) {
    Spec spec = readResource(resource);
    try {
      SpecValidator.validate(spec);
    } catch (SpecException e) {
      throw e.withSource(resource);
    }
    return spec;
  }

  /** Reads a spec file without validating references and columns. */
  public static Spec read(Path path) {
    Format format = Format.of(path.getFileName().toString());
    String text;
    try {
      text = Files.readString(path, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new SpecException("", "spec file not found: " + path).withSource(path.toString());
    } catch (IOException e) {
      throw new SpecException("", "cannot read the spec file: " + e.getMessage(), e)
          .withSource(path.toString());
    }
    return parse(text, format, path.toString());
  }

  /** Reads a class-path spec without validating references and columns. */
  public static Spec readResource(String resource) {
    ClassLoader loader = SpecLoader.class.getClassLoader();
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new SpecException("", "no spec resource '" + resource + "' on the class path")
            .withSource(resource);
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return parse(text, Format.of(resource), resource);
    } catch (IOException e) {
      throw new SpecException("", "cannot read the spec resource: " + e.getMessage(), e)
          .withSource(resource);
    }
  }

  /** Parses spec text; {@code source} names it in error messages (may be null). */
  public static Spec parse(String text, Format format, String source) {
    ObjectMapper mapper = format == Format.YAML ? YAML : JSON;
    JsonNode tree = null;
    try {
      // Tree first: syntax errors keep their line numbers, and the tree explains missing fields.
      tree = mapper.readTree(text);
      if (tree == null || tree.isMissingNode() || tree.isNull()) {
        throw new SpecException("", "the spec document is empty");
      }
      if (!tree.isObject()) {
        throw new SpecException(
            "",
            "the spec document must be a mapping with name, version, inputs, views and outputs,"
                + " not a "
                + tree.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
      }
      return mapper.treeToValue(tree, Spec.class);
    } catch (JsonMappingException e) {
      SpecException se = translate(e, tree);
      throw source == null ? se : se.withSource(source);
    } catch (JsonProcessingException e) {
      String where =
          e.getLocation() == null
              ? ""
              : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
      SpecException se =
          new SpecException(
              "", "malformed " + format + " at " + where + ": " + e.getOriginalMessage(), e);
      throw source == null ? se : se.withSource(source);
    }
  }

  /** The mapper for a format, configured as strictly as the loader reads. */
  static ObjectMapper mapper(Format format) {
    return format == Format.YAML ? YAML : JSON;
  }

  private static SpecException translate(JsonMappingException e, JsonNode tree) {
    String path = path(e.getPath());
    if (e instanceof ExprJson.PathedMappingException pe) {
      return new SpecException(join(path, pe.relativePath()), pe.getOriginalMessage(), e);
    }
    if (e instanceof UnrecognizedPropertyException u) {
      List<String> known = u.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
      String name = u.getPropertyName();
      if (name.equals("kind") && known.isEmpty()) {
        return new SpecException(path, "field 'kind' is not allowed here", e);
      }
      return new SpecException(
          path,
          "unknown field '"
              + name
              + "'"
              + DidYouMean.hint(name, known)
              + (known.isEmpty() ? "" : " Allowed here: " + String.join(", ", known)),
          e);
    }
    if (e instanceof InvalidTypeIdException t) {
      String kinds =
          Arrays.stream(ViewKind.values()).map(Enum::name).collect(Collectors.joining(", "));
      String id = t.getTypeId();
      if (id == null) {
        return new SpecException(
            join(path, "kind"), "missing required field 'kind'; use one of " + kinds, e);
      }
      return new SpecException(
          join(path, "kind"),
          "unknown view kind '"
              + id
              + "'"
              + DidYouMean.hint(id, Arrays.stream(ViewKind.values()).map(Enum::name).toList())
              + " Kinds: "
              + kinds,
          e);
    }
    if (e instanceof InvalidFormatException f
        && f.getTargetType() != null
        && f.getTargetType().isEnum()) {
      List<String> accepted = jsonNames(f.getTargetType());
      String value = String.valueOf(f.getValue());
      return new SpecException(
          path,
          "invalid value '"
              + value
              + "'"
              + DidYouMean.hint(value, accepted)
              + " Use one of: "
              + String.join(", ", accepted),
          e);
    }
    if (e instanceof ValueInstantiationException v) {
      Throwable cause = v.getCause();
      if (cause instanceof MissingFieldException m) {
        return new SpecException(
            join(path, m.field()), m.getMessage() + misspelling(tree, e.getPath(), m.field()), e);
      }
      if (cause instanceof NullPointerException) {
        // A list with an empty entry ("- " on its own line) reaches List.copyOf as a null.
        String at = nullEntry(tree, e.getPath());
        return new SpecException(
            at == null ? path : join(path, at),
            "empty list entry; remove the lone '-' or give the entry a value",
            e);
      }
      String message = cause == null ? v.getOriginalMessage() : cause.getMessage();
      return new SpecException(path, message == null ? String.valueOf(cause) : message, e);
    }
    if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
      return new SpecException(
          path, "expected " + describe(m.getTargetType()) + " here; " + firstLine(m), e);
    }
    return new SpecException(path, firstLine(e), e);
  }

  /**
   * Jackson builds a record before it reports unknown fields, so a misspelt required field shows up
   * as missing; point at the misspelling in the same object.
   */
  private static String misspelling(
      JsonNode tree, List<JsonMappingException.Reference> refs, String field) {
    JsonNode node = tree;
    for (JsonMappingException.Reference r : refs) {
      if (node == null) {
        return "";
      }
      node = r.getFieldName() != null ? node.get(r.getFieldName()) : node.get(r.getIndex());
    }
    if (node == null || !node.isObject()) {
      return "";
    }
    List<String> keys = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(keys::add);
    return keys.stream()
        .filter(k -> !k.equals(field) && DidYouMean.closest(field, List.of(k)).isPresent())
        .findFirst()
        .map(k -> "; found unknown field '" + k + "', did you mean '" + field + "'?")
        .orElse("");
  }

  /** The path (below {@code refs}) of the first null element of a list field, or null. */
  private static String nullEntry(JsonNode tree, List<JsonMappingException.Reference> refs) {
    JsonNode node = tree;
    for (JsonMappingException.Reference r : refs) {
      if (node == null) {
        return null;
      }
      node = r.getFieldName() != null ? node.get(r.getFieldName()) : node.get(r.getIndex());
    }
    if (node == null || !node.isObject()) {
      return null;
    }
    for (var it = node.fields(); it.hasNext(); ) {
      var field = it.next();
      JsonNode value = field.getValue();
      for (int i = 0; value.isArray() && i < value.size(); i++) {
        if (value.get(i).isNull()) {
          return field.getKey() + "[" + i + "]";
        }
      }
    }
    return null;
  }

  private static String firstLine(JsonMappingException e) {
    String msg = e.getOriginalMessage();
    int nl = msg.indexOf('\n');
    return nl < 0 ? msg : msg.substring(0, nl);
  }

  private static String describe(Class<?> type) {
    if (Collection.class.isAssignableFrom(type)) {
      return "a list";
    }
    if (type == String.class) {
      return "text";
    }
    if (type == Integer.class || type == int.class || type == Long.class) {
      return "an integer";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type.isEnum()) {
      return "one of " + String.join(", ", jsonNames(type));
    }
    return "an object (" + type.getSimpleName() + ")";
  }

  private static List<String> jsonNames(Class<?> enumType) {
    return Arrays.stream(enumType.getFields())
        .filter(java.lang.reflect.Field::isEnumConstant)
        .map(
            f -> {
              com.fasterxml.jackson.annotation.JsonProperty p =
                  f.getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
              return p != null ? p.value() : f.getName();
            })
        .toList();
  }

  /** Renders Jackson's reference chain as {@code views[3].on[0].left}. */
  static String path(List<JsonMappingException.Reference> refs) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : refs) {
      if (r.getFieldName() != null) {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  private static String join(String path, String step) {
    if (step.isEmpty()) {
      return path;
    }
    return path.isEmpty() ? step : path + "." + step;
  }
}
