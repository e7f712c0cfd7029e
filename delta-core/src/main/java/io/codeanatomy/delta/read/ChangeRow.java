package io.codeanatomy.delta.read;

/**
 * One row of a table's change feed.
 *
 * @param version the commit that made the change
 * @param changeType {@code insert}, {@code delete}, {@code update_preimage} or {@code
 *     update_postimage}
 * @param values the row's values in the table's column order
 */
public record ChangeRow(long version, String changeType, Object[] values) {
  public static final String INSERT = "insert";
  public static final String DELETE = "delete";
  public static final String UPDATE_PREIMAGE = "update_preimage";
  public static final String UPDATE_POSTIMAGE = "update_postimage";
}
