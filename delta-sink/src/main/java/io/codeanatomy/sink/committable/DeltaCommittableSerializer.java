package io.codeanatomy.sink.committable;

import io.codeanatomy.delta.commit.AddFile;
import java.io.IOException;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * Serializes {@link DeltaCommittable}s into the committer's checkpointed state. The version lets a
 * job restored from an older savepoint still read its pending commits.
 */
public final class DeltaCommittableSerializer
    implements SimpleVersionedSerializer<DeltaCommittable> {
  // 2: staged change files (upsert mode) after the data files.
  private static final int VERSION = 2;

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
    AddFileEncoding.writeFiles(committable.stagedChanges(), out);
    return out.getCopyOfBuffer();
  }

  @Override
  public DeltaCommittable deserialize(int version, byte[] serialized) throws IOException {
    if (version != 1 && version != VERSION) {
      throw new IOException("unknown version " + version + " of a serialized DeltaCommittable");
    }
    DataInputDeserializer in = new DataInputDeserializer(serialized);
    String appId = AddFileEncoding.readString(in);
    long checkpointId = in.readLong();
    boolean endOfInput = in.readBoolean();
    List<AddFile> files = AddFileEncoding.readFiles(in);
    List<AddFile> staged = version >= 2 ? AddFileEncoding.readFiles(in) : List.of();
    return new DeltaCommittable(appId, checkpointId, files, staged, endOfInput);
  }
}
