package io.codeanatomy.job.compile;

import io.codeanatomy.spec.ValidatedSpec;
import io.codeanatomy.spec.expr.Literal;
import io.codeanatomy.spec.view.JoinKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.api.Table;

/**
 * The Table-API plan of a spec: one {@link Table} per output in spec order, every view's table by
 * name, and the views registered as temporary views because more than one consumer reads them.
 * Nothing has run yet; put the outputs into one {@code StatementSet} so shared views are computed
 * once. {@code parameters} holds the literal bound to each parameter position; {@code inputs} each
 * input's table as the {@link InputBinder} bound it (before the declared columns were picked), so a
 * plan's scans can be traced back to the inputs they read.
 */
public record CompiledSpec(
    ValidatedSpec spec,
    Map<String, Table> outputs,
    Map<String, Table> views,
    List<String> registeredViews,
    Map<Integer, Literal> parameters,
    Map<String, Table> inputs) {

  public CompiledSpec {
    outputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    views = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(views));
    registeredViews = List.copyOf(registeredViews);
    parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    inputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
  }

  /**
   * The equi-join keys inferred from semantic types for JOIN views that omit {@code on}, by view
   * name; a plan bundle shows them next to the plan.
   */
  public Map<String, List<JoinKey>> inferredJoinKeys() {
    return spec.inferredJoinKeys();
  }

  /** The output table named {@code name}; fails naming the known outputs. */
  public Table output(String name) {
    Table t = outputs.get(name);
    if (t == null) {
      throw new IllegalArgumentException("no output '" + name + "'; outputs: " + outputs.keySet());
    }
    return t;
  }

  /** The table of view {@code name}; fails naming the known views. */
  public Table view(String name) {
    Table t = views.get(name);
    if (t == null) {
      throw new IllegalArgumentException("no view '" + name + "'; views: " + views.keySet());
    }
    return t;
  }
}
