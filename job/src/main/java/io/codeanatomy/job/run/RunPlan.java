package io.codeanatomy.job.run;

import io.codeanatomy.job.compile.CompiledSpec;
import java.util.Map;
import org.apache.flink.table.api.StatementSet;
import org.apache.flink.table.api.TableEnvironment;

/**
 * A run as planned, before anything is submitted: the session it runs in, the compiled spec, and
 * one statement set inserting every output into its CPG table, over pinned input versions (a
 * streaming run's start versions). {@link BatchRun#plan} and {@link StreamingRun#plan} build it;
 * the runs execute it, and a plan bundle explains it.
 *
 * @param streaming whether the session is in streaming mode (a continuous job) or batch
 */
public record RunPlan(
    TableEnvironment env,
    CompiledSpec compiled,
    StatementSet statements,
    Map<String, Long> inputVersions,
    boolean streaming) {
  public RunPlan {
    inputVersions = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(inputVersions));
  }
}
