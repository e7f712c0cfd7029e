package io.codeanatomy.source;

import io.codeanatomy.delta.DeltaException;
import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.KernelEngine;
import io.codeanatomy.delta.TableFile;
import io.codeanatomy.source.changelog.ChangeColumns;
import io.codeanatomy.source.changelog.ChangeSplit;
import io.codeanatomy.source.changelog.ChangeSplitSerializer;
import io.codeanatomy.source.changelog.ChangelogEnumeratorState;
import io.codeanatomy.source.changelog.ChangelogEnumeratorStateSerializer;
import io.codeanatomy.source.changelog.ChangelogSourceReader;
import io.codeanatomy.source.changelog.ChangelogSplitEnumerator;
import io.codeanatomy.source.changelog.CommitLog;
import io.codeanatomy.source.reader.FilePathColumn;
import io.codeanatomy.source.schema.ColumnCheck;
import io.delta.kernel.Snapshot;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.configuration.DescribedEnum;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.description.InlineElement;
import org.apache.flink.configuration.description.TextElement;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.RowType;

/**
 * A Delta table's Change Data Feed as a Flink changelog: from a starting version, each version's
 * row changes with their {@link org.apache.flink.types.RowKind}, up to an ending version (bounded)
 * or for as long as the job runs (polling the log). With {@link StartupMode#SNAPSHOT_THEN_CHANGES}
 * it first emits the starting version's rows as inserts, so downstream state starts complete.
 *
 * <p><b>One reader.</b> A changelog is correct only if the changes to one key reach each downstream
 * operator in commit order. Records of different source subtasks travel through different channels
 * with no order between them, so an update read by one subtask could overtake the insert it
 * updates, read by another. The enumerator therefore hands splits to subtask 0 only, one split at a
 * time and in feed order (by version, and within a version every retraction before every
 * accumulation); any other subtask is told at once that it gets nothing and finishes. Every record
 * then leaves through subtask 0, and each downstream subtask receives it through one channel, which
 * Flink keeps in order. This works at any source parallelism, which matters for the Table API: its
 * planner refuses a fixed parallelism for a changelog source without a primary key. In a DataStream
 * job, set the source's parallelism to 1 to avoid the idle subtasks.
 *
 * <p>Exactly once: the enumerator checkpoints the next version to discover and the splits not yet
 * handed out; the reader checkpoints the split in progress with the file offset after the last row
 * it emitted. Row order within a Parquet file is fixed, so a restore resumes at exactly that row.
 */
