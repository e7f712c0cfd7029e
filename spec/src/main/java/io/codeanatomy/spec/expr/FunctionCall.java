package io.codeanatomy.spec.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code {call: name, args: [...]}}: a built-in function ({@code concat}, {@code upper}, {@code
 * substring}, ...) or one of our UDFs ({@code stable_hash_id}) by SQL name. Whether the name exists
 * is known only to the engine, so the compiler checks it.
 */
public record FunctionCall(String function, List<Expr> args) implements Expr {
  public FunctionCall {
    Objects.requireNonNull(function, "function");
    args = List.copyOf(args);
  }

  @Override
  public <R> R accept(ExprVisitor<R> visitor) {
    return visitor.visitCall(this);
  }

  @Override
  public List<Child> children() {
    List<Child> out = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      out.add(new Child("args[" + i + "]", args.get(i)));
    }
    return out;
  }
}
