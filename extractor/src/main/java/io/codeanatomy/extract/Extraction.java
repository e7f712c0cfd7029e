package io.codeanatomy.extract;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of every extraction table for one repository. Values are in the column order of {@link
 * ExtractionTables#schema}, typed {@code String}, {@code Integer}, {@code Long}, {@code Boolean} or
 * {@code List<String>}, and rows are sorted by path, then byte start, then id ({@code symbols},
 * which have no span: by path, then scope in pre-order, then first occurrence of the name), so the
 * same input always gives equal extractions.
 */
public record Extraction(Map<String, List<Object[]>> tables) {
  public Extraction {
    Map<String, List<Object[]>> copy = new LinkedHashMap<>();
    for (String table : ExtractionTables.names()) {
      copy.put(table, List.copyOf(tables.getOrDefault(table, List.of())));
    }
    tables = java.util.Collections.unmodifiableMap(copy);
  }

  /** The rows of {@code table}. */
  public List<Object[]> rows(String table) {
    ExtractionTables.schema(table);
    return tables.get(table);
  }

  /** True when both extractions hold the same rows in the same order. */
  public boolean sameRowsAs(Extraction other) {
    for (String table : ExtractionTables.names()) {
      List<Object[]> a = rows(table);
      List<Object[]> b = other.rows(table);
      if (a.size() != b.size()) {
        return false;
      }
      for (int i = 0; i < a.size(); i++) {
        if (!java.util.Arrays.deepEquals(a.get(i), b.get(i))) {
          return false;
        }
      }
    }
    return true;
  }
}
