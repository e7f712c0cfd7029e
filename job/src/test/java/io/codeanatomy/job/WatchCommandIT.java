package io.codeanatomy.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.read.SnapshotReader;
import io.codeanatomy.job.run.Warehouse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code codeanatomy watch} as a user runs it, in its own JVM: an edit saved in the repository
 * reaches {@code cpg_nodes}; SIGTERM (what Ctrl-C's shutdown hooks also run on) stops it with a
 * savepoint; {@code --resume} continues from that savepoint and picks up an edit made meanwhile.
 */
class WatchCommandIT {
  private static final Duration ARRIVAL_TIMEOUT = Duration.ofSeconds(120);

  @TempDir Path tmp;

  @Test
  void editsReachTheGraphAndAStoppedWatchResumesFromItsSavepoint() throws Exception {
    Path repo = tmp.resolve("repo");
    write(repo, "shop/__init__.py", "");
    write(repo, "shop/cart.py", "def total(items):\n    return sum(items)\n");
    Path warehouse = tmp.resolve("warehouse");

    Watch first = Watch.start(repo, warehouse);
    try {
      first.awaitOutput("continuous job");
      awaitFunction(warehouse, "total");
      append(repo.resolve("shop/cart.py"), "\n\ndef discount(items):\n    return total(items)\n");
      awaitFunction(warehouse, "discount");
    } finally {
      first.stop();
    }
    // 128 + SIGTERM: the JVM reports the signal once the shutdown hooks have finished.
    assertThat(first.exitCode()).as(first.output()).isEqualTo(143);
    assertThat(first.output()).contains("stopped; savepoint");
    Path savepoint = Path.of(Files.readString(new Warehouse(warehouse).lastSavepointFile()).trim());
    assertThat(savepoint.resolve("_metadata")).exists();

    append(repo.resolve("shop/cart.py"), "\n\ndef refund(items):\n    return -total(items)\n");
    Watch resumed = Watch.start(repo, warehouse, "--resume");
    try {
      resumed.awaitOutput("resumed from its savepoint");
      awaitFunction(warehouse, "refund");
    } finally {
      resumed.stop();
    }
    assertThat(resumed.exitCode()).as(resumed.output()).isEqualTo(143);
    assertThat(resumed.output()).contains("stopped; savepoint");
  }

  /** Waits until {@code cpg_nodes} holds a FUNCTION node named {@code name}. */
  private static void awaitFunction(Path warehouse, String name) throws InterruptedException {
    DeltaTable nodes = new Warehouse(warehouse).cpgTable("cpg_nodes");
    long deadline = System.nanoTime() + ARRIVAL_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (nodes.exists()) {
        var snapshot = nodes.snapshot();
        for (Object[] row : SnapshotReader.readColumns(nodes, snapshot, List.of("kind", "name"))) {
          if ("FUNCTION".equals(row[0]) && name.equals(row[1])) {
            return;
          }
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("cpg_nodes has no FUNCTION " + name + " after " + ARRIVAL_TIMEOUT);
  }

  /** A {@code codeanatomy watch} process with its output collected. */
  private static final class Watch {
    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private Watch(Process process) {
      this.process = process;
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader in =
                    new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                  for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                  }
                } catch (IOException e) {
                  lines.add("(output ended: " + e + ")");
                }
              });
      reader.setDaemon(true);
      reader.start();
    }

    static Watch start(Path repo, Path warehouse, String... extra) throws IOException {
      List<String> command =
          new java.util.ArrayList<>(
              List.of(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "--add-opens=java.base/java.nio=ALL-UNNAMED",
                  "--add-opens=java.base/java.lang=ALL-UNNAMED",
                  "--add-opens=java.base/java.util=ALL-UNNAMED",
                  "-cp",
                  System.getProperty("java.class.path"),
                  "io.codeanatomy.job.cli.Main",
                  "watch",
                  repo.toString(),
                  "--warehouse",
                  warehouse.toString(),
                  "--interval",
                  "200ms",
                  "--debounce",
                  "100ms",
                  "--parallelism",
                  "1"));
      command.addAll(List.of(extra));
      return new Watch(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    void awaitOutput(String text) throws InterruptedException {
      long deadline = System.nanoTime() + ARRIVAL_TIMEOUT.toNanos();
      while (System.nanoTime() < deadline) {
        if (output().contains(text)) {
          return;
        }
        if (!process.isAlive()) {
          throw new AssertionError("watch exited " + process.exitValue() + ":\n" + output());
        }
        Thread.sleep(100);
      }
      throw new AssertionError("watch never printed '" + text + "':\n" + output());
    }

    /** SIGTERM, as a terminal's Ctrl-C would end it through the same shutdown hooks. */
    void stop() throws InterruptedException {
      // Through the handle: Process#destroy would also close our end of its output.
      process.toHandle().destroy();
      if (!process.waitFor(3, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError("watch did not stop within 3 minutes:\n" + output());
      }
    }

    int exitCode() {
      return process.exitValue();
    }

    String output() {
      return String.join("\n", lines);
    }
  }

  private static void write(Path repo, String path, String text) throws IOException {
    Path file = repo.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private static void append(Path file, String text) throws IOException {
    Files.writeString(file, Files.readString(file) + text);
  }
}
