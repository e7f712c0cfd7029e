package io.codeanatomy.spec.view;

import static io.codeanatomy.spec.MissingFieldException.require;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Emits one row per element of the ARRAY column {@code column} of {@code input}: every input column
 * plus {@code as} (the element). Rows whose array is empty or null are dropped unless {@code
 * keep_empty} is true (then they appear once with a NULL element).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UnnestView(
    String name,
    String input,
    String column,
    String as,
    @JsonProperty("keep_empty") Boolean keepEmpty)
    implements SingleInputView {
  public UnnestView {
    require(name, "name");
    require(input, "input");
    require(column, "column");
    require(as, "as");
    keepEmpty = keepEmpty != null && keepEmpty;
  }

  @Override
  public ViewKind kind() {
    return ViewKind.UNNEST;
  }

  @Override
  public <R> R accept(ViewVisitor<R> visitor) {
    return visitor.visitUnnest(this);
  }
}
