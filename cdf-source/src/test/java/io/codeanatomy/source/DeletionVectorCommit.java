package io.codeanatomy.source;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.TableFile;
import io.delta.kernel.internal.deletionvectors.Base85Codec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.roaringbitmap.RoaringBitmap;

/**
 * Commits a new deletion vector for one data file, the way Spark's DELETE with deletion vectors
 * does (our commit layer refuses to write such tables): the protocol gains the {@code
 * deletionVectors} feature, and the file is removed and re-added with an inline vector. No {@code
 * cdc} file is written, so the change feed derives the version's changes from the two vectors.
 */
public final class DeletionVectorCommit {
  private static final ObjectMapper JSON = new ObjectMapper();
  // Delta's portable RoaringBitmapArray format, the bytes of an inline vector.
  private static final int PORTABLE_MAGIC = 1681511377;

  private DeletionVectorCommit() {}

  /**
   * Sets the deletion vector of {@code file} to exactly {@code deletedRows} (row indexes in the
   * file) in a new version, and returns that version.
   */
  public static long commit(DeltaTable table, TableFile file, long... deletedRows) {
    try {
      long version = table.latestVersion() + 1;
      long now = System.currentTimeMillis();
      List<String> lines = new ArrayList<>();
      lines.add(
          "{\"commitInfo\":{\"timestamp\":"
              + now
              + ",\"operation\":\"DELETE\",\"operationParameters\":{}}}");
      if (version == 1 || !hasDeletionVectorFeature(table)) {
        lines.add(
            "{\"protocol\":{\"minReaderVersion\":3,\"minWriterVersion\":7,"
                + "\"readerFeatures\":[\"deletionVectors\"],\"writerFeatures\":[\"appendOnly\","
                + "\"invariants\",\"checkConstraints\",\"changeDataFeed\",\"generatedColumns\","
                + "\"deletionVectors\"]}}");
      }
      ObjectNode remove = JSON.createObjectNode();
      remove.put("path", file.path());
      remove.put("deletionTimestamp", now);
      remove.put("dataChange", true);
      remove.put("size", file.size());
      if (file.deletionVector() != null) {
        remove.set("deletionVector", toJson(file.deletionVector()));
      }
      lines.add(JSON.writeValueAsString(JSON.createObjectNode().set("remove", remove)));
      ObjectNode add = JSON.createObjectNode();
      add.put("path", file.path());
      add.putObject("partitionValues");
      add.put("size", file.size());
      add.put("modificationTime", file.modificationTime());
      add.put("dataChange", true);
      if (file.statsJson() != null) {
        add.put("stats", file.statsJson());
      }
      add.set("deletionVector", inline(deletedRows));
      lines.add(JSON.writeValueAsString(JSON.createObjectNode().set("add", add)));
      Files.write(
          table.logDir().resolve(String.format("%020d.json", version)),
          lines,
          StandardOpenOption.CREATE_NEW);
      return version;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean hasDeletionVectorFeature(DeltaTable table) {
    return table.snapshot().getProtocol().getReaderFeatures().contains("deletionVectors");
  }

  private static ObjectNode inline(long... rows) {
    RoaringBitmap bitmap = new RoaringBitmap();
    for (long row : rows) {
      bitmap.add((int) row);
    }
    bitmap.runOptimize();
    ByteBuffer bytes =
        ByteBuffer.allocate(4 + 8 + 4 + bitmap.serializedSizeInBytes())
            .order(ByteOrder.LITTLE_ENDIAN);
    bytes.putInt(PORTABLE_MAGIC);
    bytes.putLong(1); // one 32-bit bitmap, for the row indexes below 2^32
    bytes.putInt(0);
    bitmap.serialize(bytes);
    byte[] raw = bytes.array();
    ObjectNode dv = JSON.createObjectNode();
    dv.put("storageType", "i");
    dv.put("pathOrInlineDv", Base85Codec.encodeBytes(raw));
    dv.put("sizeInBytes", raw.length);
    dv.put("cardinality", rows.length);
    return dv;
  }

  private static ObjectNode toJson(io.codeanatomy.delta.read.DeletionVector dv) {
    ObjectNode node = JSON.createObjectNode();
    node.put("storageType", dv.storageType());
    node.put("pathOrInlineDv", dv.pathOrInlineDv());
    if (dv.offset() != null) {
      node.put("offset", dv.offset());
    }
    node.put("sizeInBytes", dv.sizeInBytes());
    node.put("cardinality", dv.cardinality());
    return node;
  }
}
