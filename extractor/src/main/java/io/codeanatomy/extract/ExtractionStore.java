package io.codeanatomy.extract;

import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.write.TableOverwrite;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes an {@link Extraction} to the extraction tables under one directory ({@code
 * <dir>/<table>}), each table's content replaced as one new Delta version with Change Data Feed on.
 */
public final class ExtractionStore {
  private ExtractionStore() {}

  /** Writes every table; returns the version committed for each, in table order. */
  public static Map<String, Long> write(Path dir, Extraction extraction) {
    Map<String, Long> versions = new LinkedHashMap<>();
    for (String name : ExtractionTables.names()) {
      DeltaTable table = DeltaTable.forPath(dir.resolve(name));
      versions.put(
          name,
          TableOverwrite.replaceContent(
              table, ExtractionTables.schema(name), TableOverwrite.CDF_ON, extraction.rows(name)));
    }
    return versions;
  }
}
