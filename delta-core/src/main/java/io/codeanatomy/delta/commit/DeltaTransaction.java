package io.codeanatomy.delta.commit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.codeanatomy.delta.DeltaException;
import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.KernelEngine;
import io.codeanatomy.delta.TableFile;
import io.codeanatomy.delta.constraint.TableConstraints;
import io.codeanatomy.delta.read.DataFileReader;
import io.delta.kernel.Snapshot;
import io.delta.kernel.exceptions.CheckpointAlreadyExistsException;
import io.delta.kernel.exceptions.KernelException;
import io.delta.kernel.types.StructType;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * One commit to one table: collects actions against the version it read and publishes them as the
 * next version. Kernel cannot commit a version that adds and removes data in a table with Change
 * Data Feed, so this class writes the log itself, following the Delta protocol.
 *
 * <p>A transaction that finds its version taken reads the commits that won and rebases over them
 * when they touched nothing it depends on (see {@link ConflictDetector}): blind appends of other
 * writers never fail it. Otherwise it fails with {@link CommitConflictException} naming the winning
 * version and why; it never overwrites another writer's commit.
 *
 * <p>It refuses tables whose protocol needs writer features this layer does not implement ({@link
 * ProtocolSupport}), enforces {@code delta.appendOnly}, and after publishing every {@code
 * delta.checkpointInterval}-th version (default 10) writes a checkpoint through Kernel.
 *
 * <p>Every data file it adds satisfies the table's constraints ({@link #constraints()}): files
 * written for it by {@link io.codeanatomy.delta.write.ParquetFileWriter#forTransaction} were
 * checked before they were written; any other added file is read back and checked before the commit
 * is published, when the table has CHECK constraints.
 */
public final class DeltaTransaction {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final System.Logger LOG = System.getLogger(DeltaTransaction.class.getName());

  /** Table property: write a checkpoint after every this many versions. */
  public static final String CHECKPOINT_INTERVAL = "delta.checkpointInterval";

  public static final int DEFAULT_CHECKPOINT_INTERVAL = 10;

  /** Table property: data may only be appended, never removed. */
  public static final String APPEND_ONLY = "delta.appendOnly";

  /** Rebases before giving up: each one means another writer published a version meanwhile. */
  static final int MAX_REBASES = 100;

  private final DeltaTable table;
  private final Snapshot readSnapshot; // null when the transaction creates the table
  private final List<Action> actions = new ArrayList<>();
  private boolean removesData;
  private boolean addsData;
  private int rebases;
  private final Set<String> removedPaths = new HashSet<>();
  private final Set<String> readPaths = new HashSet<>();
  private final Set<String> appIds = new HashSet<>();
  private Predicate<AddFile> readRange = a -> false;
  private final List<String> readRangeDescriptions = new ArrayList<>();
  private List<TableFile> snapshotFiles;
  private TableConstraints constraints;
  private final Set<String> checkedPaths = new HashSet<>();

  private DeltaTransaction(DeltaTable table, Snapshot readSnapshot) {
    this.table = table;
    this.readSnapshot = readSnapshot;
  }

  /** A transaction that creates the table as version 0 with this schema and these properties. */
  public static DeltaTransaction createTable(
      DeltaTable table, StructType schema, Map<String, String> properties) {
    if (table.exists()) {
      throw new DeltaException(table.path(), "cannot create the table: it already exists");
    }
    // A constraint this layer cannot enforce must not reach the log of a table it creates.
    TableConstraints.of(table.path(), schema, properties);
    DeltaTransaction txn = new DeltaTransaction(table, null);
    long now = System.currentTimeMillis();
    txn.actions.add(Protocol.CDF_TABLES);
    txn.actions.add(new Metadata(UUID.randomUUID().toString(), schema.toJson(), properties, now));
    return txn;
  }

  /**
   * A transaction on the latest version of an existing table.
   *
   * @throws DeltaException when the table's protocol needs a writer feature this layer lacks
   */
  public static DeltaTransaction update(DeltaTable table) {
    Snapshot snapshot = table.snapshot();
    ProtocolSupport.requireWritable(table, snapshot);
    return new DeltaTransaction(table, snapshot);
  }

  public DeltaTable table() {
    return table;
  }

  /** The version this transaction read, or -1 when it creates the table. */
  public long readVersion() {
    return readSnapshot == null ? -1 : readSnapshot.getVersion();
  }

  /** The schema the table has (or will have, for a new table). */
  public StructType schema() {
    if (readSnapshot != null) {
      return readSnapshot.getSchema();
    }
    return actions.stream()
        .filter(Metadata.class::isInstance)
        .map(a -> table.parseSchema(((Metadata) a).schemaString()))
        .findFirst()
        .orElseThrow();
  }

  /** The table's properties as this transaction sees them. */
  public Map<String, String> tableProperties() {
    if (readSnapshot != null) {
      return readSnapshot.getTableProperties();
    }
    return actions.stream()
        .filter(Metadata.class::isInstance)
        .map(a -> ((Metadata) a).configuration())
        .findFirst()
        .orElseThrow();
  }

  /**
   * What every row of a data file this transaction adds must satisfy: the schema's NOT NULL columns
   * and the table's CHECK constraints ({@code delta.constraints.*}).
   */
  public TableConstraints constraints() {
    if (constraints == null) {
      constraints = TableConstraints.of(table.path(), schema(), tableProperties());
    }
    return constraints;
  }

  /**
   * Declares that every row of data file {@code path} was checked against {@link #constraints()}
   * before it was written, so the commit need not read it back. Only for writers that did so.
   */
  public void constraintsChecked(String path) {
    checkedPaths.add(path);
  }

  /** The data files of the version this transaction read (none for a new table), in path order. */
  public List<TableFile> snapshotFiles() {
    if (snapshotFiles == null) {
      snapshotFiles = readSnapshot == null ? List.of() : table.files(readSnapshot);
    }
    return snapshotFiles;
  }

  /**
   * Declares that the content of data file {@code path} decided what this transaction writes: a
   * concurrent commit that removes it makes this transaction fail rather than rebase.
   */
  public DeltaTransaction markRead(String path) {
    readPaths.add(path);
    return this;
  }

  /**
   * Declares that rows in files matching {@code range} decided what this transaction writes (e.g.
   * "keys between a and f"): a concurrent commit that adds such a file makes it fail rather than
   * rebase, since it did not see those rows.
   */
  public DeltaTransaction markReadRange(String description, Predicate<AddFile> range) {
    readRange = readRange.or(range);
    readRangeDescriptions.add(description);
    return this;
  }

  public DeltaTransaction add(AddFile file) {
    actions.add(file);
    addsData |= file.dataChange();
    return this;
  }

  /** Removes one data file of the version this transaction read. */
  public DeltaTransaction remove(RemoveFile file) {
    actions.add(file);
    removesData |= file.dataChange();
    removedPaths.add(file.path());
    return this;
  }

  /**
   * Adds a change data file: once a commit has one, readers of the change feed take all of the
   * commit's changes from its {@code cdc} files, so they must describe every changed row.
   */
  public DeltaTransaction addCdc(AddCdcFile file) {
    actions.add(file);
    return this;
  }

  /**
   * Records that application {@code appId} has committed its {@code version} (a Delta {@code txn}
   * action), so a writer replaying that version after a failure can see it already landed.
   */
  public DeltaTransaction setTransaction(String appId, long version) {
    actions.add(new SetTransaction(appId, version, System.currentTimeMillis()));
    appIds.add(appId);
    return this;
  }

  /**
   * The latest version application {@code appId} recorded in the version this transaction read;
   * empty when it recorded none or the transaction creates the table.
   */
  public Optional<Long> transactionVersion(String appId) {
    if (readSnapshot == null) {
      return Optional.empty();
    }
    try {
      return readSnapshot.getLatestTransactionVersion(KernelEngine.shared(), appId);
    } catch (KernelException e) {
      throw new DeltaException(
          table.path(),
          "cannot read the txn version of application "
              + appId
              + " at version "
              + readSnapshot.getVersion()
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /** How many concurrent commits the published commit was rebased over (0 if none). */
  public int rebases() {
    return rebases;
  }

  /** Removes every data file of the version this transaction read. */
  public DeltaTransaction removeAllFiles() {
    if (readSnapshot == null) {
      return this;
    }
    long now = System.currentTimeMillis();
    for (TableFile file : snapshotFiles()) {
      remove(new RemoveFile(file.path(), now, true, file.size()));
    }
    // What replaces the whole content must not miss rows another writer added meanwhile.
    return markReadRange("the whole table", a -> true);
  }

  /**
   * Publishes the actions as the next version: {@link #readVersion()} + 1, or a later one when
   * other writers published versions meanwhile that this transaction can be rebased over.
   *
   * @param operation the commitInfo operation, e.g. {@code WRITE}
   * @return the committed version
   * @throws CommitConflictException when a concurrent commit conflicts with this one
   */
  public long commit(String operation, Map<String, String> operationParameters) {
    checkAppendOnly();
    checkAddedFiles();
    int checkpointInterval = checkpointInterval(); // a bad value fails before anything is published
    List<String> lines = new ArrayList<>();
    String txnId = UUID.randomUUID().toString();
    Map<String, String> params = new LinkedHashMap<>(operationParameters);
    // Blind: it depends on nothing it read, so it could be replayed on any later version.
    boolean blindAppend =
        addsData && !removesData && readPaths.isEmpty() && readRangeDescriptions.isEmpty();
    lines.add(
        new CommitInfo(System.currentTimeMillis(), operation, params, blindAppend, txnId)
            .toJson(JSON)
            .toString());
    for (Action action : actions) {
      lines.add(action.toJson(JSON).toString());
    }
    ConflictDetector.Footprint footprint =
        new ConflictDetector.Footprint(
            readSnapshot == null,
            Set.copyOf(removedPaths),
            Set.copyOf(readPaths),
            readRange,
            String.join("; ", readRangeDescriptions),
            Set.copyOf(appIds));
    long version = readVersion() + 1;
    for (int rebases = 0; ; rebases++) {
      if (LogPublisher.publish(table.logDir(), version, lines)) {
        this.rebases = rebases;
        checkpointIfDue(version, checkpointInterval);
        return version;
      }
      if (rebases >= MAX_REBASES) {
        throw new CommitConflictException(
            table.path(),
            version,
            "gave up after " + rebases + " rebases over concurrent commits; the table is too busy");
      }
      List<CommittedActions> winners = new ArrayList<>();
      long next = version;
      while (Files.exists(table.logDir().resolve(String.format("%020d.json", next)))) {
        winners.add(CommittedActions.read(table, next));
        next++;
      }
      Optional<String> why = ConflictDetector.conflict(footprint, winners);
      if (why.isPresent()) {
        throw new CommitConflictException(
            table.path(), version, why.get() + "; this transaction read version " + readVersion());
      }
      version = next;
    }
  }

  /** Reads back and checks added data files no constrained writer vouched for. */
  private void checkAddedFiles() {
    if (!constraints().hasChecks()) {
      return; // NOT NULL alone was checked by whichever ParquetFileWriter wrote the file
    }
    StructType schema = schema();
    for (Action action : actions) {
      if (action instanceof AddFile add && !checkedPaths.contains(add.path())) {
        constraints()
            .check(
                DataFileReader.read(table, add.path(), add.size(), schema),
                "data file " + add.path() + " added by this commit");
        checkedPaths.add(add.path());
      }
    }
  }

  private void checkAppendOnly() {
    if (removesData && "true".equalsIgnoreCase(tableProperties().get(APPEND_ONLY))) {
      throw new DeltaException(
          table.path(),
          "the table is append-only ("
              + APPEND_ONLY
              + "=true) but this commit removes data; only appends are allowed");
    }
  }

  /**
   * Writes a checkpoint at {@code version} when the table's interval says so. The commit has landed
   * by then, so a failed checkpoint is only logged: readers replay the JSON log instead.
   */
  private void checkpointIfDue(long version, int interval) {
    if (version == 0 || version % interval != 0) {
      return;
    }
    try {
      table.snapshotAt(version).writeCheckpoint(KernelEngine.shared());
    } catch (CheckpointAlreadyExistsException e) {
      // Another writer (or a retry) wrote it: nothing to do.
    } catch (Exception e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "could not write the checkpoint of version {0} of {1}: {2}",
          version,
          table.path(),
          e.getMessage());
    }
  }

  private int checkpointInterval() {
    String value = tableProperties().get(CHECKPOINT_INTERVAL);
    if (value == null) {
      return DEFAULT_CHECKPOINT_INTERVAL;
    }
    try {
      int interval = Integer.parseInt(value.trim());
      if (interval > 0) {
        return interval;
      }
    } catch (NumberFormatException ignored) {
      // falls through to the error below
    }
    throw new DeltaException(
        table.path(),
        "table property " + CHECKPOINT_INTERVAL + "=" + value + " is not a positive integer");
  }
}
