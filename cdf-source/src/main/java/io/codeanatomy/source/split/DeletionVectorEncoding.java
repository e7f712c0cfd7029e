package io.codeanatomy.source.split;

import io.codeanatomy.delta.read.DeletionVector;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** How splits write an optional deletion vector into checkpoints. */
public final class DeletionVectorEncoding {
  private DeletionVectorEncoding() {}

  public static void write(DeletionVector dv, DataOutputStream out) throws IOException {
    out.writeBoolean(dv != null);
    if (dv == null) {
      return;
    }
    out.writeUTF(dv.storageType());
    // Inline vectors can outgrow writeUTF's 64 KiB limit.
    byte[] pathOrInline = dv.pathOrInlineDv().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    out.writeInt(pathOrInline.length);
    out.write(pathOrInline);
    out.writeInt(dv.offset() == null ? -1 : dv.offset());
    out.writeInt(dv.sizeInBytes());
    out.writeLong(dv.cardinality());
  }

  public static DeletionVector read(DataInputStream in) throws IOException {
    if (!in.readBoolean()) {
      return null;
    }
    String storageType = in.readUTF();
    byte[] pathOrInline = new byte[in.readInt()];
    in.readFully(pathOrInline);
    int offset = in.readInt();
    return new DeletionVector(
        storageType,
        new String(pathOrInline, java.nio.charset.StandardCharsets.UTF_8),
        offset < 0 ? null : offset,
        in.readInt(),
        in.readLong());
  }
}
