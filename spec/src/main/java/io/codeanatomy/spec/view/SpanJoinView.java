package io.codeanatomy.spec.view;

import static io.codeanatomy.spec.MissingFieldException.orEmpty;
import static io.codeanatomy.spec.MissingFieldException.require;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.codeanatomy.spec.expr.ColumnRef;
import io.codeanatomy.spec.expr.Comparison;
import io.codeanatomy.spec.expr.Expr;
import io.codeanatomy.spec.expr.Logical;
import java.util.ArrayList;
import java.util.List;

/**
 * Joins rows of {@code left} and {@code right} whose byte spans in the same file relate as {@code
 * mode} says: the equi keys {@code on} (default {@code file_id} on both sides) plus the span
 * comparison as a residual condition, then the optional {@code where} and {@code select} as in a
 * JOIN. Spans never compare across files, so the equi key is what lets the engine hash-partition
 * the join instead of comparing every pair.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SpanJoinView(
    String name,
    String left,
    String right,
    SpanMode mode,
    JoinType type,
    List<JoinKey> on,
    @JsonProperty("left_span") Span leftSpan,
    @JsonProperty("right_span") Span rightSpan,
    Expr where,
    List<NamedExpr> select)
    implements ViewSpec {

  public SpanJoinView {
    require(name, "name");
    require(left, "left");
    require(right, "right");
    mode = mode == null ? SpanMode.CONTAIN : mode;
    type = type == null ? JoinType.INNER : type;
    on = on == null || on.isEmpty() ? List.of(new JoinKey("file_id", "file_id")) : List.copyOf(on);
    leftSpan = leftSpan == null ? Span.DEFAULT : leftSpan;
    rightSpan = rightSpan == null ? Span.DEFAULT : rightSpan;
    select = orEmpty(require(select, "select"));
  }

  /** The span comparison over {@code left.*} and {@code right.*} columns. */
  public Expr spanCondition() {
    Expr ls = new ColumnRef(JoinView.LEFT_QUALIFIER + leftSpan.start());
    Expr le = new ColumnRef(JoinView.LEFT_QUALIFIER + leftSpan.end());
    Expr rs = new ColumnRef(JoinView.RIGHT_QUALIFIER + rightSpan.start());
    Expr re = new ColumnRef(JoinView.RIGHT_QUALIFIER + rightSpan.end());
    return switch (mode) {
      case CONTAIN ->
          new Logical(
              Logical.Op.AND,
              List.of(
                  new Comparison(Comparison.Op.LE, ls, rs),
                  new Comparison(Comparison.Op.LE, re, le)));
      case OVERLAP ->
          new Logical(
              Logical.Op.AND,
              List.of(
                  new Comparison(Comparison.Op.LT, ls, re),
                  new Comparison(Comparison.Op.LT, rs, le)));
    };
  }

  /** The equivalent JOIN: the span condition (then {@code where}) as its residual condition. */
  public JoinView asJoin() {
    List<Expr> conditions = new ArrayList<>(List.of(spanCondition()));
    if (where != null) {
      conditions.add(where);
    }
    Expr residual =
        conditions.size() == 1 ? conditions.get(0) : new Logical(Logical.Op.AND, conditions);
    return new JoinView(name, left, right, type, on, residual, select);
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
    return ViewKind.SPAN_JOIN;
  }

  @Override
  public <R> R accept(ViewVisitor<R> visitor) {
    return visitor.visitSpanJoin(this);
  }
}
