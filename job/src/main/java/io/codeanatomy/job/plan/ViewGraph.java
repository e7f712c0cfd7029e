package io.codeanatomy.job.plan;

import io.codeanatomy.spec.InputSpec;
import io.codeanatomy.spec.OutputSpec;
import io.codeanatomy.spec.Spec;
import io.codeanatomy.spec.ValidatedSpec;
import io.codeanatomy.spec.view.JoinKey;
import io.codeanatomy.spec.view.JoinView;
import io.codeanatomy.spec.view.ViewSpec;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The spec's view DAG in Graphviz DOT ({@code dot -Tsvg views.dot}): inputs as cylinders, views as
 * boxes labelled with their kind (JOINs with their equi-keys, inferred ones marked), outputs as
 * double octagons, an edge from each dependency to its reader labelled with the field that names it
 * ({@code left}, {@code right}, ...). A view several consumers read is drawn bold: the plan
 * computes it once. Everything is in spec order, so the text is stable.
 */
public final class ViewGraph {
  private ViewGraph() {}

  public static String dot(ValidatedSpec validated) {
    Spec spec = validated.spec();
    StringBuilder out = new StringBuilder();
    out.append("digraph ").append(quote(spec.name())).append(" {\n");
    out.append("  rankdir=LR;\n");
    out.append("  node [fontname=\"Helvetica\", fontsize=10];\n");
    out.append("  edge [fontname=\"Helvetica\", fontsize=9];\n");
    for (InputSpec input : spec.inputs()) {
      out.append("  ")
          .append(quote(input.name()))
          .append(" [shape=cylinder, label=")
          .append(quote(input.name()))
          .append("];\n");
    }
    for (ViewSpec view : spec.views()) {
      String label = view.name() + "\\n" + view.kind();
      if (view instanceof JoinView join) {
        label += "\\n" + keys(validated.joinKeys(join), join.on().isEmpty());
      }
      out.append("  ")
          .append(quote(view.name()))
          .append(" [shape=box, label=")
          .append(quote(label))
          .append(validated.consumerCount(view.name()) > 1 ? ", style=bold" : "")
          .append("];\n");
    }
    for (OutputSpec output : spec.outputs()) {
      out.append("  ")
          .append(quote("output:" + output.name()))
          .append(" [shape=doubleoctagon, label=")
          .append(quote(output.name()))
          .append("];\n");
    }
    for (ViewSpec view : spec.views()) {
      List<String> dependencies = view.dependencies();
      for (int i = 0; i < dependencies.size(); i++) {
        out.append("  ")
            .append(quote(dependencies.get(i)))
            .append(" -> ")
            .append(quote(view.name()))
            .append(" [label=")
            .append(quote(view.dependencyFields().get(i)))
            .append("];\n");
      }
    }
    for (OutputSpec output : spec.outputs()) {
      out.append("  ")
          .append(quote(output.view()))
          .append(" -> ")
          .append(quote("output:" + output.name()))
          .append(";\n");
    }
    return out.append("}\n").toString();
  }

  private static String keys(List<JoinKey> keys, boolean inferred) {
    String pairs =
        keys.stream().map(k -> k.left() + " = " + k.right()).collect(Collectors.joining(", "));
    return (inferred ? "inferred: " : "on: ") + pairs;
  }

  private static String quote(String text) {
    // Labels carry DOT's own line breaks (\n), so only quotes are escaped; names have no quotes.
    return "\"" + text.replace("\"", "\\\"") + "\"";
  }
}
