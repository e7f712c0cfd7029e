package io.codeanatomy.extract;

/**
 * A repository could not be extracted at all (missing root, unreadable directory tree). Problems of
 * single files are not exceptions: they become {@code parse_errors} rows.
 */
public final class ExtractionException extends RuntimeException {
  public ExtractionException(String message, Throwable cause) {
    super(message, cause);
  }
}
