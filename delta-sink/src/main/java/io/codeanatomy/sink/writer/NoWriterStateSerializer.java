package io.codeanatomy.sink.writer;

import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * The serializer of the writers' (always empty) state. The sink declares writer state only so that
 * Flink tells its writers each checkpoint id ({@code snapshotState}); see {@link
 * DeltaUpsertWriter}.
 */
public final class NoWriterStateSerializer implements SimpleVersionedSerializer<Void> {
  @Override
  public int getVersion() {
    return 1;
  }

  @Override
  public byte[] serialize(Void state) {
    return new byte[0];
  }

  @Override
  public Void deserialize(int version, byte[] serialized) {
    return null;
  }
}
