package io.codeanatomy.source.split;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/** Writes splits into checkpoints; version 1. */
public final class DeltaFileSplitSerializer implements SimpleVersionedSerializer<DeltaFileSplit> {
  public static final DeltaFileSplitSerializer INSTANCE = new DeltaFileSplitSerializer();
  private static final int VERSION = 1;

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
    if (version != VERSION) {
      throw new IOException("unknown Delta split serializer version " + version);
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
      return read(in);
    }
  }

  static void write(DeltaFileSplit split, DataOutputStream out) throws IOException {
    out.writeUTF(split.tableRoot());
    out.writeUTF(split.path());
    out.writeLong(split.size());
    out.writeLong(split.modificationTime());
    out.writeLong(split.rowsToSkip());
  }

  static DeltaFileSplit read(DataInputStream in) throws IOException {
    return new DeltaFileSplit(
        in.readUTF(), in.readUTF(), in.readLong(), in.readLong(), in.readLong());
  }
}
