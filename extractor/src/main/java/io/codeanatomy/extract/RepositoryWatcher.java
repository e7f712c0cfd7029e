package io.codeanatomy.extract;

import io.codeanatomy.extract.repo.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * Keeps a repository's extraction tables fresh by polling. Each poll walks the tree and compares
 * every source file's path, size and modification time with the last synced state — cheap, no file
 * is read. When they moved, the watcher waits until they have stayed put for the debounce period
 * (an editor saving several files, a {@code git checkout}) and then runs one {@link
 * IncrementalExtractor#sync}, which commits the whole batch of changes.
 *
 * <p>{@link #stop()} lets the current sync finish its commits and then ends {@link #run}.
 */
public final class RepositoryWatcher {
  private final PythonExtractor extractor;
  private final IncrementalExtractor incremental;
  private final Path repo;
  private final Duration interval;
  private final Duration debounce;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean stopping;

  public RepositoryWatcher(
      PythonExtractor extractor, Path tablesDir, Path repo, Duration interval, Duration debounce) {
    this(extractor, new IncrementalExtractor(extractor, tablesDir), repo, interval, debounce);
  }

  /**
   * @param incremental syncs the tables; it must extract with {@code extractor}
   */
  public RepositoryWatcher(
      PythonExtractor extractor,
      IncrementalExtractor incremental,
      Path repo,
      Duration interval,
      Duration debounce) {
    if (interval.isNegative() || interval.isZero() || debounce.isNegative()) {
      throw new IllegalArgumentException(
          "the poll interval must be positive and the debounce not negative, got "
              + interval
              + " and "
              + debounce);
    }
    this.extractor = extractor;
    this.incremental = incremental;
    this.repo = repo;
    this.interval = interval;
    this.debounce = debounce;
  }

  /**
   * Syncs once, then polls until {@link #stop()}; {@code onRun} sees every sync, the first
   * included, whether or not it committed.
   */
  public void run(Consumer<ExtractionRun> onRun) throws InterruptedException {
    try {
      Fingerprint synced = fingerprint();
      onRun.accept(incremental.sync(repo));
      Fingerprint pending = null;
      long pendingSince = 0;
      while (!stopping) {
        sleep(interval);
        if (stopping) {
          break;
        }
        Fingerprint now = fingerprint();
        if (now.equals(synced) && !now.racy()) {
          pending = null;
        } else if (!now.equals(pending)) {
          pending = now;
          pendingSince = System.nanoTime();
        } else if (System.nanoTime() - pendingSince >= debounce.toNanos()) {
          onRun.accept(incremental.sync(repo));
          synced = now;
          pending = null;
        }
      }
    } finally {
      stopped.countDown();
    }
  }

  /** Asks {@link #run} to end after the sync under way, and waits until it has. */
  public void stop() throws InterruptedException {
    stopping = true;
    stopped.await();
  }

  /**
   * Path, size and modification time of every source file, in path order.
   *
   * @param racy a file was modified so shortly before the walk that a second write in the same
   *     clock tick would keep its size and time; such a state is synced again once it settles
   */
  private record Fingerprint(List<List<Object>> stamps, boolean racy) {}

  private static final long RACY_MILLIS = 2_000;

  private Fingerprint fingerprint() {
    long now = System.currentTimeMillis();
    List<List<Object>> stamps = new ArrayList<>();
    boolean racy = false;
    for (SourceFile file : extractor.sourceFiles(repo)) {
      try {
        BasicFileAttributes attributes =
            Files.readAttributes(file.location(), BasicFileAttributes.class);
        long modified = attributes.lastModifiedTime().toMillis();
        racy |= now - modified < RACY_MILLIS;
        stamps.add(List.of(file.path(), attributes.size(), modified));
      } catch (IOException e) {
        stamps.add(List.of(file.path(), Objects.toString(e.getMessage())));
      }
    }
    return new Fingerprint(stamps, racy);
  }

  /** Sleeps in short steps so a stop request is seen promptly. */
  private void sleep(Duration duration) throws InterruptedException {
    long until = System.nanoTime() + duration.toNanos();
    while (!stopping) {
      long left = until - System.nanoTime();
      if (left <= 0) {
        return;
      }
      Thread.sleep(Math.min(50, Math.max(1, left / 1_000_000)));
    }
  }
}
