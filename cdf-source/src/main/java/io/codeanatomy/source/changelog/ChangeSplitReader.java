package io.codeanatomy.source.changelog;

import io.codeanatomy.delta.DeltaException;
import io.codeanatomy.delta.KernelEngine;
import io.codeanatomy.delta.commit.AddCdcFile;
import io.codeanatomy.delta.schema.FlinkSchemas;
import io.codeanatomy.source.reader.FileRowSelection;
import io.codeanatomy.source.reader.FileSplitReader;
import io.codeanatomy.source.reader.KernelToRowData;
import io.codeanatomy.source.reader.PositionedRow;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongPredicate;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.types.RowKind;

/**
 * Reads change splits one after another, one Parquet batch per {@link #fetch()}, and gives each row
 * its kind: data files by the split's kind, change data files by their {@code _change_type} (which
 * is not emitted). Rows the split's deletion vectors leave out, and rows of a restored split before
 * its offset, are skipped; no predicate is pushed into the Parquet read, so the running count is
 * each row's index in its file, which is what deletion vectors address.
 *
 * <p>An update whose pre-image is directly followed by a post-image equal to it in every column
 * read is dropped, both halves: it changes nothing the query can see, and a retraction with an
 * equal accumulation is a no-op in a changelog. A query that reads a table's stable columns (a
 * file's path, say, while its content hash changes on every edit) then sees no churn, where the
 * pair would otherwise retract and re-emit every row joined to it. Both passes over a change data
 * file decide alike, since the decision depends on the two rows alone. Writers that do not put the
 * halves of an update next to each other (ours do) simply get no pairs dropped.
 */
final class ChangeSplitReader extends FileSplitReader<PositionedRow, ChangeSplit> {
  private final RowType rowType;
  private final StructType dataSchema;
  private final StructType cdcSchema;
  private final KernelToRowData converter;
  private final boolean withFilePath;
  private final boolean changesAsRows;
  private long position;
  private LongPredicate selected;
  private StringData filePath;

  /**
   * A pre-image whose successor is not read yet (it may be in the next batch), or null: emitted, if
   * its split emits pre-images, once the successor turns out not to be its equal post-image.
   */
  private PositionedRow heldPreimage;

  /**
   * @param changesAsRows emit every change as an insert with {@link ChangeColumns} appended
   */
  ChangeSplitReader(RowType rowType, boolean withFilePath, boolean changesAsRows) {
    this.rowType = rowType;
    this.dataSchema = FlinkSchemas.toStructType(rowType);
    this.cdcSchema = dataSchema.add(AddCdcFile.CHANGE_TYPE_COLUMN, StringType.STRING);
    this.converter = new KernelToRowData(rowType);
    this.withFilePath = withFilePath;
    this.changesAsRows = changesAsRows;
  }

  @Override
  protected List<PositionedRow> records(ChangeSplit split, ColumnarBatch batch) {
    int size = batch.getSize();
    List<PositionedRow> records = new ArrayList<>(size);
    ColumnVector changeTypes =
        isCdc(split.kind()) ? batch.getColumnVector(rowType.getFieldCount()) : null;
    boolean dropNoOpUpdates = changeTypes != null && !changesAsRows;
    for (int r = 0; r < size; r++) {
      long rowIndex = position++;
      if (!selected.test(rowIndex)) {
        continue;
      }
      RowData row = null;
      if (dropNoOpUpdates) {
        String type = changeTypes.isNullAt(r) ? null : changeTypes.getString(r);
        if (heldPreimage != null && "update_postimage".equals(type)) {
          row = converter.convert(batch, r, filePath);
          if (row.equals(heldPreimage.row())) {
            heldPreimage = null;
            continue;
          }
        }
        releaseHeldPreimage(split, records);
        if ("update_preimage".equals(type)) {
          heldPreimage = new PositionedRow(converter.convert(batch, r, filePath), rowIndex + 1);
          continue;
        }
      }
      if (rowIndex < split.rowOffset()) {
        continue;
      }
      RowKind kind = kindOf(split, changeTypes, r);
      if (kind == null) {
        continue;
      }
      if (row == null) {
        row = converter.convert(batch, r, filePath);
      }
      row.setRowKind(kind);
      if (changesAsRows) {
        row = ChangeColumns.asRow(row, split.version(), split.commitTimestamp());
      }
      records.add(new PositionedRow(row, rowIndex + 1));
    }
    return records;
  }

  @Override
  protected List<PositionedRow> finish(ChangeSplit split) {
    List<PositionedRow> records = new ArrayList<>(1);
    releaseHeldPreimage(split, records);
    return records;
  }

  /** Emits the held pre-image into {@code records} if this split emits it, and forgets it. */
  private void releaseHeldPreimage(ChangeSplit split, List<PositionedRow> records) {
    PositionedRow held = heldPreimage;
    heldPreimage = null;
    if (held == null
        || split.kind() != ChangeSplit.Kind.CDC_RETRACTIONS
        || held.nextRowOffset() <= split.rowOffset()) {
      return;
    }
    held.row().setRowKind(RowKind.UPDATE_BEFORE);
    records.add(held);
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

  @Override
  protected CloseableIterator<FileReadResult> open(ChangeSplit split) throws IOException {
    position = 0;
    heldPreimage = null;
    CommitLog.checkExists(split);
    Path file = CommitLog.fileOf(split);
    selected = FileRowSelection.of(split.tableRoot(), split.rows());
    filePath = withFilePath ? StringData.fromString(file.toString()) : null;
    try {
      FileStatus status =
          FileStatus.of(
              file.toUri().toString(),
              Files.size(file),
              Files.getLastModifiedTime(file).toMillis());
      return KernelEngine.shared()
          .getParquetHandler()
          .readParquetFiles(
              Utils.singletonCloseableIterator(status),
              isCdc(split.kind()) ? cdcSchema : dataSchema,
              Optional.empty());
    } catch (IOException | RuntimeException e) {
      throw new DeltaException(
          split.tableRoot(),
          "version "
              + split.version()
              + ": cannot read file "
              + split.path()
              + " for columns "
              + rowType.getFieldNames()
              + ": "
              + e,
          e);
    }
  }
}
