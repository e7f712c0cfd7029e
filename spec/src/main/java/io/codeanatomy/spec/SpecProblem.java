package io.codeanatomy.spec;

/**
 * One thing wrong with a spec: {@code path} locates it ({@code views[3].on[0].left}, empty for the
 * document itself) and {@code message} says what is wrong and what to do.
 */
public record SpecProblem(String path, String message) {
  @Override
  public String toString() {
    return path.isEmpty() ? message : path + ": " + message;
  }
}
