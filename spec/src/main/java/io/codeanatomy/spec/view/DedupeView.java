package io.codeanatomy.spec.view;

import static io.codeanatomy.spec.MissingFieldException.orEmpty;
import static io.codeanatomy.spec.MissingFieldException.require;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Keeps the first row of {@code input} for each distinct {@code key}, first by {@code order_by};
 * the output has the input's columns. Rows equal in every {@code order_by} column are told apart by
 * the input's remaining orderable columns, ascending, so the row kept does not depend on arrival
 * order.
 */
public record DedupeView(
    String name, String input, List<String> key, @JsonProperty("order_by") List<SortKey> orderBy)
    implements SingleInputView {
  public DedupeView {
    require(name, "name");
    require(input, "input");
    key = orEmpty(require(key, "key"));
    orderBy = orEmpty(require(orderBy, "order_by"));
  }

  @Override
  public ViewKind kind() {
    return ViewKind.DEDUPE;
  }

  @Override
  public <R> R accept(ViewVisitor<R> visitor) {
    return visitor.visitDedupe(this);
  }
}
