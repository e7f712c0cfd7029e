package io.codeanatomy.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/**
 * The checked-in {@code spec.schema.json} is what {@link SpecSchema} generates from the model.
 * After changing the model, regenerate it with {@code -Dschema.update=true}.
 */
class SpecSchemaTest {
  private static final Path FILE = Paths.get("src/main/resources", SpecSchema.RESOURCE);

  @Test
  void checkedInSchema_equalsTheGeneratedOne() throws IOException {
    String generated = SpecSchema.generate();
    if (Boolean.getBoolean("schema.update")) {
      Files.writeString(FILE, generated, StandardCharsets.UTF_8);
    }
    assertThat(Files.readString(FILE, StandardCharsets.UTF_8))
        .as("%s is stale; regenerate with -Dschema.update=true", FILE)
        .isEqualTo(generated);
  }

  @Test
  void schemaDescribesTheModel() throws IOException {
    JsonNode schema = new ObjectMapper().readTree(SpecSchema.generate());
    JsonNode defs = schema.get("$defs");
    assertThat(defs.get("Spec").get("required"))
        .extracting(JsonNode::asText)
        .containsExactlyInAnyOrder("name", "version");
    assertThat(defs.get("InputSpec").get("properties").has("primary_key")).isTrue();
    assertThat(defs.get("JoinView").get("properties").get("kind").get("const").asText())
        .isEqualTo("JOIN");
    assertThat(defs.get("JoinView").get("required"))
        .extracting(JsonNode::asText)
        .contains("left", "right", "select")
        .doesNotContain("on", "type");
    assertThat(defs.get("ColumnSpec").get("properties").get("semantic").get("enum"))
        .extracting(JsonNode::asText)
        .contains("FileId", "ByteStart");
    assertThat(defs.get("ViewSpec").get("oneOf")).hasSize(14);
    assertThat(defs.get("UdtfView").get("required"))
        .extracting(JsonNode::asText)
        .contains("input", "function", "columns")
        .doesNotContain("args", "join");
    assertThat(defs.get("UdtfView").get("properties").get("join").get("enum"))
        .extracting(JsonNode::asText)
        .containsExactly("cross", "left");
    assertThat(defs.get("CdfView").get("properties").get("start_version").get("type").asText())
        .isEqualTo("integer");
    assertThat(defs.get("FileManifestView").get("required"))
        .extracting(JsonNode::asText)
        .containsExactly("kind", "name", "input");
    assertThat(defs.get("WindowCall").get("properties").has("default")).isTrue();
    assertThat(defs.get("WindowCall").get("properties").get("function").get("enum"))
        .extracting(JsonNode::asText)
        .contains("lead", "lag");
    assertThat(defs.get("DedupeView").get("required"))
        .extracting(JsonNode::asText)
        .contains("input", "key", "order_by");
    assertThat(defs.get("WindowFrame").get("properties").get("unit").get("enum"))
        .extracting(JsonNode::asText)
        .containsExactly("rows", "range");
    assertThat(defs.get("Expr").toString()).contains("\"param\"");
  }
}
