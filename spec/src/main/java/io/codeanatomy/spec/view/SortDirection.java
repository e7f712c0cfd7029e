package io.codeanatomy.spec.view;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Ascending or descending; written in lower case. */
public enum SortDirection {
  @JsonProperty("asc")
  ASC,
  @JsonProperty("desc")
  DESC
}
