package io.codeanatomy.job.cli;

import io.codeanatomy.delta.DeltaException;
import io.codeanatomy.job.run.BuildException;
import java.io.PrintWriter;
import java.util.List;

/**
 * Turns a failure into what a person reads: the message of the deepest error in the cause chain
 * that was written for people (ours), else the innermost cause — one paragraph, no stack trace
 * unless asked for.
 */
final class ErrorReport {
  private static final List<Class<? extends Throwable>> USER_ERRORS =
      List.of(
          UsageException.class,
          BuildException.class,
          DeltaException.class,
          io.codeanatomy.spec.SpecException.class);

  private ErrorReport() {}

  static void print(Throwable failure, boolean verbose, PrintWriter err) {
    err.println("codeanatomy: " + message(failure));
    if (verbose) {
      failure.printStackTrace(err);
    }
    err.flush();
  }

  static String message(Throwable failure) {
    // The deepest error written for people is closest to the cause; wrappers only add context.
    String message = null;
    for (Throwable t = failure; t != null; t = t.getCause()) {
      for (Class<? extends Throwable> type : USER_ERRORS) {
        if (type.isInstance(t)) {
          message = t.getMessage();
        }
      }
    }
    if (message != null) {
      return message;
    }
    Throwable root = failure;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return "internal error: " + root;
  }
}
