package io.codeanatomy.source.changelog;

import org.apache.flink.table.data.RowData;

/**
 * A changelog row with its position: once it is emitted, the first {@code nextRowOffset} rows of
 * its split's file are consumed (like the file source's record-and-position).
 */
record ChangeRecord(RowData row, long nextRowOffset) {}
