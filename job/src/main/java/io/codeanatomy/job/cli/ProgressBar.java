package io.codeanatomy.job.cli;

import io.codeanatomy.extract.PythonExtractor;
import java.io.PrintStream;

/**
 * A one-line progress bar on the terminal: {@code extracting [#####.....] 412/970 files, 83
 * files/s}. Redrawn at most ten times a second; silent when stderr is not a terminal, so logs and
 * pipes stay clean.
 */
final class ProgressBar implements PythonExtractor.Progress {
  private static final int WIDTH = 30;
  private static final long REDRAW_NANOS = 100_000_000;

  private final PrintStream terminal;
  private final long start = System.nanoTime();
  private long lastDrawn;

  private ProgressBar(PrintStream terminal) {
    this.terminal = terminal;
  }

  /** A bar on stderr when there is a terminal, else nothing. */
  static PythonExtractor.Progress onTerminal() {
    return System.console() != null ? new ProgressBar(System.err) : PythonExtractor.Progress.NONE;
  }

  @Override
  public synchronized void filesDone(int done, int total) {
    long now = System.nanoTime();
    boolean last = done == total;
    if (!last && now - lastDrawn < REDRAW_NANOS) {
      return;
    }
    lastDrawn = now;
    int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * done / total);
    double seconds = Math.max(1e-3, (now - start) / 1e9);
    terminal.printf(
        "\rextracting [%s%s] %d/%d files, %.0f files/s",
        "#".repeat(filled), ".".repeat(WIDTH - filled), done, total, done / seconds);
    if (last) {
      terminal.print("\r" + " ".repeat(80) + "\r"); // the summary line takes its place
    }
    terminal.flush();
  }
}
