package io.codeanatomy.job.session;

import io.codeanatomy.udf.CodeAnatomyFunctions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;

/**
 * Builds the table environments jobs run in. Everything that shapes a plan is set here, in one
 * order, so two sessions built from the same arguments plan a spec identically.
 */
public final class SessionFactory {
  /** Lets the optimizer compute a view that several outputs share once. */
  static final String REUSE_BY_DIGEST = "table.optimizer.reuse-optimize-block-with-digest-enabled";

  private SessionFactory() {}

  /** A batch session on an embedded MiniCluster with the given parallelism. */
  public static TableEnvironment batch(int parallelism) {
    Configuration conf = new Configuration();
    conf.setString("parallelism.default", Integer.toString(parallelism));
    conf.setString("table.exec.resource.default-parallelism", Integer.toString(parallelism));
    conf.setString(REUSE_BY_DIGEST, "true");
    conf.setString("table.optimizer.reuse-sub-plan-enabled", "true");
    conf.setString("table.optimizer.reuse-source-enabled", "true");
    // The embedded cluster's default network memory is too small for parallel batch shuffles.
    conf.setString("taskmanager.memory.network.min", "128mb");
    conf.setString("taskmanager.memory.network.max", "128mb");
    TableEnvironment env =
        TableEnvironment.create(
            EnvironmentSettings.newInstance().inBatchMode().withConfiguration(conf).build());
    CodeAnatomyFunctions.registerAll(env);
    return env;
  }

  /** The default parallelism: one task per core. */
  public static int defaultParallelism() {
    return Runtime.getRuntime().availableProcessors();
  }
}
