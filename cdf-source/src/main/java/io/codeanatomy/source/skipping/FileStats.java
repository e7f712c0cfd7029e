package io.codeanatomy.source.skipping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The statistics of one data file as its {@code add.stats} JSON gives them: {@code numRecords} and
 * per-column {@code minValues}, {@code maxValues}, {@code nullCount}. Anything missing is unknown,
 * and unknown never skips a file.
 */
public final class FileStats {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final FileStats UNKNOWN = new FileStats(MissingNode.getInstance());

  private final JsonNode stats;

  private FileStats(JsonNode stats) {
    this.stats = stats;
  }

  /** Parses {@code add.stats}; null gives statistics where everything is unknown. */
  public static FileStats parse(String statsJson) {
    if (statsJson == null) {
      return UNKNOWN;
    }
    try {
      return new FileStats(JSON.readTree(statsJson));
    } catch (IOException e) {
      throw new UncheckedIOException("malformed add.stats: " + statsJson, e);
    }
  }

  /** Rows in the file, or -1 when unknown. */
  public long numRecords() {
    JsonNode n = stats.path("numRecords");
    return n.isNumber() ? n.asLong() : -1;
  }

  /** The column's minimum, or a missing node. */
  JsonNode min(String column) {
    return stats.path("minValues").path(column);
  }

  /** The column's maximum, or a missing node. */
  JsonNode max(String column) {
    return stats.path("maxValues").path(column);
  }

  /** Nulls in the column, or -1 when unknown. */
  long nullCount(String column) {
    JsonNode n = stats.path("nullCount").path(column);
    return n.isNumber() ? n.asLong() : -1;
  }
}
