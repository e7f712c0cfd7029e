package io.codeanatomy.source.changelog;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/** Writes the changelog enumerator's state into checkpoints; version 2 (splits of version 2). */
public final class ChangelogEnumeratorStateSerializer
    implements SimpleVersionedSerializer<ChangelogEnumeratorState> {
  public static final ChangelogEnumeratorStateSerializer INSTANCE =
      new ChangelogEnumeratorStateSerializer();
  private static final int VERSION = 2;

  @Override
  public int getVersion() {
    return VERSION;
  }

  @Override
  public byte[] serialize(ChangelogEnumeratorState state) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeLong(state.nextVersion());
      out.writeInt(state.pending().size());
      for (ChangeSplit split : state.pending()) {
        ChangeSplitSerializer.write(split, out);
      }
    }
    return bytes.toByteArray();
  }

  @Override
  public ChangelogEnumeratorState deserialize(int version, byte[] serialized) throws IOException {
    if (version != 1 && version != VERSION) {
      throw new IOException("unknown Delta changelog enumerator state version " + version);
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
      long nextVersion = in.readLong();
      int count = in.readInt();
      List<ChangeSplit> pending = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        pending.add(ChangeSplitSerializer.read(version, in));
      }
      return new ChangelogEnumeratorState(nextVersion, pending);
    }
  }
}
