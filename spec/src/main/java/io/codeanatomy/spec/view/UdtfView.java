package io.codeanatomy.spec.view;

import static io.codeanatomy.spec.MissingFieldException.orEmpty;
import static io.codeanatomy.spec.MissingFieldException.require;

import io.codeanatomy.spec.ColumnSpec;
import io.codeanatomy.spec.expr.Expr;
import java.util.List;

/**
 * Applies the registered table function {@code function} to {@code args}, evaluated on each row of
 * {@code input}, as a lateral join ({@code join}: {@link LateralJoin#CROSS}, the default, or {@link
 * LateralJoin#LEFT}). The output is every input column plus {@code columns}: the function's output
 * fields, renamed in order and declared with their types, which the compiler checks against the
 * function's.
 */
public record UdtfView(
    String name,
    String input,
    String function,
    List<Expr> args,
    LateralJoin join,
    List<ColumnSpec> columns)
    implements SingleInputView {
  public UdtfView {
    require(name, "name");
    require(input, "input");
    require(function, "function");
    args = orEmpty(args);
    join = join == null ? LateralJoin.CROSS : join;
    columns = orEmpty(require(columns, "columns"));
  }

  @Override
  public ViewKind kind() {
    return ViewKind.UDTF;
  }

  @Override
  public <R> R accept(ViewVisitor<R> visitor) {
    return visitor.visitUdtf(this);
  }
}
