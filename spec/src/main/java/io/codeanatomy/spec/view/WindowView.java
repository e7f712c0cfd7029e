package io.codeanatomy.spec.view;

import static io.codeanatomy.spec.MissingFieldException.orEmpty;
import static io.codeanatomy.spec.MissingFieldException.require;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * OVER aggregation: every row of {@code input} plus one column per entry of {@code functions}, each
 * computed over the rows of the same {@code partition_by} values, ordered by {@code order_by},
 * within {@code frame} (default {@link WindowFrame#RUNNING}). All functions share the one window.
 */
public record WindowView(
    String name,
    String input,
    @JsonProperty("partition_by") List<String> partitionBy,
    @JsonProperty("order_by") List<SortKey> orderBy,
    WindowFrame frame,
    List<WindowCall> functions)
    implements SingleInputView {
  public WindowView {
    require(name, "name");
    require(input, "input");
    partitionBy = orEmpty(partitionBy);
    orderBy = orEmpty(require(orderBy, "order_by"));
    frame = frame == null ? WindowFrame.RUNNING : frame;
    functions = orEmpty(require(functions, "functions"));
  }

  @Override
  public ViewKind kind() {
    return ViewKind.WINDOW;
  }

  @Override
  public <R> R accept(ViewVisitor<R> visitor) {
    return visitor.visitWindow(this);
  }
}
