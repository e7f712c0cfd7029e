package io.codeanatomy.job.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.codeanatomy.extract.IncrementalExtractor;
import io.codeanatomy.extract.PythonExtractor;
import io.codeanatomy.job.run.BatchRun;
import io.codeanatomy.job.run.RunPlan;
import io.codeanatomy.job.run.RuntimeProfile;
import io.codeanatomy.job.run.StreamingRun;
import io.codeanatomy.job.run.Warehouse;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.table.api.ExplainDetail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every edit updates its file's row in {@code files} (hash, size, lines). The continuous job reads
 * the shipped spec's path lookup ({@code file_paths}, a SOURCE view of three stable columns)
 * through a feed of its own, which leaves such updates out; shared with the scan the FILE nodes
 * need, it would carry each one into every join that looks up a path, re-emitting all rows of the
 * file.
 */
class PathLookupScanIT {
  @TempDir Path tmp;

  @Test
  void thePathLookupReadsTheFilesTableOnItsOwnAndOnlyItsStableColumns() {
    Warehouse warehouse = new Warehouse(tmp.resolve("warehouse"));
    new IncrementalExtractor(new PythonExtractor(), warehouse.extractDir())
        .sync(ContinuousEqualityIT.SAMPLE);
    RunPlan plan =
        StreamingRun.plan(
            warehouse, BatchRun.loadSpec(null), StreamingRun.Options.of(RuntimeProfile.SMALL));

    String explained = plan.statements().explain(ExplainDetail.CHANGELOG_MODE);
    String physical = explained.substring(explained.indexOf("== Optimized Physical Plan =="));
    Matcher scans =
        Pattern.compile("TableSourceScan\\(.*?, fields=\\[([^\\]]*)\\]").matcher(physical);
    int pathLookups = 0;
    int fullFileRows = 0;
    while (scans.find()) {
      String fields = scans.group(1);
      if (fields.equals("file_id, path, module")) {
        pathLookups++;
      } else if (fields.contains("content_hash")) {
        fullFileRows++;
      }
    }
    assertThat(pathLookups).as("scans of exactly the path lookup's columns").isPositive();
    assertThat(fullFileRows).as("scans of the files table for its FILE nodes").isPositive();
  }
}
