package io.codeanatomy.sink.commit;

import io.codeanatomy.delta.commit.AddFile;
import io.codeanatomy.sink.DeltaSinkConfig;
import io.codeanatomy.sink.committable.DeltaCommittable;
import io.codeanatomy.sink.committable.DeltaWriteResult;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.streaming.api.connector.sink2.CommittableMessage;
import org.apache.flink.streaming.api.connector.sink2.CommittableSummary;
import org.apache.flink.streaming.api.connector.sink2.CommittableWithLineage;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * The pre-commit step, run as a single task: folds the write results of all writer subtasks for a
 * checkpoint into one {@link DeltaCommittable}, so each checkpoint (and a whole batch run) becomes
 * exactly one Delta commit, whatever the writers' parallelism.
 *
 * <p>It also fixes the run's Delta application id: the configured id plus the id of the job that
 * started the run, kept in operator state so that a restore (even into a new job from a savepoint)
 * continues the same run rather than starting a new one, which would overwrite again.
 */
public final class DeltaWriteAggregator
    extends AbstractStreamOperator<CommittableMessage<DeltaCommittable>>
    implements OneInputStreamOperator<
        CommittableMessage<DeltaWriteResult>, CommittableMessage<DeltaCommittable>> {

  private final DeltaSinkConfig config;
  private final List<AddFile> pending = new ArrayList<>();
  private final List<AddFile> pendingStaged = new ArrayList<>();
  private transient String runAppId;
  private transient long lastCheckpointId;
  private transient boolean endOfInput;

  public DeltaWriteAggregator(DeltaSinkConfig config) {
    this.config = config;
  }

  @Override
  public void initializeState(StateInitializationContext context) throws Exception {
    super.initializeState(context);
    ListState<String> state =
        context
            .getOperatorStateStore()
            .getListState(new ListStateDescriptor<>("delta-sink-run-app-id", Types.STRING));
    List<String> restored = new ArrayList<>();
    state.get().forEach(restored::add);
    runAppId =
        restored.isEmpty()
            ? config.appId() + "-" + getRuntimeContext().getJobInfo().getJobId()
            : restored.get(0);
    state.update(List.of(runAppId));
    lastCheckpointId = context.getRestoredCheckpointId().orElse(0);
  }

  @Override
  public void processElement(StreamRecord<CommittableMessage<DeltaWriteResult>> element) {
    if (element.getValue() instanceof CommittableWithLineage<DeltaWriteResult> result) {
      pending.addAll(result.getCommittable().files());
      pendingStaged.addAll(result.getCommittable().stagedChanges());
    }
  }

  @Override
  public void prepareSnapshotPreBarrier(long checkpointId) {
    // After end of input the writers send nothing more; the last committable is already out.
    if (!endOfInput) {
      emit(checkpointId);
    }
  }

  @Override
  public void finish() throws Exception {
    // Like Flink's writer operator: the final results belong to the checkpoint after the last one
    // seen. The committer commits them at end of input (batch) or at the final checkpoint.
    endOfInput = true;
    emit(lastCheckpointId + 1);
    super.finish();
  }

  private void emit(long checkpointId) {
    lastCheckpointId = checkpointId;
    DeltaCommittable committable =
        new DeltaCommittable(runAppId, checkpointId, pending, pendingStaged, endOfInput);
    pending.clear();
    pendingStaged.clear();
    output.collect(new StreamRecord<>(new CommittableSummary<>(0, 1, checkpointId, 1, 0)));
    output.collect(new StreamRecord<>(new CommittableWithLineage<>(committable, checkpointId, 0)));
  }
}
