package io.codeanatomy.job.cli;

import io.codeanatomy.extract.ExtractionRun;
import io.codeanatomy.extract.RepositoryWatcher;
import io.codeanatomy.job.run.BuildException;
import io.codeanatomy.job.run.ContinuousCpg;
import io.codeanatomy.job.run.Warehouse;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;

/**
 * Keeps a continuous job (and, for {@code watch}, the repository watcher feeding it) running until
 * Ctrl-C, showing its status line. Ctrl-C lets the watcher finish the commit under way, then stops
 * the job with a savepoint — its last checkpoint committed — that {@code --resume} continues from.
 */
final class ContinuousSession {
  private final Warehouse warehouse;
  private final ContinuousCpg cpg;
  private final RepositoryWatcher watcher;
  private final PrintWriter out;
  private final CountDownLatch ended = new CountDownLatch(1);
  private volatile boolean stopping;

  /**
   * @param watcher the watcher to run on this thread, or null to only wait for Ctrl-C
   */
  ContinuousSession(
      Warehouse warehouse, ContinuousCpg cpg, RepositoryWatcher watcher, PrintWriter out) {
    this.warehouse = warehouse;
    this.cpg = cpg;
    this.watcher = watcher;
    this.out = out;
  }

  /** Runs until Ctrl-C or until the job ends on its own (which is a failure). */
  void run() throws InterruptedException {
    Thread stopper = new Thread(this::stop, "codeanatomy-stop");
    Runtime.getRuntime().addShutdownHook(stopper);
    ScheduledExecutorService status = Executors.newSingleThreadScheduledExecutor(daemon());
    boolean console = System.console() != null;
    StatusLine line = new StatusLine(warehouse, cpg);
    status.scheduleWithFixedDelay(
        () -> printStatus(line, console), 1, console ? 1 : 10, TimeUnit.SECONDS);
    try {
      if (watcher != null) {
        watcher.run(this::afterSync);
      }
      while (!stopping && !cpg.job().status().isGloballyTerminalState()) {
        Thread.sleep(500);
      }
      if (!stopping) {
        JobStatus end = cpg.job().status();
        throw new BuildException(
            "the continuous job ended on its own with status "
                + end
                + "; its log says why (run with --verbose)");
      }
      ended.await();
    } finally {
      status.shutdownNow();
    }
  }

  /** The shutdown hook: watcher first (its commit completes), then the job with a savepoint. */
  private void stop() {
    stopping = true;
    try {
      if (watcher != null) {
        watcher.stop();
      }
      out.println();
      out.println("stopping: taking a savepoint and committing the last checkpoint...");
      out.flush();
      if (!cpg.job().status().isGloballyTerminalState()) {
        Path savepoint = cpg.stopWithSavepoint();
        out.println("stopped; savepoint " + savepoint + " (resume with --resume)");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      out.println("stopping failed: " + e.getMessage());
    } finally {
      out.flush();
      ended.countDown();
    }
  }

  /** After a rewrite of the tables (a large change set), says how the CPG got there. */
  private void afterSync(ExtractionRun run) {
    cpg.afterSync(run)
        .ifPresent(
            rebuild -> {
              out.println();
              out.printf(
                  "large change set (%s): tables rewritten in %.1f s, CPG rebuilt in batch in %.1f"
                      + " s; continuous job %s restarted from the new snapshots%n",
                  run.changes().describe(),
                  run.millis() / 1e3,
                  rebuild.jobMillis() / 1e3,
                  cpg.job().jobId());
              out.flush();
            });
  }

  private void printStatus(StatusLine line, boolean console) {
    try {
      String text = line.render();
      if (console) {
        out.print("\r" + text + "   ");
      } else {
        out.println(text);
      }
      out.flush();
    } catch (RuntimeException e) {
      // A status line must never end the session; the next tick tries again.
    }
  }

  private static java.util.concurrent.ThreadFactory daemon() {
    return task -> {
      Thread thread = new Thread(task, "codeanatomy-status");
      thread.setDaemon(true);
      return thread;
    };
  }
}
