package io.codeanatomy.extract;

import io.codeanatomy.extract.parse.PythonParser;
import io.codeanatomy.extract.repo.SourceFile;
import io.codeanatomy.extract.repo.SourceWalker;
import io.codeanatomy.extract.rows.FileExtractor;
import io.codeanatomy.extract.rows.FileRows;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Extracts a Python repository into the rows of the extraction tables ({@code docs/data-model.md}).
 * Files are parsed in parallel on a fixed pool, each thread with its own tree-sitter parser (they
 * are not thread-safe), and the results are merged in path order, so the output does not depend on
 * scheduling.
 */
public final class PythonExtractor {
  /** Files larger than this are reported as {@code TOO_LARGE} instead of being parsed. */
  public static final long DEFAULT_MAX_FILE_BYTES = 16L * 1024 * 1024;

  private static final long PARSER_STACK_BYTES = 512L * 1024 * 1024;

  private final int threads;
  private final long maxFileBytes;
  private final Set<String> excludedDirs;
  private final Progress progress;

  /** Told after each file is extracted, from the worker threads; must be cheap and thread-safe. */
  @FunctionalInterface
  public interface Progress {
    Progress NONE = (done, total) -> {};

    void filesDone(int done, int total);
  }

  public PythonExtractor() {
    this(Runtime.getRuntime().availableProcessors(), DEFAULT_MAX_FILE_BYTES);
  }

  public PythonExtractor(int threads, long maxFileBytes) {
    this(threads, maxFileBytes, Set.of(), Progress.NONE);
  }

  private PythonExtractor(
      int threads, long maxFileBytes, Set<String> excludedDirs, Progress progress) {
    if (threads < 1 || maxFileBytes < 0) {
      throw new IllegalArgumentException(
          "threads must be >= 1 and maxFileBytes >= 0, got " + threads + ", " + maxFileBytes);
    }
    this.threads = threads;
    this.maxFileBytes = maxFileBytes;
    this.excludedDirs = Set.copyOf(excludedDirs);
    this.progress = progress;
  }

  /**
   * This extractor, skipping the given repo-relative directories ({@code venv}, {@code lib/test});
   * their files are not part of the repository's graph.
   */
  public PythonExtractor excluding(Set<String> dirs) {
    return new PythonExtractor(threads, maxFileBytes, dirs, progress);
  }

  /** This extractor, reporting each extracted file to {@code progress} (e.g. a progress bar). */
  public PythonExtractor reporting(Progress progress) {
    return new PythonExtractor(threads, maxFileBytes, excludedDirs, progress);
  }

  public int threads() {
    return threads;
  }

  /** The {@code .py} files {@link #extract} would read, in path order. */
  public List<Path> sources(Path repoRoot) {
    return sourceFiles(repoRoot).stream().map(SourceFile::location).toList();
  }

  /** Extracts every {@code .py} file under {@code repoRoot}. */
  public Extraction extract(Path repoRoot) {
    return extract(sourceFiles(repoRoot));
  }

  /** Extracts the given files (of one repository), e.g. those an incremental run found changed. */
  public Extraction extract(List<SourceFile> files) {
    return merge(extractAll(files));
  }

  /** The repository's {@code .py} files, in path order, leaving out the excluded directories. */
  public List<SourceFile> sourceFiles(Path repoRoot) {
    if (!Files.isDirectory(repoRoot)) {
      throw new ExtractionException(
          "repository root " + repoRoot + " is not a directory; pass the repository's top folder",
          null);
    }
    try {
      return new SourceWalker(repoRoot, excludedDirs).walk();
    } catch (IOException e) {
      throw new ExtractionException("cannot list the Python files under " + repoRoot + ": " + e, e);
    }
  }

  private List<FileRows> extractAll(List<SourceFile> files) {
    if (files.isEmpty()) {
      return List.of();
    }
    int poolSize = Math.max(1, Math.min(threads, files.size()));
    BlockingQueue<PythonParser> parsers = new ArrayBlockingQueue<>(poolSize);
    ExecutorService pool = Executors.newFixedThreadPool(poolSize, PythonExtractor::parserThread);
    try {
      for (int i = 0; i < poolSize; i++) {
        parsers.add(new PythonParser());
      }
      List<Future<FileRows>> pending = new ArrayList<>(files.size());
      AtomicInteger done = new AtomicInteger();
      for (SourceFile file : files) {
        pending.add(
            pool.submit(
                () -> {
                  FileRows rows = extractOne(file, parsers);
                  progress.filesDone(done.incrementAndGet(), files.size());
                  return rows;
                }));
      }
      List<FileRows> results = new ArrayList<>(files.size());
      for (int i = 0; i < pending.size(); i++) {
        results.add(await(pending.get(i), files.get(i)));
      }
      return results;
    } finally {
      pool.shutdownNow();
      parsers.forEach(PythonParser::close);
    }
  }

  /**
   * tree-sitter renders and frees trees recursively in native code: 3,000 nested brackets overflow
   * a default 1 MB thread stack and crash the JVM. The stack is reserved address space, committed
   * only as deep files touch it.
   */
  private static Thread parserThread(Runnable task) {
    Thread thread = new Thread(null, task, "python-extractor", PARSER_STACK_BYTES);
    thread.setDaemon(true);
    return thread;
  }

  private FileRows extractOne(SourceFile file, BlockingQueue<PythonParser> parsers)
      throws InterruptedException {
    PythonParser parser = parsers.take();
    try {
      return new FileExtractor(parser, maxFileBytes).extract(file);
    } finally {
      parsers.add(parser);
    }
  }

  private static FileRows await(Future<FileRows> future, SourceFile file) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ExtractionException("interrupted while extracting " + file.path(), e);
    } catch (ExecutionException e) {
      throw new ExtractionException(
          "extracting " + file.path() + " failed: " + e.getCause(), e.getCause());
    }
  }

  private static Extraction merge(List<FileRows> results) {
    Map<String, List<Object[]>> tables = new LinkedHashMap<>();
    for (String table : ExtractionTables.names()) {
      tables.put(table, new ArrayList<>());
    }
    for (FileRows rows : results) {
      tables.get(ExtractionTables.FILES).add(rows.file());
      tables.get(ExtractionTables.PARSE_ERRORS).addAll(rows.parseErrors());
      tables.get(ExtractionTables.AST_NODES).addAll(rows.astNodes());
      tables.get(ExtractionTables.SCOPES).addAll(rows.scopes());
      tables.get(ExtractionTables.DEFS).addAll(rows.defs());
      tables.get(ExtractionTables.CALLS).addAll(rows.calls());
      tables.get(ExtractionTables.IMPORTS).addAll(rows.imports());
      tables.get(ExtractionTables.SYMBOLS).addAll(rows.symbols());
      tables.get(ExtractionTables.PARAMS).addAll(rows.params());
      tables.get(ExtractionTables.NAME_REFS).addAll(rows.nameRefs());
      tables.get(ExtractionTables.CALL_ARGS).addAll(rows.callArgs());
    }
    return new Extraction(tables);
  }
}
