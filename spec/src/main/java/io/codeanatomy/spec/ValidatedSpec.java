package io.codeanatomy.spec;

import java.util.List;
import java.util.Map;

/**
 * A spec that passed {@link SpecValidator}, with what validation learned: the views in dependency
 * order, the columns of every input and view, how many views and outputs read each view, and
 * non-fatal warnings (such as views no output uses).
 */
public record ValidatedSpec(
    Spec spec,
    List<String> viewOrder,
    Map<String, List<DerivedColumn>> columns,
    Map<String, Integer> consumers,
    List<SpecProblem> warnings) {
  public ValidatedSpec {
    viewOrder = List.copyOf(viewOrder);
    columns = Map.copyOf(columns);
    consumers = Map.copyOf(consumers);
    warnings = List.copyOf(warnings);
  }

  /** How many views and outputs read {@code name} (an input or a view). */
  public int consumerCount(String name) {
    return consumers.getOrDefault(name, 0);
  }

  public List<DerivedColumn> columnsOf(String name) {
    return columns.get(name);
  }
}
