package io.codeanatomy.delta.read;

import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.KernelEngine;
import io.codeanatomy.delta.TableFile;
import io.delta.kernel.Snapshot;
import io.delta.kernel.internal.actions.Metadata;
import io.delta.kernel.internal.actions.Protocol;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a table version is, from its log: the figures a person or a spec's METADATA view asks for.
 * Everything here is a function of the version, so it is the same whenever it is read.
 *
 * @param commitTimestamp milliseconds since the epoch (the in-commit timestamp, else the commit
 *     file's modification time)
 * @param numRecords live rows (deletion vectors subtracted), or null when a file has no statistics
 * @param properties the table's configuration, sorted by key
 * @param readerFeatures table features readers must support, sorted (empty below reader version 3)
 * @param writerFeatures table features writers must support, sorted (empty below writer version 7)
 */
public record TableMetadata(
    long version,
    long commitTimestamp,
    String tableId,
    long numFiles,
    long sizeBytes,
    Long numRecords,
    String schemaJson,
    List<String> partitionColumns,
    Map<String, String> properties,
    int minReaderVersion,
    int minWriterVersion,
    List<String> readerFeatures,
    List<String> writerFeatures) {

  /** The metadata of {@code snapshot}, a snapshot of {@code table}. */
  public static TableMetadata of(DeltaTable table, Snapshot snapshot) {
    List<TableFile> files = table.files(snapshot);
    long size = 0;
    long records = 0;
    boolean counted = true;
    for (TableFile f : files) {
      size += f.size();
      counted &= f.liveRecords() >= 0;
      records += Math.max(0, f.liveRecords());
    }
    Metadata metadata = snapshot.getMetadata();
    Protocol protocol = snapshot.getProtocol();
    return new TableMetadata(
        snapshot.getVersion(),
        snapshot.getTimestamp(KernelEngine.shared()),
        metadata.getId(),
        files.size(),
        size,
        counted ? records : null,
        metadata.getSchemaString(),
        List.copyOf(snapshot.getPartitionColumnNames()),
        new TreeMap<>(snapshot.getTableProperties()),
        protocol.getMinReaderVersion(),
        protocol.getMinWriterVersion(),
        protocol.getReaderFeatures().stream().sorted().toList(),
        protocol.getWriterFeatures().stream().sorted().toList());
  }
}
