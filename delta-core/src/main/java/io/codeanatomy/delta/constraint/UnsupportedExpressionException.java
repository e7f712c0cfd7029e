package io.codeanatomy.delta.constraint;

/**
 * A constraint expression this module cannot parse or evaluate exactly as Spark would; the message
 * names the construct. Callers turn it into a {@code DeltaException} naming table and constraint.
 */
public final class UnsupportedExpressionException extends RuntimeException {
  public UnsupportedExpressionException(String message) {
    super(message);
  }
}
