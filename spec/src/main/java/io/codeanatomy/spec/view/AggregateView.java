package io.codeanatomy.spec.view;

import static io.codeanatomy.spec.MissingFieldException.orEmpty;
import static io.codeanatomy.spec.MissingFieldException.require;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Groups {@code input} by the {@code group_by} columns (none: one global group) and computes {@code
 * aggregates}; the output columns are the group columns then the aggregates.
 */
public record AggregateView(
    String name,
    String input,
    @JsonProperty("group_by") List<String> groupBy,
    List<Aggregate> aggregates)
    implements SingleInputView {
  public AggregateView {
    require(name, "name");
    require(input, "input");
    groupBy = orEmpty(groupBy);
    aggregates = orEmpty(aggregates);
  }

  @Override
  public ViewKind kind() {
    return ViewKind.AGGREGATE;
  }

  @Override
  public <R> R accept(ViewVisitor<R> visitor) {
    return visitor.visitAggregate(this);
  }
}
