package io.codeanatomy.job.stream;

import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.read.SnapshotReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The rows of a CPG table as sorted canonical strings, to compare two warehouses row for row. */
public final class CpgTables {
  private CpgTables() {}

  public static List<String> rows(DeltaTable table) {
    if (!table.exists()) {
      return List.of();
    }
    List<String> rows = new ArrayList<>();
    for (Object[] row : SnapshotReader.readAll(table)) {
      rows.add(canonical(row));
    }
    rows.sort(null);
    return rows;
  }

  private static String canonical(Object value) {
    if (value instanceof Object[] array) {
      List<String> parts = new ArrayList<>();
      for (Object part : array) {
        parts.add(canonical(part));
      }
      return parts.toString();
    }
    if (value instanceof List<?> list) {
      return list.stream().map(CpgTables::canonical).toList().toString();
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, String> sorted = new TreeMap<>();
      map.forEach((k, v) -> sorted.put(canonical(k), canonical(v)));
      return sorted.toString();
    }
    return String.valueOf(value);
  }
}
