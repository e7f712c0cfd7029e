package io.codeanatomy.delta;

/**
 * The one error type of delta-core. Its message names the table (and version, where one is
 * involved), says what went wrong and what to do; callers print it as it is.
 */
public class DeltaException extends RuntimeException {
  private final String tablePath;

  public DeltaException(String tablePath, String message) {
    super(message + " (table " + tablePath + ")");
    this.tablePath = tablePath;
  }

  public DeltaException(String tablePath, String message, Throwable cause) {
    super(message + " (table " + tablePath + ")", cause);
    this.tablePath = tablePath;
  }

  /** The table the error is about. */
  public String tablePath() {
    return tablePath;
  }
}
