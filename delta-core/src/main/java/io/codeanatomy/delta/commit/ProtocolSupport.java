package io.codeanatomy.delta.commit;

import io.codeanatomy.delta.DeltaException;
import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.constraint.TableConstraints;
import io.delta.kernel.Snapshot;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides whether this commit layer may write a table, from the table's protocol: a writer must
 * refuse a table whose protocol needs a writer feature it does not implement, or it would corrupt
 * the table for every other client. Some features are harmless while unused (e.g. generated columns
 * when no column is generated); those are accepted only while the table does not use them.
 */
public final class ProtocolSupport {
  /** The highest writer version this layer understands (table features). */
  public static final int MAX_WRITER_VERSION = 7;

  /**
   * Features this layer implements: it enforces append-only, CHECK constraints and legacy column
   * invariants ({@link TableConstraints}, whose expressions are checked here, when a transaction
   * opens) and writes the change feed.
   */
  private static final Set<String> IMPLEMENTED =
      Set.of("appendOnly", "changeDataFeed", "timestampNtz", "checkConstraints", "invariants");

  /**
   * Features this layer does not implement but that impose nothing on a writer while the table does
   * not use them.
   */
  private static final Set<String> WHILE_UNUSED =
      Set.of("generatedColumns", "columnMapping", "identityColumns");

  private ProtocolSupport() {}

  /**
   * Throws a {@link DeltaException} naming the feature when this layer cannot write the table, or
   * naming the constraint and the construct when a CHECK constraint is outside what it evaluates.
   */
  public static void requireWritable(DeltaTable table, Snapshot snapshot) {
    io.delta.kernel.internal.actions.Protocol protocol = snapshot.getProtocol();
    int writer = protocol.getMinWriterVersion();
    String where = "version " + snapshot.getVersion() + " of the table";
    if (writer > MAX_WRITER_VERSION) {
      throw new DeltaException(
          table.path(),
          where
              + " needs writer version "
              + writer
              + "; this writer supports up to "
              + MAX_WRITER_VERSION
              + ", so it refuses to write (use a newer Delta client)");
    }
    for (String feature : features(writer, protocol.getWriterFeatures())) {
      if (IMPLEMENTED.contains(feature)) {
        continue;
      }
      if (!WHILE_UNUSED.contains(feature)) {
        throw refuse(table, where, feature, "which this writer does not implement");
      }
      String use = usage(feature, snapshot.getSchema(), snapshot.getTableProperties());
      if (use != null) {
        throw refuse(
            table, where, feature, "and uses it (" + use + "); this writer cannot honour it");
      }
    }
    requireEnforceableConstraints(table, snapshot, where);
  }

  /**
   * CHECK constraints need the {@code checkConstraints} feature (writer version 3 or the named
   * feature), invariants the {@code invariants} feature (writer version 2): a table that uses one
   * without it was written by a client that ignored the protocol. Every expression must parse
   * within the subset {@link TableConstraints} evaluates.
   */
  private static void requireEnforceableConstraints(
      DeltaTable table, Snapshot snapshot, String where) {
    Map<String, String> props = snapshot.getTableProperties();
    io.delta.kernel.internal.actions.Protocol protocol = snapshot.getProtocol();
    Set<String> features = features(protocol.getMinWriterVersion(), protocol.getWriterFeatures());
    for (String feature : List.of("checkConstraints", "invariants")) {
      String use = usage(feature, snapshot.getSchema(), props);
      if (use != null && !features.contains(feature)) {
        throw new DeltaException(
            table.path(),
            where
                + " uses "
                + feature
                + " ("
                + use
                + ") but its protocol (writer version "
                + protocol.getMinWriterVersion()
                + ") does not declare `"
                + feature
                + "`; refusing to write a table that other writers would read as unconstrained."
                + " Upgrade the protocol with Spark");
      }
    }
    TableConstraints.of(table.path(), snapshot.getSchema(), props);
  }

  private static DeltaException refuse(DeltaTable table, String where, String feature, String why) {
    return new DeltaException(
        table.path(),
        where
            + " needs the writer feature `"
            + feature
            + "` "
            + why
            + "; refusing to write it. Write with a Delta client that supports `"
            + feature
            + "`, or use a table without it");
  }

  /** The writer features a protocol requires: explicit at version 7, implied by older versions. */
  private static Set<String> features(int writerVersion, Set<String> explicit) {
    if (writerVersion >= 7) {
      return explicit;
    }
    Set<String> implied = new LinkedHashSet<>();
    if (writerVersion >= 2) {
      implied.addAll(List.of("appendOnly", "invariants"));
    }
    if (writerVersion >= 3) {
      implied.add("checkConstraints");
    }
    if (writerVersion >= 4) {
      implied.addAll(List.of("changeDataFeed", "generatedColumns"));
    }
    if (writerVersion >= 5) {
      implied.add("columnMapping");
    }
    if (writerVersion >= 6) {
      implied.add("identityColumns");
    }
    return implied;
  }

  /** How the table uses a feature, or null when it does not. */
  private static String usage(String feature, StructType schema, Map<String, String> props) {
    return switch (feature) {
      case "invariants" -> fieldWith(schema, "delta.invariants", "");
      case "generatedColumns" -> fieldWith(schema, "delta.generationExpression", "");
      case "identityColumns" -> fieldWith(schema, "delta.identity.start", "");
      case "columnMapping" -> {
        String mode = props.getOrDefault("delta.columnMapping.mode", "none");
        yield mode.equalsIgnoreCase("none") ? null : "delta.columnMapping.mode=" + mode;
      }
      case "checkConstraints" ->
          props.keySet().stream()
              .filter(k -> k.startsWith("delta.constraints."))
              .sorted()
              .findFirst()
              .map(k -> "table property " + k)
              .orElse(null);
      default -> null;
    };
  }

  private static String fieldWith(StructType struct, String metadataKey, String prefix) {
    for (StructField field : struct.fields()) {
      String name = prefix + field.getName();
      if (field.getMetadata().contains(metadataKey)) {
        return "column `" + name + "` has " + metadataKey;
      }
      DataType type = field.getDataType();
      if (type instanceof StructType nested) {
        String inner = fieldWith(nested, metadataKey, name + ".");
        if (inner != null) {
          return inner;
        }
      }
    }
    return null;
  }
}
