package io.codeanatomy.job.plan;

import io.codeanatomy.job.run.BatchRun;
import io.codeanatomy.job.run.RunPlan;
import io.codeanatomy.job.run.Warehouse;
import io.codeanatomy.spec.Spec;
import java.nio.file.Path;

/**
 * Prints the manifest digest of the shipped spec's batch bundle over the warehouse named by the
 * first argument ({@code digest=...}) and the manifest itself; {@link PlanBundleTest} runs it in a
 * fresh JVM to show bundles do not depend on the JVM that wrote them.
 */
public final class PlanBundleMain {
  private PlanBundleMain() {}

  public static void main(String[] args) {
    PlanBundle bundle = batchBundle(new Warehouse(Path.of(args[0])), 2);
    System.out.println("digest=" + bundle.digest());
    System.out.print(bundle.manifestJson());
  }

  /** The shipped spec's batch bundle over the latest versions of {@code warehouse}'s inputs. */
  static PlanBundle batchBundle(Warehouse warehouse, int parallelism) {
    Spec spec = BatchRun.loadSpec(null);
    RunPlan plan =
        BatchRun.plan(warehouse, spec, BatchRun.latestInputVersions(warehouse, spec), parallelism);
    return PlanBundle.of(plan, warehouse, "batch");
  }
}
