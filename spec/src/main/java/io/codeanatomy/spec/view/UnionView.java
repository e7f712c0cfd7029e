package io.codeanatomy.spec.view;

import static io.codeanatomy.spec.MissingFieldException.require;

import java.util.List;

/**
 * Unions {@code inputs} by column name: columns are the first input's, then any new names in input
 * order; an input lacking a column contributes NULL of that column's type. {@code distinct}
 * (default false) removes duplicate rows.
 */
public record UnionView(String name, List<String> inputs, Boolean distinct) implements ViewSpec {
  public UnionView {
    require(name, "name");
    inputs = List.copyOf(require(inputs, "inputs"));
    distinct = distinct != null && distinct;
  }

  @Override
  public List<String> dependencies() {
    return inputs;
  }

  @Override
  public List<String> dependencyFields() {
    return java.util.stream.IntStream.range(0, inputs.size())
        .mapToObj(i -> "inputs[" + i + "]")
        .toList();
  }

  @Override
  public ViewKind kind() {
    return ViewKind.UNION;
  }

  @Override
  public <R> R accept(ViewVisitor<R> visitor) {
    return visitor.visitUnion(this);
  }
}
