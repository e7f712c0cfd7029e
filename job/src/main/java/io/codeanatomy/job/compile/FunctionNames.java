package io.codeanatomy.job.compile;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The functions an environment knows, looked up the way a spec author writes them. Flink lists some
 * built-ins under their Table-API names ({@code regexpExtract}) while people write SQL names
 * ({@code regexp_extract}), so a name matches exactly (ignoring case) or, failing that, with
 * underscores ignored when that is unambiguous.
 */
final class FunctionNames {
  private final Map<String, String> byLowerName = new HashMap<>();
  private final Map<String, String> byLooseName = new HashMap<>();
  private final List<String> sqlNames = new ArrayList<>();

  FunctionNames(String[] listed) {
    Set<String> ambiguous = new HashSet<>();
    for (String name : listed) {
      String lower = name.toLowerCase(Locale.ROOT);
      byLowerName.putIfAbsent(lower, name);
      String loose = loose(name);
      String previous = byLooseName.putIfAbsent(loose, name);
      if (previous != null && !previous.equalsIgnoreCase(name)) {
        ambiguous.add(loose);
      }
      sqlNames.add(lower);
    }
    ambiguous.forEach(byLooseName::remove);
  }

  /** The name to call for what the spec wrote, if the environment has such a function. */
  Optional<String> resolve(String written) {
    String exact = byLowerName.get(written.toLowerCase(Locale.ROOT));
    return exact != null
        ? Optional.of(exact)
        : Optional.ofNullable(byLooseName.get(loose(written)));
  }

  /** Lower-case names, for did-you-mean suggestions. */
  Collection<String> sqlNames() {
    return sqlNames;
  }

  private static String loose(String name) {
    return name.toLowerCase(Locale.ROOT).replace("_", "");
  }
}
