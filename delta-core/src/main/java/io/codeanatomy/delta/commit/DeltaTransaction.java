package io.codeanatomy.delta.commit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.codeanatomy.delta.DeltaException;
import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.KernelEngine;
import io.codeanatomy.delta.TableFile;
import io.delta.kernel.Snapshot;
import io.delta.kernel.exceptions.KernelException;
import io.delta.kernel.types.StructType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One commit to one table: collects actions against the version it read and publishes them as the
 * next version. Kernel cannot commit a version that adds and removes data in a table with Change
 * Data Feed, so this class writes the log itself, following the Delta protocol.
 *
 * <p>A transaction that finds its version taken fails with {@link CommitConflictException}; it
 * never overwrites another writer's commit.
 */
public final class DeltaTransaction {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final DeltaTable table;
  private final Snapshot readSnapshot; // null when the transaction creates the table
  private final List<Action> actions = new ArrayList<>();
  private boolean removesData;
  private boolean addsData;

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
    DeltaTransaction txn = new DeltaTransaction(table, null);
    long now = System.currentTimeMillis();
    txn.actions.add(Protocol.CDF_TABLES);
    txn.actions.add(new Metadata(UUID.randomUUID().toString(), schema.toJson(), properties, now));
    return txn;
  }

  /** A transaction on the latest version of an existing table. */
  public static DeltaTransaction update(DeltaTable table) {
    return new DeltaTransaction(table, table.snapshot());
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

  public DeltaTransaction add(AddFile file) {
    actions.add(file);
    addsData |= file.dataChange();
    return this;
  }

  /** Removes one data file of the version this transaction read. */
  public DeltaTransaction remove(RemoveFile file) {
    actions.add(file);
    removesData |= file.dataChange();
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

  /** Removes every data file of the version this transaction read. */
  public DeltaTransaction removeAllFiles() {
    if (readSnapshot == null) {
      return this;
    }
    long now = System.currentTimeMillis();
    for (TableFile file : table.files(readSnapshot)) {
      actions.add(new RemoveFile(file.path(), now, true, file.size()));
      removesData = true;
    }
    return this;
  }

  /**
   * Publishes the actions as version {@link #readVersion()} + 1.
   *
   * @param operation the commitInfo operation, e.g. {@code WRITE}
   * @return the committed version
   */
  public long commit(String operation, Map<String, String> operationParameters) {
    long version = readVersion() + 1;
    List<String> lines = new ArrayList<>();
    String txnId = UUID.randomUUID().toString();
    Map<String, String> params = new LinkedHashMap<>(operationParameters);
    lines.add(
        new CommitInfo(
                System.currentTimeMillis(), operation, params, addsData && !removesData, txnId)
            .toJson(JSON)
            .toString());
    for (Action action : actions) {
      lines.add(action.toJson(JSON).toString());
    }
    if (!LogPublisher.publish(table.logDir(), version, lines)) {
      throw new CommitConflictException(table.path(), version, "concurrent commit");
    }
    return version;
  }
}
