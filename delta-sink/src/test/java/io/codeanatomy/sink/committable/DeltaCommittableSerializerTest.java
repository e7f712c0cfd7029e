package io.codeanatomy.sink.committable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.codeanatomy.delta.commit.AddFile;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeltaCommittableSerializerTest {
  static final List<AddFile> FILES =
      List.of(
          new AddFile("part-1.parquet", 10, 20, true, "{\"numRecords\":1}"),
          new AddFile("part-2.parquet", 11, 21, true, null),
          new AddFile("big.parquet", 12, 22, true, "x".repeat(100_000)));

  @Test
  void committableRoundTrips() throws IOException {
    DeltaCommittableSerializer serializer = new DeltaCommittableSerializer();
    DeltaCommittable committable = new DeltaCommittable("app-job", Long.MAX_VALUE, FILES, true);

    byte[] bytes = serializer.serialize(committable);

    assertThat(serializer.deserialize(serializer.getVersion(), bytes)).isEqualTo(committable);
  }

  @Test
  void writeResultRoundTrips() throws IOException {
    DeltaWriteResultSerializer serializer = new DeltaWriteResultSerializer();
    DeltaWriteResult result = new DeltaWriteResult(FILES);

    assertThat(serializer.deserialize(serializer.getVersion(), serializer.serialize(result)))
        .isEqualTo(result);
  }

  @Test
  void stagedChangeFilesRoundTrip() throws IOException {
    List<AddFile> staged = List.of(new AddFile("_staging/part-9.parquet", 13, 23, true, null));
    DeltaCommittableSerializer committables = new DeltaCommittableSerializer();
    DeltaCommittable committable = new DeltaCommittable("app-job", 7, List.of(), staged, false);
    DeltaWriteResultSerializer results = new DeltaWriteResultSerializer();
    DeltaWriteResult result = new DeltaWriteResult(List.of(), staged);

    assertThat(committables.deserialize(2, committables.serialize(committable)))
        .isEqualTo(committable);
    assertThat(results.deserialize(2, results.serialize(result))).isEqualTo(result);
  }

  @Test
  void versionOneCommittableWithoutStagedFilesIsStillRead() throws IOException {
    // Version 1 is version 2 without the trailing staged-files list.
    DeltaCommittableSerializer serializer = new DeltaCommittableSerializer();
    DeltaCommittable committable = new DeltaCommittable("app-job", 3, FILES, false);
    byte[] v2 = serializer.serialize(committable);
    byte[] v1 = java.util.Arrays.copyOf(v2, v2.length - Integer.BYTES);

    assertThat(serializer.deserialize(1, v1)).isEqualTo(committable);
  }

  @Test
  void unknownVersionIsRefused() {
    assertThatThrownBy(() -> new DeltaCommittableSerializer().deserialize(99, new byte[0]))
        .hasMessageContaining("unknown version 99");
  }
}