public final class DeltaChangelogSource
    implements Source<RowData, ChangeSplit, ChangelogEnumeratorState>,
        ResultTypeQueryable<RowData> {

  /** Where the feed starts; {@code toString} is the table option's value. */
  public enum StartupMode implements DescribedEnum {
    SNAPSHOT_THEN_CHANGES(
        "snapshot-then-changes",
        "The rows of the starting version as inserts, then the changes of every later version."),
    CHANGES_ONLY("changes-only", "The changes of the starting version and every later version.");

    private final String value;
    private final String description;

    StartupMode(String value, String description) {
      this.value = value;
      this.description = description;
    }

    @Override
    public String toString() {
      return value;
    }

    @Override
    public InlineElement getDescription() {
      return TextElement.text(description);
    }
  }

  private final String tableRoot;
  private final RowType rowType;
  private final StartupMode startup;
  private final long startingVersion;
  private final Long endingVersion;
  private final long pollMillis;
  private final long backlogBytes;
  private final boolean withFilePath;
  private final boolean changesAsRows;

  /**
   * Unread change files of at least this size make the source report backlog: a single-file edit's
   * changes are kilobytes, a refactor across hundreds of files megabytes.
   */
  public static final MemorySize DEFAULT_BACKLOG_THRESHOLD = MemorySize.parse("16mb");

  private DeltaChangelogSource(Builder b, long startingVersion) {
    this.tableRoot = b.table.path();
    this.rowType = b.rowType;
    this.startup = b.startup;
    this.startingVersion = startingVersion;
    this.endingVersion = b.endingVersion;
    this.pollMillis = b.pollInterval.toMillis();
    this.backlogBytes = b.backlogThreshold.getBytes();
    this.withFilePath = b.withFilePath;
    this.changesAsRows = b.changesAsRows;
  }

  /**
   * @param rowType the columns to read, a subset of the table's, in the order to emit them
   */
  public static Builder builder(Path tableRoot, RowType rowType) {
    return new Builder(DeltaTable.forPath(tableRoot), rowType);
  }

  /** The last version the feed reads, when it is bounded. */
  public java.util.Optional<Long> endingVersion() {
    return java.util.Optional.ofNullable(endingVersion);
  }

  /** The first version the feed reads (the snapshot's, for {@code SNAPSHOT_THEN_CHANGES}). */
  public long startingVersion() {
    return startingVersion;
  }

  @Override
  public Boundedness getBoundedness() {
    return endingVersion == null ? Boundedness.CONTINUOUS_UNBOUNDED : Boundedness.BOUNDED;
  }

  @Override
  public TypeInformation<RowData> getProducedType() {
    RowType produced = FilePathColumn.producedType(rowType, withFilePath);
    return InternalTypeInfo.of(changesAsRows ? ChangeColumns.producedType(produced) : produced);
  }

  @Override
  public SourceReader<RowData, ChangeSplit> createReader(SourceReaderContext context) {
    return new ChangelogSourceReader(context, rowType, withFilePath, changesAsRows);
  }

  @Override
  public SplitEnumerator<ChangeSplit, ChangelogEnumeratorState> createEnumerator(
      SplitEnumeratorContext<ChangeSplit> context) {
    CommitLog log = new CommitLog(Path.of(tableRoot));
    ChangelogEnumeratorState initial;
    if (startup == StartupMode.SNAPSHOT_THEN_CHANGES) {
      DeltaTable table = DeltaTable.forPath(Path.of(tableRoot));
      Snapshot snapshot = table.snapshotAt(startingVersion);
      ColumnCheck.check(tableRoot, startingVersion, snapshot.getSchema(), rowType);
      long timestamp = snapshot.getTimestamp(KernelEngine.shared());
      List<ChangeSplit> splits =
          table.files(snapshot).stream().map(f -> snapshotSplit(f, timestamp)).toList();
      initial = new ChangelogEnumeratorState(startingVersion + 1, splits);
    } else {
      // Later schema changes are checked as their versions are discovered; this one covers the
      // versions before the first of them.
      DeltaTable table = DeltaTable.forPath(Path.of(tableRoot));
      Snapshot snapshot = table.snapshotAt(Math.min(startingVersion, table.latestVersion()));
      ColumnCheck.check(tableRoot, snapshot.getVersion(), snapshot.getSchema(), rowType);
      initial = new ChangelogEnumeratorState(startingVersion, List.of());
    }
    return restoreEnumerator(context, initial);
  }

  @Override
  public SplitEnumerator<ChangeSplit, ChangelogEnumeratorState> restoreEnumerator(
      SplitEnumeratorContext<ChangeSplit> context, ChangelogEnumeratorState checkpoint) {
    return new ChangelogSplitEnumerator(
        context,
        new CommitLog(Path.of(tableRoot)),
        rowType,
        endingVersion,
        pollMillis,
        backlogBytes,
        checkpoint);
  }

  @Override
  public SimpleVersionedSerializer<ChangeSplit> getSplitSerializer() {
    return ChangeSplitSerializer.INSTANCE;
  }

  @Override
  public SimpleVersionedSerializer<ChangelogEnumeratorState> getEnumeratorCheckpointSerializer() {
    return ChangelogEnumeratorStateSerializer.INSTANCE;
  }

  private ChangeSplit snapshotSplit(TableFile file, long timestamp) {
    return new ChangeSplit(
        tableRoot,
        startingVersion,
        ChangeSplit.Kind.SNAPSHOT,
        file.path(),
        null,
        file.deletionVector(),
        timestamp,
        0);
  }

  /** Options of a changelog source; {@link #build()} resolves the starting version. */
  public static final class Builder {
    private final DeltaTable table;
    private final RowType rowType;
    private StartupMode startup = StartupMode.SNAPSHOT_THEN_CHANGES;
    private Long startingVersion;
    private Long startingTimestamp;
    private Long endingVersion;
    private Duration pollInterval = Duration.ofSeconds(1);
    private MemorySize backlogThreshold = DEFAULT_BACKLOG_THRESHOLD;
    private boolean withFilePath;
    private boolean changesAsRows;
    private Long endingTimestamp;

    private Builder(DeltaTable table, RowType rowType) {
      this.table = table;
      this.rowType = Objects.requireNonNull(rowType);
    }

    public Builder startup(StartupMode mode) {
      this.startup = Objects.requireNonNull(mode);
      return this;
    }

    /** The first version to read; default: the latest (snapshot) or the one after (changes). */
    public Builder startingVersion(long version) {
      this.startingVersion = version;
      return this;
    }

    /** Start at the first version committed at or after this time (ms since the epoch). */
    public Builder startingTimestamp(long epochMillis) {
      this.startingTimestamp = epochMillis;
      return this;
    }

    /** The last version to read (inclusive); without one the source runs until cancelled. */
    public Builder endingVersion(long version) {
      this.endingVersion = version;
      return this;
    }

    /** How often to look for new versions; default 1 s. */
    public Builder pollInterval(Duration interval) {
      if (interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException("poll interval must be positive: " + interval);
      }
      this.pollInterval = interval;
      return this;
    }

    /**
     * Reports backlog while unread change files add up to at least this size (and while a starting
     * snapshot is read); default {@link #DEFAULT_BACKLOG_THRESHOLD}.
     */
    public Builder backlogThreshold(MemorySize threshold) {
      this.backlogThreshold = Objects.requireNonNull(threshold);
      return this;
    }

    /**
     * Appends to every row the path of the file it was read from (a data file, or a change data
     * file), as a last {@code STRING NOT NULL} column named {@value FilePathColumn#KEY}.
     */
    public Builder withFilePath() {
      this.withFilePath = true;
      return this;
    }

    /**
     * Emits every change as an insert of its row followed by {@link ChangeColumns} (change type,
     * commit version, commit timestamp): the feed as an insert-only relation of changes. Only with
     * {@link StartupMode#CHANGES_ONLY}; the metrics then count every row as an insert.
     */
    public Builder changesAsRows() {
      this.changesAsRows = true;
      return this;
    }

    /**
     * End at the last version committed at or before this time (ms since the epoch), inclusive;
     * exclusive with {@link #endingVersion}.
     */
    public Builder endingTimestamp(long epochMillis) {
      this.endingTimestamp = epochMillis;
      return this;
    }

    /**
     * @throws DeltaException when the table does not exist or the options contradict each other
     */
    public DeltaChangelogSource build() {
      if (startingVersion != null && startingTimestamp != null) {
        throw new DeltaException(
            table.path(), "set a starting version or a starting timestamp, not both");
      }
      long latest = table.latestVersion(); // fails clearly when there is no table
      long start;
      if (startingVersion != null) {
        start = startingVersion;
      } else if (startingTimestamp != null) {
        start =
            new CommitLog(table.root()).firstVersionAtOrAfter(startingTimestamp).orElse(latest + 1);
      } else {
        start = startup == StartupMode.SNAPSHOT_THEN_CHANGES ? latest : latest + 1;
      }
      if (startup == StartupMode.SNAPSHOT_THEN_CHANGES && start > latest) {
        throw new DeltaException(
            table.path(),
            "the starting version "
                + start
                + " is not committed yet (latest is "
                + latest
                + "), so there is no snapshot to start from; use changes-only to wait for it");
      }
      if (start < 0) {
        throw new DeltaException(table.path(), "the starting version must be ≥ 0: " + start);
      }
      if (changesAsRows && startup != StartupMode.CHANGES_ONLY) {
        throw new DeltaException(
            table.path(), "changes as rows are read changes-only: a snapshot has no changes");
      }
      if (endingTimestamp != null) {
        if (endingVersion != null) {
          throw new DeltaException(
              table.path(), "set an ending version or an ending timestamp, not both");
        }
        endingVersion =
            new CommitLog(table.root())
                .lastVersionAtOrBefore(endingTimestamp)
                .orElseThrow(
                    () ->
                        new DeltaException(
                            table.path(),
                            "no version was committed at or before the ending timestamp "
                                + java.time.Instant.ofEpochMilli(endingTimestamp)));
        endingTimestamp = null;
      }
      if (endingVersion != null && endingVersion < start) {
        throw new DeltaException(
            table.path(),
            "the ending version " + endingVersion + " is before the starting version " + start);
      }
      return new DeltaChangelogSource(this, start);
    }
  }
}
