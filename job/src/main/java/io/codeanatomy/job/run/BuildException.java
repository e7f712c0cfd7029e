package io.codeanatomy.job.run;

/** A build cannot start or finish; the message names the input at fault and what to do. */
public final class BuildException extends RuntimeException {
  public BuildException(String message) {
    super(message);
  }

  public BuildException(String message, Throwable cause) {
    super(message, cause);
  }
}
