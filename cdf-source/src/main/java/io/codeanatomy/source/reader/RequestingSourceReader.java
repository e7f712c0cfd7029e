package io.codeanatomy.source.reader;

import java.util.Map;
import java.util.function.Supplier;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.source.reader.RecordEmitter;
import org.apache.flink.connector.base.source.reader.SingleThreadMultiplexSourceReaderBase;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;

/**
 * A reader that pulls its work: it asks the enumerator for a split when it starts idle and again
 * each time one finishes, so splits go to readers as they free up, one at a time.
 */
public abstract class RequestingSourceReader<E, T, S extends SourceSplit, P>
    extends SingleThreadMultiplexSourceReaderBase<E, T, S, P> {

  protected RequestingSourceReader(
      Supplier<SplitReader<E, S>> splitReader,
      RecordEmitter<E, T, P> emitter,
      SourceReaderContext context) {
    super(splitReader, emitter, new Configuration(), context);
  }

  @Override
  public void start() {
    if (getNumberOfCurrentlyAssignedSplits() == 0) {
      context.sendSplitRequest();
    }
  }

  @Override
  protected void onSplitFinished(Map<String, P> finished) {
    context.sendSplitRequest();
  }
}
