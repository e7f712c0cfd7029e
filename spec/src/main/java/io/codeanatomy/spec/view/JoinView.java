package io.codeanatomy.spec.view;

import static io.codeanatomy.spec.MissingFieldException.orEmpty;
import static io.codeanatomy.spec.MissingFieldException.require;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.codeanatomy.spec.expr.Expr;
import java.util.List;

/**
 * Joins {@code left} and {@code right} on the {@code on} equi-key pairs (unqualified column names
 * of each side), then keeps the rows where the optional residual {@code where} holds and computes
 * {@code select}. In {@code where} and {@code select}, columns are qualified by side: {@code
 * left.x}, {@code right.y}. {@code type} defaults to {@code inner}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JoinView(
    String name,
    String left,
    String right,
    JoinType type,
    List<JoinKey> on,
    Expr where,
    List<NamedExpr> select)
    implements ViewSpec {

  public static final String LEFT_QUALIFIER = "left.";
  public static final String RIGHT_QUALIFIER = "right.";

  public JoinView {
    require(name, "name");
    require(left, "left");
    require(right, "right");
    type = type == null ? JoinType.INNER : type;
    on = orEmpty(on);
    select = orEmpty(require(select, "select"));
  }

  @Override
  public List<String> dependencies() {
    return List.of(left, right);
  }

  @Override
  public List<String> dependencyFields() {
    return List.of("left", "right");
  }

  @Override
  public ViewKind kind() {
    return ViewKind.JOIN;
  }

  @Override
  public <R> R accept(ViewVisitor<R> visitor) {
    return visitor.visitJoin(this);
  }
}
