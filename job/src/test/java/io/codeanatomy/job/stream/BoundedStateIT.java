package io.codeanatomy.job.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.codeanatomy.extract.IncrementalExtractor;
import io.codeanatomy.extract.PythonExtractor;
import io.codeanatomy.job.run.BatchRun;
import io.codeanatomy.job.run.RuntimeProfile;
import io.codeanatomy.job.run.StreamingJob;
import io.codeanatomy.job.run.StreamingRun;
import io.codeanatomy.job.run.Warehouse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deleted files must not leave state behind: the job's state grows when files are added and returns
 * to its size when they are deleted again, because every join, aggregate and sink materializer
 * drops the rows their retractions remove. (No state TTL is needed, and none would be safe: a file
 * unchanged for a month still needs its join state.)
 */
class BoundedStateIT {
  @TempDir Path tmp;

  @Test
  void stateReturnsToItsSizeAfterAddedFilesAreDeleted() throws Exception {
    Path repo = tmp.resolve("repo");
    write(repo, "app/__init__.py", "");
    write(repo, "app/core.py", "def base(x):\n    return x\n");
    Warehouse warehouse = new Warehouse(tmp.resolve("warehouse"));
    IncrementalExtractor extractor =
        new IncrementalExtractor(new PythonExtractor(), warehouse.extractDir());
    extractor.sync(repo);
    StreamingJob job =
        StreamingRun.start(
            warehouse,
            BatchRun.loadSpec(null),
            StreamingRun.Options.of(RuntimeProfile.SMALL)
                .withCheckpointInterval(Duration.ofMillis(300))
                .withParallelism(1));
    try {
      long baseline = settledStateBytes(warehouse, job);
      for (int i = 0; i < 40; i++) {
        write(
            repo,
            "app/gen_" + i + ".py",
            "from app.core import base\n\n\nclass Gen"
                + i
                + ":\n    def run(self, value):\n        return base(self.step(value))\n\n"
                + "    def step(self, value):\n        return [v * "
                + i
                + " for v in value]\n");
      }
      extractor.sync(repo);
      long grown = settledStateBytes(warehouse, job);
      for (int i = 0; i < 40; i++) {
        Files.delete(repo.resolve("app/gen_" + i + ".py"));
      }
      extractor.sync(repo);
      long after = settledStateBytes(warehouse, job);

      System.out.printf(
          "state: %d bytes at start, %d with 40 more files, %d after deleting them%n",
          baseline, grown, after);
      assertThat(grown).isGreaterThan(baseline + baseline / 2);
      assertThat(after).isLessThanOrEqualTo(baseline + baseline / 10);
    } finally {
      job.cancel();
    }
  }

  /**
   * The size of the newest full checkpoint once three in a row agree within 1% (the heap backend
   * writes every checkpoint in full, so its size is the state's).
   */
  private static long settledStateBytes(Warehouse warehouse, StreamingJob job) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    long last = -1;
    int agreeing = 0;
    String lastCheckpoint = "";
    while (System.nanoTime() < deadline) {
      Optional<Path> checkpoint = newestCheckpoint(warehouse, job);
      if (checkpoint.isPresent() && !checkpoint.get().toString().equals(lastCheckpoint)) {
        lastCheckpoint = checkpoint.get().toString();
        long size = bytes(checkpoint.get());
        agreeing = Math.abs(size - last) <= last / 100 ? agreeing + 1 : 0;
        last = size;
        if (agreeing >= 2) {
          return size;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the job's checkpoints did not settle within 2 minutes");
  }

  private static Optional<Path> newestCheckpoint(Warehouse warehouse, StreamingJob job)
      throws IOException {
    Path dir = warehouse.checkpointsDir().resolve(job.jobId().toHexString());
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries
          .filter(p -> p.getFileName().toString().startsWith("chk-"))
          .filter(p -> Files.exists(p.resolve("_metadata")))
          .max(
              Comparator.comparingLong(
                  p -> Long.parseLong(p.getFileName().toString().substring(4))));
    }
  }

  private static long bytes(Path checkpoint) throws IOException {
    try (Stream<Path> files = Files.walk(checkpoint)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  private static void write(Path repo, String path, String text) throws IOException {
    Path file = repo.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
