package io.codeanatomy.extract.parse;

import java.util.List;

/**
 * The outcome of parsing one file: a tree when tree-sitter found no ERROR or MISSING node,
 * otherwise the problems (and no tree, because CPython would not compile such a file either).
 */
public record ParsedSource(SyntaxTree tree, List<SyntaxProblem> problems) {
  public ParsedSource {
    problems = List.copyOf(problems);
  }

  public boolean ok() {
    return tree != null;
  }
}
