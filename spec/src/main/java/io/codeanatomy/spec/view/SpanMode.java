package io.codeanatomy.spec.view;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How the byte spans of a SPAN_JOIN must relate; written in lower case. */
public enum SpanMode {
  /** The right span lies within the left one: {@code l.start <= r.start AND r.end <= l.end}. */
  @JsonProperty("contain")
  CONTAIN,
  /** The half-open spans share a byte: {@code l.start < r.end AND r.start < l.end}. */
  @JsonProperty("overlap")
  OVERLAP
}
