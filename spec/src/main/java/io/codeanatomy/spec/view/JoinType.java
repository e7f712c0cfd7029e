package io.codeanatomy.spec.view;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Which unmatched rows a JOIN keeps; written in lower case. */
public enum JoinType {
  @JsonProperty("inner")
  INNER,
  @JsonProperty("left")
  LEFT,
  @JsonProperty("right")
  RIGHT,
  @JsonProperty("full")
  FULL
}
