package io.codeanatomy.source.metadata;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.lib.util.IteratorSourceEnumerator;
import org.apache.flink.api.connector.source.lib.util.IteratorSourceReader;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;

/**
 * A table version's metadata or file list as a bounded, insert-only source (FLIP-27): one split,
 * read by whichever subtask asks first, whose rows the reader computes from the log when it opens
 * the split. The rows are never part of the plan or the job graph, only the table and version are,
 * and they are the same every time the version is read.
 */
public final class DeltaMetadataSource
    implements Source<RowData, DescriptionSplit, Collection<DescriptionSplit>>,
        ResultTypeQueryable<RowData> {
  private final String tableRoot;
  private final long version;
  private final TableDescription description;

  public DeltaMetadataSource(String tableRoot, long version, TableDescription description) {
    this.tableRoot = tableRoot;
    this.version = version;
    this.description = description;
  }

  @Override
  public Boundedness getBoundedness() {
    return Boundedness.BOUNDED;
  }

  @Override
  public TypeInformation<RowData> getProducedType() {
    return InternalTypeInfo.of(description.rowType());
  }

  @Override
  public SourceReader<RowData, DescriptionSplit> createReader(SourceReaderContext context) {
    return new IteratorSourceReader<>(context);
  }

  @Override
  public SplitEnumerator<DescriptionSplit, Collection<DescriptionSplit>> createEnumerator(
      SplitEnumeratorContext<DescriptionSplit> context) {
    return new IteratorSourceEnumerator<>(
        context, List.of(new DescriptionSplit(tableRoot, version, description, 0)));
  }

  @Override
  public SplitEnumerator<DescriptionSplit, Collection<DescriptionSplit>> restoreEnumerator(
      SplitEnumeratorContext<DescriptionSplit> context, Collection<DescriptionSplit> checkpoint) {
    return new IteratorSourceEnumerator<>(context, checkpoint);
  }

  @Override
  public SimpleVersionedSerializer<DescriptionSplit> getSplitSerializer() {
    return DescriptionSplitSerializer.INSTANCE;
  }

  @Override
  public SimpleVersionedSerializer<Collection<DescriptionSplit>>
      getEnumeratorCheckpointSerializer() {
    return new PendingSplits();
  }

  /** The enumerator's checkpoint: the splits not yet handed out (none or the one). */
  private static final class PendingSplits
      implements SimpleVersionedSerializer<Collection<DescriptionSplit>> {
    @Override
    public int getVersion() {
      return 1;
    }

    @Override
    public byte[] serialize(Collection<DescriptionSplit> splits) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        out.writeInt(splits.size());
        for (DescriptionSplit split : splits) {
          byte[] one = DescriptionSplitSerializer.INSTANCE.serialize(split);
          out.writeInt(one.length);
          out.write(one);
        }
      }
      return bytes.toByteArray();
    }

    @Override
    public Collection<DescriptionSplit> deserialize(int version, byte[] serialized)
        throws IOException {
      List<DescriptionSplit> splits = new ArrayList<>();
      try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
          byte[] one = new byte[in.readInt()];
          in.readFully(one);
          splits.add(
              DescriptionSplitSerializer.INSTANCE.deserialize(
                  DescriptionSplitSerializer.INSTANCE.getVersion(), one));
        }
      }
      return splits;
    }
  }
}
