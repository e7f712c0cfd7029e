package io.codeanatomy.sink;

import io.codeanatomy.sink.commit.DeltaCommitter;
import io.codeanatomy.sink.commit.DeltaWriteAggregator;
import io.codeanatomy.sink.commit.PostCommitHook;
import io.codeanatomy.sink.commit.PostCommitSchedule;
import io.codeanatomy.sink.committable.DeltaCommittable;
import io.codeanatomy.sink.committable.DeltaCommittableSerializer;
import io.codeanatomy.sink.committable.DeltaWriteResult;
import io.codeanatomy.sink.committable.DeltaWriteResultSerializer;
import io.codeanatomy.sink.writer.DeltaSinkWriter;
import io.codeanatomy.sink.writer.DeltaUpsertWriter;
import io.codeanatomy.sink.writer.NoWriterStateSerializer;
import java.util.Collection;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.connector.sink2.CommittableMessage;
import org.apache.flink.streaming.api.connector.sink2.CommittableMessageTypeInfo;
import org.apache.flink.streaming.api.connector.sink2.SupportsPreCommitTopology;
import org.apache.flink.streaming.api.connector.sink2.SupportsPreWriteTopology;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.table.data.RowData;

/**
 * Flink sink writing {@link RowData} into one Delta table, exactly once: parallel {@link
 * DeltaSinkWriter}s write Parquet files, one {@link DeltaWriteAggregator} task folds their files
 * per checkpoint into one {@link DeltaCommittable}, and the {@link DeltaCommitter} publishes it as
 * one Delta version after the checkpoint completed (in batch mode: at end of input).
 *
 * <p>In {@link WriteMode#UPSERT} mode the input is first partitioned by the primary key, the
 * writers are {@link DeltaUpsertWriter}s that stage their last change per key, and the committer
 * applies the staged changes as one keyed copy-on-write commit.
 *
 * <p>The writers keep no state; the sink declares writer state ({@code Void}) only so that Flink
 * tells them the checkpoint ids, which name the upsert writers' staged files.
 */
public final class DeltaSink
    implements Sink<RowData>,
        SupportsWriterState<RowData, Void>,
        SupportsPreWriteTopology<RowData>,
        SupportsCommitter<DeltaCommittable>,
        SupportsPreCommitTopology<DeltaWriteResult, DeltaCommittable> {
  private final DeltaSinkConfig config;
  private final PostCommitSchedule postCommit;

  public DeltaSink(DeltaSinkConfig config) {
    this(config, PostCommitSchedule.none());
  }

  private DeltaSink(DeltaSinkConfig config, PostCommitSchedule postCommit) {
    this.config = config;
    this.postCommit = postCommit;
  }

  /** This sink, running {@code hook} after every {@code everyCommits}-th committed version. */
  public DeltaSink withPostCommitHook(PostCommitHook hook, int everyCommits) {
    return new DeltaSink(config, new PostCommitSchedule(hook, everyCommits));
  }

  public DeltaSinkConfig config() {
    return config;
  }

  @Override
  public StatefulSinkWriter<RowData, Void> createWriter(WriterInitContext context) {
    // Checked again here, not only when planning: the table may have changed since.
    config.checkTableSchema();
    if (config.mode() == WriteMode.UPSERT) {
      return new DeltaUpsertWriter(
          config, context.metricGroup(), context.getRestoredCheckpointId().orElse(0));
    }
    return new DeltaSinkWriter(config, context.metricGroup());
  }

  @Override
  public StatefulSinkWriter<RowData, Void> restoreWriter(
      WriterInitContext context, Collection<Void> recoveredState) {
    return createWriter(context);
  }

  @Override
  public SimpleVersionedSerializer<Void> getWriterStateSerializer() {
    return new NoWriterStateSerializer();
  }

  @Override
  public DataStream<RowData> addPreWriteTopology(DataStream<RowData> input) {
    if (config.mode() != WriteMode.UPSERT) {
      return input;
    }
    // All changes of one key must reach one writer, in order, for its last-change-wins collapse.
    return input.keyBy(new PrimaryKeySelector(config.rowType(), config.keyIndexes()), Types.STRING);
  }

  @Override
  public Committer<DeltaCommittable> createCommitter(CommitterInitContext context) {
    return new DeltaCommitter(config, postCommit, context.metricGroup());
  }

  @Override
  public SimpleVersionedSerializer<DeltaCommittable> getCommittableSerializer() {
    return new DeltaCommittableSerializer();
  }

  @Override
  public SimpleVersionedSerializer<DeltaWriteResult> getWriteResultSerializer() {
    return new DeltaWriteResultSerializer();
  }

  @Override
  public DataStream<CommittableMessage<DeltaCommittable>> addPreCommitTopology(
      DataStream<CommittableMessage<DeltaWriteResult>> writeResults) {
    TypeInformation<CommittableMessage<DeltaCommittable>> type =
        CommittableMessageTypeInfo.of(DeltaCommittableSerializer::new);
    String name = "Delta pre-commit aggregator: " + config.tablePath();
    // Both global() calls route everything to subtask 0: of the aggregator, so one task sees all
    // writers' files, and of the committer, so exactly one committer task commits.
    return writeResults
        .global()
        .transform(name, type, new DeltaWriteAggregator(config))
        .setParallelism(1)
        .setMaxParallelism(1)
        .global();
  }
}
