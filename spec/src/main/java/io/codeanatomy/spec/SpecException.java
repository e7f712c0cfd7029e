package io.codeanatomy.spec;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The one error type of the spec module (and of compiling a spec): every problem found, each with
 * the path into the document where it is. Its message is meant for the person who wrote the spec,
 * so the CLI prints it as is.
 */
public final class SpecException extends RuntimeException {
  private final String source;
  private final List<SpecProblem> problems;

  public SpecException(String path, String message) {
    this(null, List.of(new SpecProblem(path, message)), null);
  }

  public SpecException(String path, String message, Throwable cause) {
    this(null, List.of(new SpecProblem(path, message)), cause);
  }

  public SpecException(List<SpecProblem> problems) {
    this(null, problems, null);
  }

  private SpecException(String source, List<SpecProblem> problems, Throwable cause) {
    super(render(source, problems), cause);
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a SpecException needs at least one problem");
    }
    this.source = source;
    this.problems = List.copyOf(problems);
  }

  /** The same problems, attributed to a file or resource. */
  public SpecException withSource(String newSource) {
    SpecException e = new SpecException(newSource, problems, getCause());
    e.setStackTrace(getStackTrace());
    return e;
  }

  /** The first problem's path. */
  public String path() {
    return problems.get(0).path();
  }

  public List<SpecProblem> problems() {
    return problems;
  }

  /** The file or resource the spec came from, or null. */
  public String source() {
    return source;
  }

  private static String render(String source, List<SpecProblem> problems) {
    String prefix = source == null ? "" : source + ": ";
    if (problems.size() == 1) {
      return prefix + problems.get(0);
    }
    return prefix
        + problems.size()
        + " problems in the spec:"
        + problems.stream().map(p -> "\n  " + p).collect(Collectors.joining());
  }
}
