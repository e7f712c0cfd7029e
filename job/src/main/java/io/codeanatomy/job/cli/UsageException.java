package io.codeanatomy.job.cli;

/** The command line asks for something impossible (a missing path, say): exit code 2. */
public final class UsageException extends RuntimeException {
  public UsageException(String message) {
    super(message);
  }
}
