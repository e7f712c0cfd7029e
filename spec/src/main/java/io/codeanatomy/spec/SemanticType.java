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
  NAME
}
