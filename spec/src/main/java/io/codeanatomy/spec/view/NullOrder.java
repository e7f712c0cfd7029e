package io.codeanatomy.spec.view;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where NULLs sort; written in lower case. */
public enum NullOrder {
  @JsonProperty("first")
  FIRST,
  @JsonProperty("last")
  LAST
}
