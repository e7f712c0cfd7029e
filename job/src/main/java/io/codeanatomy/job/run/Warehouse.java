package io.codeanatomy.job.run;

import io.codeanatomy.delta.DeltaTable;
import java.nio.file.Path;

/**
 * Where a warehouse keeps its tables: {@code extract/<table>} for the extractor's tables, {@code
 * cpg/<table>} for the graph, and {@code _flink/} for the continuous job's checkpoints and
 * savepoints.
 */
public record Warehouse(Path root) {
  public Warehouse {
    root = root.toAbsolutePath().normalize();
  }

  public Path extractDir() {
    return root.resolve("extract");
  }

  public DeltaTable extractTable(String name) {
    return DeltaTable.forPath(extractDir().resolve(name));
  }

  public DeltaTable cpgTable(String name) {
    return DeltaTable.forPath(root.resolve("cpg").resolve(name));
  }

  /** Where the continuous job keeps its checkpoints. */
  public Path checkpointsDir() {
    return root.resolve("_flink").resolve("checkpoints");
  }

  /** Where the continuous job writes its savepoints. */
  /** Where a continuous job with the changelog state backend writes its state changes. */
  public Path stateChangelogDir() {
    return root.resolve("_flink").resolve("changelog");
  }

  public Path savepointsDir() {
    return root.resolve("_flink").resolve("savepoints");
  }

  /** The file naming the savepoint the last stopped continuous job left, for {@code --resume}. */
  public Path lastSavepointFile() {
    return root.resolve("_flink").resolve("last-savepoint");
  }
}
