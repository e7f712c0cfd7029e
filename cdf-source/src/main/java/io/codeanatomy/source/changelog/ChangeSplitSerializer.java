package io.codeanatomy.source.changelog;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/** Writes change splits into checkpoints; version 1. */
public final class ChangeSplitSerializer implements SimpleVersionedSerializer<ChangeSplit> {
  public static final ChangeSplitSerializer INSTANCE = new ChangeSplitSerializer();
  private static final int VERSION = 1;

  @Override
  public int getVersion() {
    return VERSION;
  }

  @Override
  public byte[] serialize(ChangeSplit split) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      write(split, out);
    }
    return bytes.toByteArray();
  }

  @Override
  public ChangeSplit deserialize(int version, byte[] serialized) throws IOException {
    if (version != VERSION) {
      throw new IOException("unknown Delta change split serializer version " + version);
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
      return read(in);
    }
  }

  static void write(ChangeSplit split, DataOutputStream out) throws IOException {
    out.writeUTF(split.tableRoot());
    out.writeLong(split.version());
    out.writeUTF(split.kind().name());
    out.writeUTF(split.path());
    out.writeLong(split.commitTimestamp());
    out.writeLong(split.rowOffset());
  }

  static ChangeSplit read(DataInputStream in) throws IOException {
    return new ChangeSplit(
        in.readUTF(),
        in.readLong(),
        ChangeSplit.Kind.valueOf(in.readUTF()),
        in.readUTF(),
        in.readLong(),
        in.readLong());
  }
}
