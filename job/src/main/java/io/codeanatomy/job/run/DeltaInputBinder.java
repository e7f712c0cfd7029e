package io.codeanatomy.job.run;

import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.job.compile.FlinkTypes;
import io.codeanatomy.job.compile.InputBinder;
import io.codeanatomy.source.changelog.CommitLog;
import io.codeanatomy.spec.ColumnSpec;
import io.codeanatomy.spec.InputSpec;
import io.codeanatomy.spec.SpecException;
import io.codeanatomy.spec.view.CdfView;
import io.codeanatomy.spec.view.FileManifestView;
import io.codeanatomy.spec.view.MetadataView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.TableEnvironment;

/**
 * Binds each spec input to its extraction table as a bounded Delta snapshot source, pinned to the
 * version the build just wrote, so the run reads exactly the versions it reports. CDF views read
 * the table's change feed up to that version; METADATA and FILE_MANIFEST views describe it.
 */
final class DeltaInputBinder implements InputBinder {
  private final TableEnvironment env;
  private final Warehouse warehouse;
  private final Map<String, Long> versions;

  DeltaInputBinder(TableEnvironment env, Warehouse warehouse, Map<String, Long> versions) {
    this.env = env;
    this.warehouse = warehouse;
    this.versions = versions;
  }

  @Override
  public Table bind(InputSpec input) {
    return env.from(
        DeltaDescriptors.snapshot(
            warehouse.extractTable(input.name()),
            versions.get(input.name()),
            schema(input.columns())));
  }

  /**
   * The feed from the range's start to its end, clamped to the version the run reads: an open end
   * is that version, an ending timestamp the last version committed by then. A range past the
   * version read is refused, since the run would wait for versions it does not read.
   */
  @Override
  public Table bindChanges(InputSpec input, CdfView view, String path) {
    DeltaTable table = warehouse.extractTable(input.name());
    long read = versions.get(input.name());
    CommitLog log = new CommitLog(table.root());
    long start =
        view.startVersion() != null
            ? view.startVersion()
            : log.firstVersionAtOrAfter(Instant.parse(view.startTimestamp()).toEpochMilli())
                .orElse(read + 1);
    long end =
        view.endVersion() != null
            ? view.endVersion()
            : view.endTimestamp() != null
                ? Math.min(
                    read,
                    log.lastVersionAtOrBefore(Instant.parse(view.endTimestamp()).toEpochMilli())
                        .orElse(-1))
                : read;
    if (end > read) {
      throw new SpecException(
          path + ".end_version",
          "the range ends at version "
              + end
              + " but this run reads input '"
              + input.name()
              + "' at version "
              + read
              + "; end at or before it, or leave the end out to end where the run reads");
    }
    if (start > end) {
      throw new SpecException(
          path + (view.startVersion() != null ? ".start_version" : ".start_timestamp"),
          "the range holds no version of input '"
              + input.name()
              + "' up to the version this run reads ("
              + read
              + "): it starts at "
              + (start > read ? "a later version" : "version " + start)
              + " and ends at version "
              + end);
    }
    List<ColumnSpec> columns = new ArrayList<>(input.columns());
    columns.addAll(CdfView.CHANGE_COLUMNS);
    return env.from(
        DeltaDescriptors.changes(
            table,
            new DeltaDescriptors.ChangeBound(start, null),
            new DeltaDescriptors.ChangeBound(end, null),
            Duration.ofSeconds(1),
            schema(columns)));
  }

  @Override
  public Table bindMetadata(InputSpec input, String path) {
    return env.from(
        DeltaDescriptors.description(
            warehouse.extractTable(input.name()),
            "metadata",
            versions.get(input.name()),
            schema(MetadataView.COLUMNS)));
  }

  @Override
  public Table bindFileManifest(InputSpec input, String path) {
    return env.from(
        DeltaDescriptors.description(
            warehouse.extractTable(input.name()),
            "files",
            versions.get(input.name()),
            schema(FileManifestView.COLUMNS)));
  }

  static Schema schema(List<ColumnSpec> columns) {
    Schema.Builder schema = Schema.newBuilder();
    for (ColumnSpec column : columns) {
      schema.column(column.name(), FlinkTypes.of(column.typeSpec()));
    }
    return schema.build();
  }
}
