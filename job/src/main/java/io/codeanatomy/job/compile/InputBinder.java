package io.codeanatomy.job.compile;

import io.codeanatomy.spec.InputSpec;
import io.codeanatomy.spec.SpecException;
import io.codeanatomy.spec.view.CdfView;
import io.codeanatomy.spec.view.FileManifestView;
import io.codeanatomy.spec.view.MetadataView;
import java.util.List;
import java.util.Optional;
import org.apache.flink.table.api.Table;

/**
 * Supplies the table behind a spec input. The job binds each input to a Delta snapshot or CDF
 * source; tests bind to {@code env.fromValues(...)}. The table must have every declared column with
 * the declared type (extra columns are dropped); the compiler checks that.
 *
 * <p>The CDF, METADATA and FILE_MANIFEST views read the Delta table behind an input rather than its
 * rows; a binder that reads Delta tables provides them, each a bounded or continuous source (never
 * literal rows in the plan). A binder without tables behind its inputs keeps the defaults, which
 * refuse at the view's spec path.
 */
@FunctionalInterface
public interface InputBinder {
  Table bind(InputSpec input);

  /**
   * A scan of its own for a SOURCE view that reads only {@code columns} of {@code input}, or empty
   * to share the input's scan (the default). A continuous job's change feed leaves out updates that
   * change none of the columns a scan reads, so a view of a table's stable columns (a file's path,
   * while its content hash changes with every edit) sees no churn on its own scan, where a scan
   * shared with views of every column would carry each update to it and everything joined to it.
   */
  default Optional<Table> bindOwnScan(InputSpec input, List<String> columns) {
    return Optional.empty();
  }

  /**
   * The change feed of {@code input}'s table over {@code view}'s range as insert-only rows: the
   * declared columns, then {@link CdfView#CHANGE_COLUMNS}. An open-ended range ends at the version
   * the run reads.
   *
   * @param path the view's spec path, for errors
   */
  default Table bindChanges(InputSpec input, CdfView view, String path) {
    throw unavailable("change feed", path);
  }

  /** The one row of {@link MetadataView#COLUMNS} of {@code input}'s table at the version read. */
  default Table bindMetadata(InputSpec input, String path) {
    throw unavailable("table metadata", path);
  }

  /** One row of {@link FileManifestView#COLUMNS} per data file of the version read. */
  default Table bindFileManifest(InputSpec input, String path) {
    throw unavailable("file list", path);
  }

  private SpecException unavailable(String what, String path) {
    return new SpecException(
        path + ".kind",
        "this compilation binds inputs without Delta tables behind them ("
            + getClass().getSimpleName()
            + "), so there is no "
            + what
            + " to read; compile against a warehouse (the build and watch commands do)");
  }
}
