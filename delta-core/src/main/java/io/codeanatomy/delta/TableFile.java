package io.codeanatomy.delta;

/**
 * One data file of a table version, as its {@code add} action describes it.
 *
 * @param path the path as written in the log: relative to the table root unless absolute
 * @param size bytes
 * @param modificationTime milliseconds since the epoch
 * @param numRecords rows in the file, or -1 when the log carries no statistics
 * @param statsJson the raw {@code add.stats} JSON, or null
 */
public record TableFile(
    String path, long size, long modificationTime, long numRecords, String statsJson) {}
