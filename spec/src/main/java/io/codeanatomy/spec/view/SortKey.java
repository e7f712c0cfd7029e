package io.codeanatomy.spec.view;

import static io.codeanatomy.spec.MissingFieldException.require;

/**
 * One ordering column of a DEDUPE or WINDOW view. {@code direction} defaults to {@code asc} and
 * {@code nulls} to {@code last}: spelt out here rather than left to the engine, whose default
 * placement of NULLs depends on the direction.
 */
public record SortKey(String column, SortDirection direction, NullOrder nulls) {
  public SortKey {
    require(column, "column");
    direction = direction == null ? SortDirection.ASC : direction;
    nulls = nulls == null ? NullOrder.LAST : nulls;
  }
}
