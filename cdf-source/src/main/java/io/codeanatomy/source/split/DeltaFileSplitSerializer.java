package io.codeanatomy.source.split;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/** Writes splits into checkpoints; version 2 (version 1 had no deletion vector, no version). */
public final class DeltaFileSplitSerializer implements SimpleVersionedSerializer<DeltaFileSplit> {
  public static final DeltaFileSplitSerializer INSTANCE = new DeltaFileSplitSerializer();
  private static final int VERSION = 2;

  @Override
  public int getVersion() {
    return VERSION;
  }

  @Override
  public byte[] serialize(DeltaFileSplit split) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      write(split, out);
    }
    return bytes.toByteArray();
  }

  @Override
  public DeltaFileSplit deserialize(int version, byte[] serialized) throws IOException {
    if (version != 1 && version != VERSION) {
      throw new IOException("unknown Delta split serializer version " + version);
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
      return read(version, in);
    }
  }

  static void write(DeltaFileSplit split, DataOutputStream out) throws IOException {
    out.writeUTF(split.tableRoot());
    out.writeLong(split.version());
    out.writeUTF(split.path());
    out.writeLong(split.size());
    out.writeLong(split.modificationTime());
    DeletionVectorEncoding.write(split.deletionVector(), out);
    out.writeLong(split.rowOffset());
  }

  /**
   * Version 1 counted emitted rows; it only ever described files without deletion vectors, where
   * emitted rows and consumed rows are the same.
   */
  static DeltaFileSplit read(int version, DataInputStream in) throws IOException {
    String root = in.readUTF();
    long tableVersion = version == 1 ? -1 : in.readLong();
    String path = in.readUTF();
    long size = in.readLong();
    long modificationTime = in.readLong();
    var dv = version == 1 ? null : DeletionVectorEncoding.read(in);
    return new DeltaFileSplit(root, tableVersion, path, size, modificationTime, dv, in.readLong());
  }
}
