package io.codeanatomy.delta.commit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code protocol}: the reader and writer versions a client needs to read or write the table. */
public record Protocol(int minReaderVersion, int minWriterVersion) implements Action {
  /**
   * What we write for new tables: reader 1, writer 4 — the legacy writer version that includes
   * Change Data Feed (and, below it, NOT NULL invariants and CHECK constraints), with no table
   * features a reader must understand.
   */
  public static final Protocol CDF_TABLES = new Protocol(1, 4);

  @Override
  public ObjectNode toJson(JsonNodeFactory json) {
    ObjectNode protocol = json.objectNode();
    protocol.put("minReaderVersion", minReaderVersion);
    protocol.put("minWriterVersion", minWriterVersion);
    ObjectNode line = json.objectNode();
    line.set("protocol", protocol);
    return line;
  }
}
