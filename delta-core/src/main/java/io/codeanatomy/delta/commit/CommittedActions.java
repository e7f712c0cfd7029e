package io.codeanatomy.delta.commit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.codeanatomy.delta.DeltaException;
import io.codeanatomy.delta.DeltaTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The actions of one published commit, parsed from {@code _delta_log/<version>.json}. Conflict
 * detection and the change reader need the raw actions of single commits, which a snapshot does not
 * keep.
 *
 * @param actions the actions this layer models, in log order
 * @param otherKinds the keys of actions it does not model (e.g. {@code domainMetadata})
 */
public record CommittedActions(long version, List<Action> actions, Set<String> otherKinds) {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Reads commit {@code version} of the table. */
  public static CommittedActions read(DeltaTable table, long version) {
    Path file = table.logDir().resolve(String.format("%020d.json", version));
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (NoSuchFileException e) {
      throw new DeltaException(
          table.path(),
          "commit file "
              + file.getFileName()
              + " of version "
              + version
              + " does not exist (never committed, or removed by log cleanup)",
          e);
    } catch (IOException e) {
      throw new DeltaException(
          table.path(), "could not read " + file.getFileName() + ": " + e.getMessage(), e);
    }
    List<Action> actions = new ArrayList<>();
    Set<String> other = new TreeSet<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      JsonNode line;
      try {
        line = MAPPER.readTree(lines.get(i));
      } catch (IOException e) {
        throw new DeltaException(
            table.path(),
            "commit file "
                + file.getFileName()
                + " is corrupt at line "
                + (i + 1)
                + ": "
                + e.getMessage(),
            e);
      }
      Iterator<Map.Entry<String, JsonNode>> fields = line.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        Action action = parse(field.getKey(), field.getValue());
        if (action == null) {
          other.add(field.getKey());
        } else {
          actions.add(action);
        }
      }
    }
    return new CommittedActions(version, List.copyOf(actions), Set.copyOf(other));
  }

  /** The actions of one type, in log order. */
  public <T extends Action> List<T> of(Class<T> type) {
    return actions.stream().filter(type::isInstance).map(type::cast).toList();
  }

  private static Action parse(String kind, JsonNode a) {
    return switch (kind) {
      case "add" ->
          new AddFile(
              a.path("path").asText(),
              a.path("size").asLong(),
              a.path("modificationTime").asLong(),
              a.path("dataChange").asBoolean(true),
              a.hasNonNull("stats") ? a.get("stats").asText() : null);
      case "remove" ->
          new RemoveFile(
              a.path("path").asText(),
              a.path("deletionTimestamp").asLong(),
              a.path("dataChange").asBoolean(true),
              a.path("size").asLong(-1));
      case "cdc" -> new AddCdcFile(a.path("path").asText(), a.path("size").asLong());
      case "txn" ->
          new SetTransaction(
              a.path("appId").asText(), a.path("version").asLong(), a.path("lastUpdated").asLong());
      case "protocol" ->
          new Protocol(a.path("minReaderVersion").asInt(), a.path("minWriterVersion").asInt());
      case "metaData" -> {
        Map<String, String> conf = new LinkedHashMap<>();
        a.path("configuration")
            .fields()
            .forEachRemaining(e -> conf.put(e.getKey(), e.getValue().asText()));
        yield new Metadata(
            a.path("id").asText(),
            a.path("schemaString").asText(),
            conf,
            a.path("createdTime").asLong());
      }
      case "commitInfo" -> {
        Map<String, String> params = new LinkedHashMap<>();
        a.path("operationParameters")
            .fields()
            .forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
        yield new CommitInfo(
            a.path("timestamp").asLong(),
            a.path("operation").asText(),
            params,
            a.path("isBlindAppend").asBoolean(false),
            a.path("txnId").asText(null));
      }
      default -> null;
    };
  }
}
