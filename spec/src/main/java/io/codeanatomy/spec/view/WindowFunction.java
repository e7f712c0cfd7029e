package io.codeanatomy.spec.view;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The functions of a WINDOW view; written in lower case. */
public enum WindowFunction {
  /** 1, 2, 3... in order within the partition; ties get distinct numbers. */
  @JsonProperty("row_number")
  ROW_NUMBER,
  /** Ties share a rank and leave gaps (1, 1, 3). */
  @JsonProperty("rank")
  RANK,
  /** Ties share a rank without gaps (1, 1, 2). */
  @JsonProperty("dense_rank")
  DENSE_RANK,
  /** Rows in the frame (no {@code arg}) or non-null values of {@code arg}. */
  @JsonProperty("count")
  COUNT,
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
  /**
   * {@code arg} of the row {@code offset} rows after this one in the partition, else the default.
   */
  @JsonProperty("lead")
  LEAD,
  /**
   * {@code arg} of the row {@code offset} rows before this one in the partition, else the default.
   */
  @JsonProperty("lag")
  LAG;

  /** Whether the function numbers rows by their order and so takes no argument and no frame. */
  public boolean ranking() {
    return this == ROW_NUMBER || this == RANK || this == DENSE_RANK;
  }

  /** Whether the function reads another row by its distance from this one, not a frame. */
  public boolean offsetting() {
    return this == LEAD || this == LAG;
  }

  /** Whether the function may be written without {@code arg}. */
  public boolean argOptional() {
    return ranking() || this == COUNT;
  }
}
