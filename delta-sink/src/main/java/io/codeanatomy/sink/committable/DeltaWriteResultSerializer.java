package io.codeanatomy.sink.committable;

import io.codeanatomy.delta.commit.AddFile;
import java.io.IOException;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/** Serializes {@link DeltaWriteResult}s on their way from the writers to the aggregator. */
public final class DeltaWriteResultSerializer
    implements SimpleVersionedSerializer<DeltaWriteResult> {
  // 2: staged change files (upsert mode) after the data files.
  private static final int VERSION = 2;

  @Override
  public int getVersion() {
    return VERSION;
  }

  @Override
  public byte[] serialize(DeltaWriteResult result) throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(256);
    AddFileEncoding.writeFiles(result.files(), out);
    AddFileEncoding.writeFiles(result.stagedChanges(), out);
    return out.getCopyOfBuffer();
  }

  @Override
  public DeltaWriteResult deserialize(int version, byte[] serialized) throws IOException {
    if (version != 1 && version != VERSION) {
      throw new IOException("unknown version " + version + " of a serialized DeltaWriteResult");
    }
    DataInputDeserializer in = new DataInputDeserializer(serialized);
    List<AddFile> files = AddFileEncoding.readFiles(in);
    List<AddFile> staged = version >= 2 ? AddFileEncoding.readFiles(in) : List.of();
    return new DeltaWriteResult(files, staged);
  }
}
