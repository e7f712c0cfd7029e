package io.codeanatomy.spec.view;

import static io.codeanatomy.spec.MissingFieldException.require;

import java.util.List;

/** Computes {@code select} over each row of {@code input}; the output has exactly those columns. */
public record ProjectView(String name, String input, List<NamedExpr> select)
    implements SingleInputView {
  public ProjectView {
    require(name, "name");
    require(input, "input");
    select = List.copyOf(require(select, "select"));
  }

  @Override
  public ViewKind kind() {
    return ViewKind.PROJECT;
  }

  @Override
  public <R> R accept(ViewVisitor<R> visitor) {
    return visitor.visitProject(this);
  }
}
