package io.codeanatomy.source.reader;

import io.codeanatomy.delta.DeltaException;
import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.KernelEngine;
import io.codeanatomy.delta.read.DataFileReader;
import io.codeanatomy.delta.read.FileRows;
import io.codeanatomy.delta.read.RowGroupPruning;
import io.codeanatomy.delta.schema.FlinkSchemas;
import io.codeanatomy.source.skipping.FilePredicate;
import io.codeanatomy.source.split.DeltaFileSplit;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.expressions.Predicate;
import io.delta.kernel.internal.util.Utils;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.LongPredicate;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.logical.RowType;

/**
 * Reads the data files of a snapshot through Kernel's Parquet reader with the projected schema,
 * skipping the rows the file's deletion vector deletes and the rows a restored split already
 * consumed.
 *
 * <p>With a pushed-down filter, row groups whose footer statistics rule it out are not read: {@link
 * RowGroupPruning} decides from the footer (and counts), and Kernel's reader, handed the same
 * predicate, skips the same groups. Rows are then not contiguous in the file, so each row's file
 * index comes from Kernel's row index metadata column (the row group's first row index plus the
 * row's place in it), never from counting rows: deletion vectors and the split's offset address
 * rows by that index. Rows of the groups read are not filtered; the query's filter stays in the
 * plan.
 */
final class DeltaFileSplitReader extends FileSplitReader<PositionedRow, DeltaFileSplit> {
  private final RowType rowType;
  private final StructType readSchema;
  private final int rowIndexColumn;
  private final KernelToRowData converter;
  private final boolean withFilePath;
  private final Optional<Predicate> rowGroupFilter;
  private final SnapshotReaderMetrics metrics;
  private LongPredicate selected;
  private StringData filePath;

  /**
   * @param filter the pushed-down filter, or null
   */
  DeltaFileSplitReader(
      RowType rowType, boolean withFilePath, FilePredicate filter, SnapshotReaderMetrics metrics) {
    this.rowType = rowType;
    StructType columns = FlinkSchemas.toStructType(rowType);
    this.rowIndexColumn = columns.length();
    this.readSchema = columns.add(StructField.DEFAULT_ROW_INDEX_COLUMN);
    this.converter = new KernelToRowData(rowType);
    this.withFilePath = withFilePath;
    this.rowGroupFilter = filter == null ? Optional.empty() : filter.toRowGroupPredicate();
    this.metrics = metrics;
  }

  @Override
  protected CloseableIterator<FileReadResult> open(DeltaFileSplit split) throws IOException {
    Path file =
        DataFileReader.resolve(DeltaTable.forPath(Path.of(split.tableRoot())), split.path());
    if (!Files.exists(file)) {
      throw new DeltaException(
          split.tableRoot(),
          "version "
              + split.version()
              + " needs data file "
              + split.path()
              + ", which no longer exists (VACUUM removes files older than the retention period);"
              + " read a later version");
    }
    selected =
        FileRowSelection.of(
            split.tableRoot(), FileRows.live(split.path(), split.size(), split.deletionVector()));
    filePath = withFilePath ? StringData.fromString(file.toString()) : null;
    String uri = file.toUri().toString();
    Optional<Predicate> pushed = Optional.empty();
    try {
      if (rowGroupFilter.isPresent()) {
        RowGroupPruning.Decision groups = RowGroupPruning.decide(uri, rowGroupFilter.get());
        metrics.fileOpened(groups.kept().size(), groups.skipped());
        if (groups.kept().isEmpty()) {
          return Utils.toCloseableIterator(Collections.emptyIterator());
        }
        // Handing Kernel a predicate that skips nothing would only make it translate it again.
        pushed = groups.skipped() > 0 ? rowGroupFilter : Optional.empty();
      }
      return KernelEngine.shared()
          .getParquetHandler()
          .readParquetFiles(
              Utils.singletonCloseableIterator(
                  FileStatus.of(uri, split.size(), split.modificationTime())),
              readSchema,
              pushed);
    } catch (IOException | RuntimeException e) {
      throw new DeltaException(
          split.tableRoot(),
          "cannot read data file " + split.path() + " for columns " + rowType + ": " + e,
          e);
    }
  }

  @Override
  protected List<PositionedRow> records(DeltaFileSplit split, ColumnarBatch batch) {
    metrics.rowsDecoded(batch.getSize());
    ColumnVector rowIndexes = batch.getColumnVector(rowIndexColumn);
    List<PositionedRow> rows = new ArrayList<>(batch.getSize());
    for (int r = 0; r < batch.getSize(); r++) {
      long rowIndex = rowIndexes.getLong(r);
      if (rowIndex < split.rowOffset() || !selected.test(rowIndex)) {
        continue;
      }
      rows.add(new PositionedRow(converter.convert(batch, r, filePath), rowIndex + 1));
    }
    return rows;
  }
}
