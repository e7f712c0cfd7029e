package io.codeanatomy.spec;

import io.codeanatomy.spec.view.JoinKey;
import io.codeanatomy.spec.view.JoinView;
import java.util.List;
import java.util.Map;

/**
 * A spec that passed {@link SpecValidator}, with what validation learned: the views in dependency
 * order, the columns of every input and view, how many views and outputs read each view, and
 * non-fatal warnings (such as views no output uses), and the join keys inferred for JOINs that omit
 * {@code on} (by view name).
 */
public record ValidatedSpec(
    Spec spec,
    List<String> viewOrder,
    Map<String, List<DerivedColumn>> columns,
    Map<String, Integer> consumers,
    List<SpecProblem> warnings,
    Map<String, List<JoinKey>> inferredJoinKeys) {
  public ValidatedSpec {
    inferredJoinKeys = Map.copyOf(inferredJoinKeys);
    viewOrder = List.copyOf(viewOrder);
    columns = Map.copyOf(columns);
    consumers = Map.copyOf(consumers);
    warnings = List.copyOf(warnings);
  }

  /** How many views and outputs read {@code name} (an input or a view). */
  public int consumerCount(String name) {
    return consumers.getOrDefault(name, 0);
  }

  /** The equi-join keys of {@code join}: its {@code on}, or the keys inferred when it has none. */
  public List<JoinKey> joinKeys(JoinView join) {
    return join.on().isEmpty() ? inferredJoinKeys.getOrDefault(join.name(), List.of()) : join.on();
  }

  public List<DerivedColumn> columnsOf(String name) {
    return columns.get(name);
  }
}
