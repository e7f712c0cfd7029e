package io.codeanatomy.sink.committable;

import java.io.IOException;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * Serializes {@link DeltaCommittable}s into the committer's checkpointed state. The version lets a
 * job restored from an older savepoint still read its pending commits.
 */
public final class DeltaCommittableSerializer
    implements SimpleVersionedSerializer<DeltaCommittable> {
  private static final int VERSION = 1;

  @Override
  public int getVersion() {
    return VERSION;
  }

  @Override
  public byte[] serialize(DeltaCommittable committable) throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(256);
    AddFileEncoding.writeString(committable.appId(), out);
    out.writeLong(committable.checkpointId());
    out.writeBoolean(committable.endOfInput());
    AddFileEncoding.writeFiles(committable.files(), out);
    return out.getCopyOfBuffer();
  }

  @Override
  public DeltaCommittable deserialize(int version, byte[] serialized) throws IOException {
    if (version != VERSION) {
      throw new IOException("unknown version " + version + " of a serialized DeltaCommittable");
    }
    DataInputDeserializer in = new DataInputDeserializer(serialized);
    String appId = AddFileEncoding.readString(in);
    long checkpointId = in.readLong();
    boolean endOfInput = in.readBoolean();
    return new DeltaCommittable(appId, checkpointId, AddFileEncoding.readFiles(in), endOfInput);
  }
}
