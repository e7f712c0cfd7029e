package io.codeanatomy.source.metadata;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/** Serializes a {@link DescriptionSplit}: table root, version, description, rows emitted. */
public final class DescriptionSplitSerializer
    implements SimpleVersionedSerializer<DescriptionSplit> {
  public static final DescriptionSplitSerializer INSTANCE = new DescriptionSplitSerializer();

  private DescriptionSplitSerializer() {}

  @Override
  public int getVersion() {
    return 1;
  }

  @Override
  public byte[] serialize(DescriptionSplit split) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeUTF(split.tableRoot());
      out.writeLong(split.version());
      out.writeUTF(split.description().name());
      out.writeInt(split.emitted());
    }
    return bytes.toByteArray();
  }

  @Override
  public DescriptionSplit deserialize(int version, byte[] serialized) throws IOException {
    if (version != 1) {
      throw new IOException("unknown metadata split format version " + version);
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
      return new DescriptionSplit(
          in.readUTF(), in.readLong(), TableDescription.valueOf(in.readUTF()), in.readInt());
    }
  }
}
