package io.codeanatomy.source.split;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/** Writes the enumerator's pending splits into checkpoints; version 2 (splits of version 2). */
public final class PendingSplitsSerializer implements SimpleVersionedSerializer<PendingSplits> {
  public static final PendingSplitsSerializer INSTANCE = new PendingSplitsSerializer();
  private static final int VERSION = 2;

  @Override
  public int getVersion() {
    return VERSION;
  }

  @Override
  public byte[] serialize(PendingSplits pending) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(pending.splits().size());
      for (DeltaFileSplit split : pending.splits()) {
        DeltaFileSplitSerializer.write(split, out);
      }
    }
    return bytes.toByteArray();
  }

  @Override
  public PendingSplits deserialize(int version, byte[] serialized) throws IOException {
    if (version != 1 && version != VERSION) {
      throw new IOException("unknown Delta enumerator state version " + version);
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
      int count = in.readInt();
      List<DeltaFileSplit> splits = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        splits.add(DeltaFileSplitSerializer.read(version, in));
      }
      return new PendingSplits(splits);
    }
  }
}
