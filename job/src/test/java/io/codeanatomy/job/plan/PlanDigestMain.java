package io.codeanatomy.job.plan;

import io.codeanatomy.job.compile.SpecCompiler;
import io.codeanatomy.job.session.SessionFactory;
import io.codeanatomy.spec.Spec;
import io.codeanatomy.spec.SpecLoader;
import org.apache.flink.table.api.TableEnvironment;

/**
 * Prints the plan digests of the shipped spec, one per line ({@code logical=...}, {@code
 * optimized=...}); {@link PlanDigestTest} runs it in a fresh JVM to show the digests do not depend
 * on the JVM that computed them.
 */
public final class PlanDigestMain {
  private PlanDigestMain() {}

  public static void main(String[] args) {
    PlanDigest digest = shippedSpecDigest();
    System.out.println("logical=" + digest.logicalDigest());
    System.out.println("optimized=" + digest.optimizedDigest());
  }

  /** The shipped spec, compiled in a fresh session over declared-shape sources, digested. */
  static PlanDigest shippedSpecDigest() {
    Spec spec = SpecLoader.loadResource("specs/python-cpg.yaml");
    TableEnvironment env = SessionFactory.batch(2);
    return PlanDigest.of(SpecCompiler.compile(spec, env, new DeclaredShapeBinder(env)), env);
  }
}
