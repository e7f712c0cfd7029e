package io.codeanatomy.spec.view;

import static io.codeanatomy.spec.MissingFieldException.orEmpty;
import static io.codeanatomy.spec.MissingFieldException.require;

import java.util.List;

/** Reads an input; {@code columns}, when given, keeps only those columns in that order. */
public record SourceView(String name, String input, List<String> columns)
    implements SingleInputView {
  public SourceView {
    require(name, "name");
    require(input, "input");
    columns = orEmpty(columns);
  }

  @Override
  public ViewKind kind() {
    return ViewKind.SOURCE;
  }

  @Override
  public <R> R accept(ViewVisitor<R> visitor) {
    return visitor.visitSource(this);
  }
}
