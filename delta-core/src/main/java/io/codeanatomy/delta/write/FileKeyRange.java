package io.codeanatomy.delta.write;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.delta.kernel.types.ByteType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.ShortType;
import io.delta.kernel.types.StringType;
import java.io.IOException;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * The range of one column in one data file, from its {@code add.stats}, used to skip files that
 * cannot hold any affected key. Statistics are bounds (a writer may truncate strings), never exact
 * values, so a file is only skipped when every affected value lies outside them. Without usable
 * statistics a file may hold anything.
 */
final class FileKeyRange {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Object min; // canonical, null when unknown
  private final Object max;
  private final boolean allNull;

  private FileKeyRange(Object min, Object max, boolean allNull) {
    this.min = min;
    this.max = max;
    this.allNull = allNull;
  }

  static FileKeyRange of(String statsJson, String column, DataType type) {
    if (statsJson == null) {
      return new FileKeyRange(null, null, false);
    }
    JsonNode stats;
    try {
      stats = MAPPER.readTree(statsJson);
    } catch (IOException e) {
      // Unreadable statistics only cost a read of the file.
      return new FileKeyRange(null, null, false);
    }
    JsonNode numRecords = stats.get("numRecords");
    JsonNode nullCount = stats.path("nullCount").get(column);
    boolean allNull =
        numRecords != null
            && nullCount != null
            && nullCount.isNumber()
            && nullCount.asLong() == numRecords.asLong();
    return new FileKeyRange(
        value(stats.path("minValues").get(column), type),
        value(stats.path("maxValues").get(column), type),
        allNull);
  }

  /** True unless the statistics prove that none of {@code sortedValues} is in the file. */
  boolean mayContainAny(NavigableSet<Object> sortedValues) {
    if (allNull) {
      return false; // key values are never null
    }
    if (min == null || max == null) {
      return true;
    }
    Object first = sortedValues.ceiling(min);
    return first != null && KeyValues.ORDER.compare(first, max) <= 0;
  }

  /** A sorted set of canonical values, the shape {@link #mayContainAny} takes. */
  static NavigableSet<Object> sorted(List<Object> canonicalValues) {
    NavigableSet<Object> set = new TreeSet<>(KeyValues.ORDER);
    set.addAll(canonicalValues);
    return set;
  }

  private static Object value(JsonNode node, DataType type) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (type instanceof StringType && node.isTextual()) {
      return node.asText();
    }
    if ((type instanceof LongType
            || type instanceof IntegerType
            || type instanceof ShortType
            || type instanceof ByteType)
        && node.isIntegralNumber()) {
      return node.asLong();
    }
    // Dates and timestamps are stored as formatted strings: no skipping on them.
    return null;
  }
}
