package io.codeanatomy.delta.read;

import java.util.List;

/**
 * The rows a filtered scan returns and what it skipped to find them.
 *
 * @param rows exactly the rows that satisfy the filter, values in schema order
 */
public record ScanResult(List<Object[]> rows, ScanReport report) {}
