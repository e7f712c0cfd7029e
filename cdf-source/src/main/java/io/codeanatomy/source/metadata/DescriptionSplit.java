package io.codeanatomy.source.metadata;

import io.codeanatomy.delta.DeltaTable;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import org.apache.flink.api.connector.source.lib.util.IteratorSourceSplit;
import org.apache.flink.table.data.RowData;

/**
 * The one split of a metadata source: which description of which table version, and how many of its
 * rows were emitted. The rows are computed by the reader, from the log, when the split is opened;
 * they are a function of the version, so a restored split skips exactly the rows it emitted.
 */
public record DescriptionSplit(
    String tableRoot, long version, TableDescription description, int emitted)
    implements IteratorSourceSplit<RowData, DescriptionSplit.Rows> {

  /** The split's remaining rows, counting those handed out. */
  public static final class Rows implements Iterator<RowData> {
    private final List<RowData> rows;
    private int next;

    Rows(List<RowData> rows, int next) {
      this.rows = rows;
      this.next = next;
    }

    @Override
    public boolean hasNext() {
      return next < rows.size();
    }

    @Override
    public RowData next() {
      return rows.get(next++);
    }
  }

  @Override
  public String splitId() {
    return description + "@" + version;
  }

  @Override
  public Rows getIterator() {
    DeltaTable table = DeltaTable.forPath(Path.of(tableRoot));
    return new Rows(description.rows(table, table.snapshotAt(version)), emitted);
  }

  @Override
  public DescriptionSplit getUpdatedSplitForIterator(Rows iterator) {
    return new DescriptionSplit(tableRoot, version, description, iterator.next);
  }
}
