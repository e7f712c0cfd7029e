package io.codeanatomy.source.changelog;

import io.codeanatomy.delta.read.DeletionVector;
import io.codeanatomy.source.split.DeletionVectorEncoding;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/** Writes change splits into checkpoints; version 2 (version 1 had no deletion vectors). */
public final class ChangeSplitSerializer implements SimpleVersionedSerializer<ChangeSplit> {
  public static final ChangeSplitSerializer INSTANCE = new ChangeSplitSerializer();
  private static final int VERSION = 2;

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
    if (version != 1 && version != VERSION) {
      throw new IOException("unknown Delta change split serializer version " + version);
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
      return read(version, in);
    }
  }

  static void write(ChangeSplit split, DataOutputStream out) throws IOException {
    out.writeUTF(split.tableRoot());
    out.writeLong(split.version());
    out.writeUTF(split.kind().name());
    out.writeUTF(split.path());
    DeletionVectorEncoding.write(split.onlyDeletedBy(), out);
    DeletionVectorEncoding.write(split.notDeletedBy(), out);
    out.writeLong(split.commitTimestamp());
    out.writeLong(split.rowOffset());
  }

  static ChangeSplit read(int version, DataInputStream in) throws IOException {
    String root = in.readUTF();
    long tableVersion = in.readLong();
    ChangeSplit.Kind kind = ChangeSplit.Kind.valueOf(in.readUTF());
    String path = in.readUTF();
    DeletionVector onlyDeletedBy = version == 1 ? null : DeletionVectorEncoding.read(in);
    DeletionVector notDeletedBy = version == 1 ? null : DeletionVectorEncoding.read(in);
    return new ChangeSplit(
        root, tableVersion, kind, path, onlyDeletedBy, notDeletedBy, in.readLong(), in.readLong());
  }
}
