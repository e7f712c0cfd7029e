package io.codeanatomy.spec.view;

import static io.codeanatomy.spec.MissingFieldException.require;

/** One equi-join pair: a column of the left side equal to a column of the right side. */
public record JoinKey(String left, String right) {
  public JoinKey {
    require(left, "left");
    require(right, "right");
  }
}
