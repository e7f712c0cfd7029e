package io.codeanatomy.job.run;

import io.codeanatomy.spec.Spec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;

/** A running continuous job: its status, and the ways to stop it. */
public final class StreamingJob {
  private final JobClient client;
  private final Warehouse warehouse;
  private final Spec spec;
  private final Map<String, Long> startVersions;
  private final boolean fresh;

  /**
   * How the job ended once this handle stopped it, else null. The embedded cluster shuts down with
   * its job, so the client cannot be asked afterwards.
   */
  private volatile JobStatus ended;

  StreamingJob(
      JobClient client,
      Warehouse warehouse,
      Spec spec,
      Map<String, Long> startVersions,
      boolean fresh) {
    this.client = client;
    this.warehouse = warehouse;
    this.spec = spec;
    this.startVersions = Map.copyOf(startVersions);
    this.fresh = fresh;
  }

  public JobID jobId() {
    return client.getJobID();
  }

  public Spec spec() {
    return spec;
  }

  /** The input versions a fresh start read as its snapshot. */
  public Map<String, Long> startVersions() {
    return startVersions;
  }

  /** True when the job started from snapshots rather than from a savepoint. */
  public boolean fresh() {
    return fresh;
  }

  public JobStatus status() {
    JobStatus end = ended;
    if (end != null) {
      return end;
    }
    return await(client.getJobStatus(), Duration.ofSeconds(30), "ask the job's status");
  }

  /**
   * Stops the job with a savepoint once its last checkpoint is committed, records the savepoint in
   * the warehouse for {@code --resume}, and returns its path.
   */
  public Path stopWithSavepoint() {
    String location =
        await(
            client.stopWithSavepoint(
                false, warehouse.savepointsDir().toUri().toString(), SavepointFormatType.CANONICAL),
            Duration.ofMinutes(5),
            "stop the job with a savepoint");
    Path savepoint = asPath(location);
    ended = JobStatus.FINISHED;
    try {
      Files.createDirectories(warehouse.lastSavepointFile().getParent());
      Files.writeString(warehouse.lastSavepointFile(), savepoint.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "the job stopped with savepoint " + savepoint + " but recording it failed", e);
    }
    return savepoint;
  }

  /**
   * Cancels the job without a savepoint; its retained checkpoints stay on disk. Cancelling a job
   * this handle already stopped does nothing.
   */
  public void cancel() {
    if (ended != null) {
      return;
    }
    await(client.cancel(), Duration.ofMinutes(1), "cancel the job");
    ended = JobStatus.CANCELED;
    try {
      client.getJobExecutionResult().get(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // A cancelled job completes exceptionally; that is the expected end.
    }
  }

  /** The savepoint the last stopped job recorded in {@code warehouse}, if any. */
  public static Optional<Path> lastSavepoint(Warehouse warehouse) {
    try {
      Path file = warehouse.lastSavepointFile();
      return Files.exists(file)
          ? Optional.of(Paths.get(Files.readString(file).trim()))
          : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The newest completed checkpoint any continuous job retained in {@code warehouse} (a directory
   * {@code chk-N} holding {@code _metadata}), to restart from after a crash.
   */
  public static Optional<Path> latestRetainedCheckpoint(Warehouse warehouse) {
    Path root = warehouse.checkpointsDir();
    if (!Files.isDirectory(root)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.walk(root, 3)) {
      return files
          .filter(p -> p.getFileName().toString().equals("_metadata"))
          .map(Path::getParent)
          .filter(p -> p.getFileName().toString().startsWith("chk-"))
          .max(Comparator.comparingLong(StreamingJob::modified));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long modified(Path checkpoint) {
    try {
      return Files.getLastModifiedTime(checkpoint.resolve("_metadata")).toMillis();
    } catch (IOException e) {
      return Long.MIN_VALUE;
    }
  }

  private static Path asPath(String location) {
    return location.startsWith("file:") ? Paths.get(URI.create(location)) : Paths.get(location);
  }

  private static <T> T await(
      java.util.concurrent.CompletableFuture<T> future, Duration timeout, String what) {
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BuildException("interrupted while waiting to " + what, e);
    } catch (ExecutionException e) {
      throw new BuildException("could not " + what + ": " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new BuildException("timed out after " + timeout.toSeconds() + " s trying to " + what);
    }
  }
}
