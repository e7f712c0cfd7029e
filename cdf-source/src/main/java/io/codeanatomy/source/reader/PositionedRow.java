package io.codeanatomy.source.reader;

import org.apache.flink.table.data.RowData;

/**
 * A row with its position: once it is emitted, the first {@code nextRowOffset} rows of its split's
 * file are consumed (like the file source's record-and-position). Rows skipped before it (deleted
 * by a deletion vector, or not of the split's change kind) count as consumed too.
 */
public record PositionedRow(RowData row, long nextRowOffset) {}
