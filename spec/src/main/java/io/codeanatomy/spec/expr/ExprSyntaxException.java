package io.codeanatomy.spec.expr;

/**
 * An expression that does not have one of the known shapes. {@code relativePath} leads from the
 * expression's root to the offending node (empty for the root itself); the loader prefixes the
 * document path.
 */
public final class ExprSyntaxException extends RuntimeException {
  private final String relativePath;

  public ExprSyntaxException(String relativePath, String message) {
    super(message);
    this.relativePath = relativePath;
  }

  public String relativePath() {
    return relativePath;
  }
}
