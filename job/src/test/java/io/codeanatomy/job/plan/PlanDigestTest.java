package io.codeanatomy.job.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped spec's plan digests are stable: twice in one JVM, in a fresh JVM, and against the
 * golden plans checked in under {@code src/test/resources/golden/} (regenerate with {@code
 * -Dgolden.update=true}).
 */
class PlanDigestTest {
  private static final Path GOLDEN = Paths.get("src/test/resources/golden");

  private static PlanDigest shipped;

  @BeforeAll
  static void compileShippedSpec() {
    shipped = PlanDigestMain.shippedSpecDigest();
  }

  @Test
  void sameSpecTwice_sameDigests() {
    PlanDigest first = shipped;
    PlanDigest second = PlanDigestMain.shippedSpecDigest();
    assertThat(second.logicalPlan()).isEqualTo(first.logicalPlan());
    assertThat(second.optimizedPlan()).isEqualTo(first.optimizedPlan());
    assertThat(second.logicalDigest()).isEqualTo(first.logicalDigest()).hasSize(64);
    assertThat(second.optimizedDigest()).isEqualTo(first.optimizedDigest());
    assertThat(first.logicalDigest()).isNotEqualTo(first.optimizedDigest());
  }

  @Test
  void freshJvm_sameDigests() throws Exception {
    PlanDigest here = shipped;
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
                java, "-cp", System.getProperty("java.class.path"), PlanDigestMain.class.getName())
            .redirectErrorStream(false);
    File err = Files.createTempFile("plan-digest", ".err").toFile();
    pb.redirectError(err);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(Files.readString(err.toPath())).isZero();
    List<String> lines = out.lines().filter(l -> l.contains("=")).toList();
    assertThat(lines)
        .containsExactly("logical=" + here.logicalDigest(), "optimized=" + here.optimizedDigest());
  }

  @Test
  void shippedSpec_matchesGoldenPlans() throws IOException {
    PlanDigest digest = shipped;
    golden("python-cpg.logical.txt", digest.logicalPlan());
    golden("python-cpg.optimized.txt", digest.optimizedPlan());
  }

  /** Compares with the golden file (both normalised), or rewrites it under -Dgolden.update. */
  static void golden(String name, String actual) throws IOException {
    Path file = GOLDEN.resolve(name);
    if (Boolean.getBoolean("golden.update") || !Files.exists(file)) {
      Files.createDirectories(GOLDEN);
      Files.writeString(file, actual);
      assertThat(Boolean.getBoolean("golden.update"))
          .as("golden file %s was missing and has been written; re-run the test", file)
          .isTrue();
    }
    assertThat(actual)
        .as(
            "plan differs from %s; if the change is intended, re-run with -Dgolden.update=true and"
                + " review the diff",
            file)
        .isEqualTo(PlanDigest.normalise(Files.readString(file)));
  }
}
