package io.codeanatomy.source.changelog;

import io.codeanatomy.delta.DeltaException;
import io.codeanatomy.delta.KernelEngine;
import io.codeanatomy.delta.commit.AddCdcFile;
import io.codeanatomy.delta.schema.FlinkSchemas;
import io.codeanatomy.source.reader.KernelToRowData;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.internal.util.Utils;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.types.RowKind;

/**
 * Reads change splits one after another, one Parquet batch per {@link #fetch()}, and gives each row
 * its kind: data files by the split's kind, change data files by their {@code _change_type} (which
 * is not emitted). Rows of a restored split before its offset are skipped.
 */
final class ChangeSplitReader implements SplitReader<ChangeRecord, ChangeSplit> {
  private final RowType rowType;
  private final StructType dataSchema;
  private final StructType cdcSchema;
  private final KernelToRowData converter;
  private final Queue<ChangeSplit> splits = new ArrayDeque<>();

  private ChangeSplit current;
  private CloseableIterator<FileReadResult> batches;
  private long position;

  ChangeSplitReader(RowType rowType) {
    this.rowType = rowType;
    this.dataSchema = FlinkSchemas.toStructType(rowType);
    this.cdcSchema = dataSchema.add(AddCdcFile.CHANGE_TYPE_COLUMN, StringType.STRING);
    this.converter = new KernelToRowData(rowType);
  }

  @Override
  public RecordsWithSplitIds<ChangeRecord> fetch() throws IOException {
    if (current == null && !openNext()) {
      return new RecordsBySplits<>(Map.of(), Set.of());
    }
    if (!batches.hasNext()) {
      String finished = current.splitId();
      closeCurrent();
      return new RecordsBySplits<>(Map.of(), Set.of(finished));
    }
    ColumnarBatch batch = batches.next().getData();
    int size = batch.getSize();
    List<ChangeRecord> records = new ArrayList<>(size);
    ColumnVector changeTypes =
        isCdc(current.kind()) ? batch.getColumnVector(rowType.getFieldCount()) : null;
    for (int r = 0; r < size; r++) {
      long rowIndex = position++;
      if (rowIndex < current.rowOffset()) {
        continue;
      }
      RowKind kind = kindOf(current, changeTypes, r);
      if (kind == null) {
        continue;
      }
      RowData row = converter.convert(batch, r);
      row.setRowKind(kind);
      records.add(new ChangeRecord(row, rowIndex + 1));
    }
    return new RecordsBySplits<>(Map.of(current.splitId(), records), Set.of());
  }

  /** The row's kind, or null when the split does not emit it (the other half of a cdc file). */
  private RowKind kindOf(ChangeSplit split, ColumnVector changeTypes, int r) {
    switch (split.kind()) {
      case SNAPSHOT:
      case ADDED:
        return RowKind.INSERT;
      case REMOVED:
        return RowKind.DELETE;
      default:
        break;
    }
    String type = changeTypes.isNullAt(r) ? null : changeTypes.getString(r);
    boolean retractions = split.kind() == ChangeSplit.Kind.CDC_RETRACTIONS;
    if ("insert".equals(type)) {
      return retractions ? null : RowKind.INSERT;
    } else if ("update_postimage".equals(type)) {
      return retractions ? null : RowKind.UPDATE_AFTER;
    } else if ("delete".equals(type)) {
      return retractions ? RowKind.DELETE : null;
    } else if ("update_preimage".equals(type)) {
      return retractions ? RowKind.UPDATE_BEFORE : null;
    }
    throw new DeltaException(
        split.tableRoot(),
        "version "
            + split.version()
            + ": change data file "
            + split.path()
            + " has a row with "
            + AddCdcFile.CHANGE_TYPE_COLUMN
            + " = "
            + type
            + "; expected insert, delete, update_preimage or update_postimage");
  }

  private static boolean isCdc(ChangeSplit.Kind kind) {
    return kind == ChangeSplit.Kind.CDC_RETRACTIONS || kind == ChangeSplit.Kind.CDC_ACCUMULATIONS;
  }

  private boolean openNext() throws IOException {
    current = splits.poll();
    if (current == null) {
      return false;
    }
    CommitLog.checkExists(current);
    Path file = CommitLog.fileOf(current);
    try {
      FileStatus status =
          FileStatus.of(
              file.toUri().toString(),
              Files.size(file),
              Files.getLastModifiedTime(file).toMillis());
      batches =
          KernelEngine.shared()
              .getParquetHandler()
              .readParquetFiles(
                  Utils.singletonCloseableIterator(status),
                  isCdc(current.kind()) ? cdcSchema : dataSchema,
                  Optional.empty());
    } catch (IOException | RuntimeException e) {
      throw new DeltaException(
          current.tableRoot(),
          "version "
              + current.version()
              + ": cannot read file "
              + current.path()
              + " for columns "
              + rowType.getFieldNames()
              + ": "
              + e,
          e);
    }
    position = 0;
    return true;
  }

  private void closeCurrent() throws IOException {
    if (batches != null) {
      batches.close();
    }
    batches = null;
    current = null;
  }

  @Override
  public void handleSplitsChanges(SplitsChange<ChangeSplit> change) {
    if (!(change instanceof SplitsAddition)) {
      throw new UnsupportedOperationException("unsupported split change " + change);
    }
    splits.addAll(change.splits());
  }

  @Override
  public void wakeUp() {
    // fetch() never blocks: it reads at most one batch.
  }

  @Override
  public void close() throws Exception {
    closeCurrent();
  }
}
