package io.codeanatomy.job.bench;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands rows held in memory to the tasks of a job on a local MiniCluster, which run in this JVM:
 * the job reads the very rows our writer got, instead of a copy serialized into the job graph
 * (hundreds of MB for a million rows). Only for local execution.
 */
final class SharedRows {
  private static final Map<String, List<Object[]>> ROWS = new ConcurrentHashMap<>();

  private SharedRows() {}

  /** Shares {@code rows} until the returned handle is closed. */
  static Handle share(List<Object[]> rows) {
    String key = UUID.randomUUID().toString();
    ROWS.put(key, rows);
    return new Handle(key);
  }

  /** The rows shared under {@code key}. */
  static List<Object[]> get(String key) {
    List<Object[]> rows = ROWS.get(key);
    if (rows == null) {
      throw new IllegalStateException(
          "no rows shared under " + key + "; SharedRows works only on a local MiniCluster");
    }
    return rows;
  }

  /** Shared rows; closing stops sharing them. */
  record Handle(String key) implements AutoCloseable {
    @Override
    public void close() {
      ROWS.remove(key);
    }
  }
}
