package io.codeanatomy.job.run;

import io.codeanatomy.delta.DeltaTable;
import java.nio.file.Path;

/**
 * Where a warehouse keeps its tables: {@code extract/<table>} for the extractor's tables and {@code
 * cpg/<table>} for the graph.
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
}
