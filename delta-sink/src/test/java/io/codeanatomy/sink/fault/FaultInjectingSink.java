package io.codeanatomy.sink.fault;

import io.codeanatomy.sink.DeltaSink;
import io.codeanatomy.sink.committable.DeltaCommittable;
import io.codeanatomy.sink.committable.DeltaWriteResult;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.connector.sink2.CommittableMessage;
import org.apache.flink.streaming.api.connector.sink2.SupportsPreCommitTopology;
import org.apache.flink.streaming.api.connector.sink2.SupportsPreWriteTopology;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.table.data.RowData;

/**
 * A {@link DeltaSink} with faults of a {@link FaultPlan} injected around its writers and committer:
 * the sink itself is the production one, wrapped, so production code carries no test hooks. Flink
 * sees the same topology (pre-write keyBy, writers with state, pre-commit aggregator, committer).
 */
public final class FaultInjectingSink
    implements Sink<RowData>,
        SupportsWriterState<RowData, Void>,
        SupportsPreWriteTopology<RowData>,
        SupportsCommitter<DeltaCommittable>,
        SupportsPreCommitTopology<DeltaWriteResult, DeltaCommittable> {
  private final DeltaSink sink;
  private final FaultPlan plan;

  public FaultInjectingSink(DeltaSink sink, FaultPlan plan) {
    this.sink = sink;
    this.plan = plan;
  }

  /** An identity map that fails where the plan says, counting records across all attempts. */
  public static MapFunction<RowData, RowData> recordFaults(FaultPlan plan) {
    return row -> {
      plan.onRecord();
      return row;
    };
  }

  @Override
  public StatefulSinkWriter<RowData, Void> createWriter(WriterInitContext context)
      throws IOException {
    return new Writer(sink.createWriter(context), plan);
  }

  @Override
  public StatefulSinkWriter<RowData, Void> restoreWriter(
      WriterInitContext context, Collection<Void> recoveredState) throws IOException {
    return new Writer(sink.restoreWriter(context, recoveredState), plan);
  }

  @Override
  public SimpleVersionedSerializer<Void> getWriterStateSerializer() {
    return sink.getWriterStateSerializer();
  }

  @Override
  public DataStream<RowData> addPreWriteTopology(DataStream<RowData> input) {
    return sink.addPreWriteTopology(input);
  }

  @Override
  public Committer<DeltaCommittable> createCommitter(CommitterInitContext context)
      throws IOException {
    Committer<DeltaCommittable> committer = sink.createCommitter(context);
    return new Committer<>() {
      @Override
      public void commit(Collection<CommitRequest<DeltaCommittable>> requests)
          throws IOException, InterruptedException {
        long call = plan.beforeCommit();
        committer.commit(requests);
        plan.afterCommit(call);
      }

      @Override
      public void close() throws Exception {
        committer.close();
      }
    };
  }

  @Override
  public SimpleVersionedSerializer<DeltaCommittable> getCommittableSerializer() {
    return sink.getCommittableSerializer();
  }

  @Override
  public DataStream<CommittableMessage<DeltaCommittable>> addPreCommitTopology(
      DataStream<CommittableMessage<DeltaWriteResult>> writeResults) {
    return sink.addPreCommitTopology(writeResults);
  }

  @Override
  public SimpleVersionedSerializer<DeltaWriteResult> getWriteResultSerializer() {
    return sink.getWriteResultSerializer();
  }

  /** Fails right after a staged file was written, before its checkpoint can complete. */
  private static final class Writer
      implements CommittingSinkWriter<RowData, DeltaWriteResult>,
          StatefulSinkWriter<RowData, Void> {
    private final StatefulSinkWriter<RowData, Void> writer;
    private final FaultPlan plan;

    Writer(StatefulSinkWriter<RowData, Void> writer, FaultPlan plan) {
      this.writer = writer;
      this.plan = plan;
    }

    @Override
    public void write(RowData element, Context context) throws IOException, InterruptedException {
      writer.write(element, context);
    }

    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
      writer.flush(endOfInput);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Collection<DeltaWriteResult> prepareCommit() throws IOException, InterruptedException {
      Collection<DeltaWriteResult> results =
          ((CommittingSinkWriter<RowData, DeltaWriteResult>) writer).prepareCommit();
      if (results.stream().anyMatch(r -> !r.stagedChanges().isEmpty())) {
        plan.onStagedFile();
      }
      return results;
    }

    @Override
    public List<Void> snapshotState(long checkpointId) throws IOException {
      return writer.snapshotState(checkpointId);
    }

    @Override
    public void close() throws Exception {
      writer.close();
    }
  }
}
