package io.codeanatomy.spec.view;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether a window frame counts rows or ordering values; written in lower case. */
public enum FrameUnit {
  @JsonProperty("rows")
  ROWS,
  @JsonProperty("range")
  RANGE
}
