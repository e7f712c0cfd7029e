package io.codeanatomy.delta.read;

import com.fasterxml.jackson.databind.JsonNode;
import io.codeanatomy.delta.DeltaException;
import io.codeanatomy.delta.KernelEngine;
import io.delta.kernel.internal.actions.DeletionVectorDescriptor;
import io.delta.kernel.internal.deletionvectors.DeletionVectorStoredBitmap;
import io.delta.kernel.internal.deletionvectors.RoaringBitmapArray;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.LongPredicate;

/**
 * A deletion vector as an {@code add} or {@code remove} action describes it: the rows of its data
 * file (by row index, counted from 0 in file order) that the action marks deleted. A plain value,
 * so it can travel in a split and be loaded where the file is read.
 *
 * <p>Loading uses Delta Kernel's internal {@code DeletionVectorStoredBitmap} and {@code
 * RoaringBitmapArray} (package {@code io.delta.kernel.internal.deletionvectors}, Kernel 4.4.0): the
 * same code Kernel's own scan uses through {@code Scan.transformPhysicalData}. That public entry
 * needs a scan-file row of a snapshot, which a change feed reading single commits does not have;
 * the descriptor alone is enough for the stored bitmap. Inline ({@code i}), relative ({@code u})
 * and absolute ({@code p}) storage are all supported.
 *
 * @param storageType {@code i}, {@code u} or {@code p}
 * @param offset the bitmap's offset in its file, or null (inline, or at the start)
 * @param cardinality how many rows it deletes
 */
public record DeletionVector(
    String storageType, String pathOrInlineDv, Integer offset, int sizeInBytes, long cardinality) {

  /** The deletion vector of a log action's {@code deletionVector} field, or null when absent. */
  public static DeletionVector fromJson(JsonNode fileAction) {
    JsonNode dv = fileAction.get("deletionVector");
    if (dv == null || dv.isNull()) {
      return null;
    }
    return new DeletionVector(
        dv.path("storageType").asText(),
        dv.path("pathOrInlineDv").asText(),
        dv.hasNonNull("offset") ? dv.get("offset").asInt() : null,
        dv.path("sizeInBytes").asInt(),
        dv.path("cardinality").asLong());
  }

  /** The deletion vector Kernel describes, or null. */
  public static DeletionVector of(DeletionVectorDescriptor descriptor) {
    if (descriptor == null) {
      return null;
    }
    return new DeletionVector(
        descriptor.getStorageType(),
        descriptor.getPathOrInlineDv(),
        descriptor.getOffset().orElse(null),
        descriptor.getSizeInBytes(),
        descriptor.getCardinality());
  }

  /**
   * Reads the bitmap: the predicate is true for the row indexes this vector deletes.
   *
   * @throws DeltaException naming the table and the vector when it cannot be read (e.g. vacuumed)
   */
  public LongPredicate load(Path tableRoot) {
    DeletionVectorDescriptor descriptor =
        new DeletionVectorDescriptor(
            storageType, pathOrInlineDv, Optional.ofNullable(offset), sizeInBytes, cardinality);
    try {
      RoaringBitmapArray bitmap =
          new DeletionVectorStoredBitmap(descriptor, Optional.of(tableRoot.toUri().toString()))
              .load(KernelEngine.shared().getFileSystemClient());
      return bitmap::contains;
    } catch (IOException | RuntimeException e) {
      throw new DeltaException(
          tableRoot.toString(),
          "cannot read deletion vector "
              + (descriptor.isInline()
                  ? "(inline)"
                  : descriptor.getAbsolutePath(tableRoot.toUri().toString()))
              + " (was it vacuumed?): "
              + e.getMessage(),
          e);
    }
  }
}
