package io.codeanatomy.udf.name;

import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.annotation.FunctionHint;
import org.apache.flink.table.functions.TableFunction;
import org.apache.flink.types.Row;

/**
 * {@code qualname_prefixes(qualname)}: one row per dotted prefix of a qualified name, shortest
 * first, with its depth — {@code a.b.c} gives {@code (a, 1)}, {@code (a.b, 2)}, {@code (a.b.c, 3)}.
 * Python's {@code import a.b.c} binds {@code a} and loads {@code a}, {@code a.b} and {@code a.b.c};
 * resolving such an import, or a name to the innermost enclosing module or class, is a join on
 * these prefixes. A NULL or empty name gives no rows; empty segments ({@code a..b}, a leading or
 * trailing dot) are not names, so such a name gives no rows either rather than prefixes that mean
 * nothing.
 */
@FunctionHint(output = @DataTypeHint("ROW<prefix STRING NOT NULL, depth INT NOT NULL>"))
public final class QualnamePrefixes extends TableFunction<Row> {
  public static final String NAME = "qualname_prefixes";

  public void eval(String qualname) {
    if (qualname == null || qualname.isEmpty()) {
      return;
    }
    String[] segments = qualname.split("\\.", -1);
    for (String segment : segments) {
      if (segment.isEmpty()) {
        return;
      }
    }
    int end = 0;
    for (int depth = 1; depth <= segments.length; depth++) {
      end += segments[depth - 1].length() + (depth > 1 ? 1 : 0);
      collect(Row.of(qualname.substring(0, end), depth));
    }
  }

  @Override
  public boolean isDeterministic() {
    return true;
  }
}
