package io.codeanatomy.spec.view;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The aggregate functions of an AGGREGATE view; written in lower case. */
public enum AggregateFunction {
  /** Rows (no {@code arg}) or non-null values of {@code arg}. */
  @JsonProperty("count")
  COUNT,
  @JsonProperty("count_distinct")
  COUNT_DISTINCT,
  @JsonProperty("sum")
  SUM,
  @JsonProperty("min")
  MIN,
  @JsonProperty("max")
  MAX,
  @JsonProperty("avg")
  AVG,
  @JsonProperty("first_value")
  FIRST_VALUE,
  @JsonProperty("last_value")
  LAST_VALUE,
  @JsonProperty("array_agg")
  ARRAY_AGG;

  /** Whether the function may be written without {@code arg}. */
  public boolean argOptional() {
    return this == COUNT;
  }
}
