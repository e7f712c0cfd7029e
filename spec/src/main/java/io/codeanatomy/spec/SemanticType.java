package io.codeanatomy.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a column means beyond its storage type. Lets tools (join-key inference, linting, the
 * catalog) tell a {@code file_id} from any other string. The JSON names are the ones of the data
 * model.
 */
public enum SemanticType {
  @JsonProperty("FileId")
  FILE_ID,
  @JsonProperty("NodeId")
  NODE_ID,
  @JsonProperty("ScopeId")
  SCOPE_ID,
  @JsonProperty("DefId")
  DEF_ID,
  @JsonProperty("CallId")
  CALL_ID,
  @JsonProperty("ImportId")
  IMPORT_ID,
  @JsonProperty("EdgeId")
  EDGE_ID,
  @JsonProperty("QualifiedName")
  QUALIFIED_NAME,
  @JsonProperty("ModuleName")
  MODULE_NAME,
  @JsonProperty("Path")
  PATH,
  @JsonProperty("ByteStart")
  BYTE_START,
  @JsonProperty("ByteEnd")
  BYTE_END,
  @JsonProperty("Name")
  NAME;

  /**
   * Whether equal values mean the same entity, so two columns of this type are a natural join key
   * (ids, qualified names, paths); byte offsets and plain names are not.
   */
  public boolean identifies() {
    return this != BYTE_START && this != BYTE_END && this != NAME;
  }

  /** The name a spec writes, e.g. {@code FileId}. */
  public String specName() {
    try {
      return SemanticType.class.getField(name()).getAnnotation(JsonProperty.class).value();
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException(e);
    }
  }
}
