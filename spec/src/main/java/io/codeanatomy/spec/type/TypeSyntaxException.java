package io.codeanatomy.spec.type;

/** Type text that does not parse; the message says what was expected and where. */
public final class TypeSyntaxException extends IllegalArgumentException {
  public TypeSyntaxException(String message) {
    super(message);
  }
}
