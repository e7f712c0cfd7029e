package io.codeanatomy.spec.view;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a UDTF view joins each input row with the rows its table function emits for it. */
public enum LateralJoin {
  /** Input rows for which the function emits nothing are dropped. */
  @JsonProperty("cross")
  CROSS,
  /** Input rows for which the function emits nothing appear once, with NULL output columns. */
  @JsonProperty("left")
  LEFT
}
