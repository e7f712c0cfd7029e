package io.codeanatomy.spec.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code {case: {when: [{if: c, then: v}, ...], else: e}}}; the first true condition wins and a
 * missing {@code else} means NULL.
 */
public record CaseWhen(List<Branch> when, Expr otherwise) implements Expr {

  /** One {@code {if, then}} branch. */
  public record Branch(Expr condition, Expr then) {
    public Branch {
      Objects.requireNonNull(condition, "if");
      Objects.requireNonNull(then, "then");
    }
  }

  public CaseWhen {
    when = List.copyOf(when);
    if (when.isEmpty()) {
      throw new IllegalArgumentException("case needs at least one when branch");
    }
  }

  @Override
  public <R> R accept(ExprVisitor<R> visitor) {
    return visitor.visitCase(this);
  }

  @Override
  public List<Child> children() {
    List<Child> out = new ArrayList<>();
    for (int i = 0; i < when.size(); i++) {
      out.add(new Child("case.when[" + i + "].if", when.get(i).condition()));
      out.add(new Child("case.when[" + i + "].then", when.get(i).then()));
    }
    if (otherwise != null) {
      out.add(new Child("case.else", otherwise));
    }
    return out;
  }
}
