package io.codeanatomy.delta.write;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.regex.Pattern;

/**
 * The thread context class loader while Kernel writes Parquet files: this library's own loader,
 * except that it hides Hadoop's configuration resources ({@code core-default.xml} and the like).
 *
 * <p>Kernel builds each file's {@code ParquetWriter} without a configuration, so Parquet makes a
 * fresh {@code new Configuration()} per file, and its first lookup (the encryption factory) parses
 * {@code core-default.xml} (150 KB of XML, from a jar), {@code mapred-default.xml} and {@code
 * yarn-default.xml} when Flink or MapReduce classes registered them, and searches the class path
 * for each {@code *-site.xml}: 10 to 40 ms per data file, most of the cost of writing a bucketed
 * table whose files are small. A {@code Configuration} finds those resources through the context
 * class loader it is created under. Nothing Parquet reads from that throwaway configuration is
 * defined there (its own {@code parquet.*} keys have defaults in code; Kernel passes codec and
 * sizes to the builder, and opens files through the engine's own, fully loaded configuration), so
 * the files are byte for byte the same without them.
 */
final class ParquetWriterClassLoader extends ClassLoader {
  /**
   * Hadoop's configuration resources: {@code core-default.xml}, {@code core-site.xml}, and those
   * other Hadoop classes add as defaults once loaded ({@code mapred-default.xml}, {@code
   * yarn-default.xml}, {@code hdfs-site.xml}, ...).
   */
  private static final Pattern HIDDEN = Pattern.compile("[a-z][a-z0-9-]*-(default|site)\\.xml");

  static {
    ClassLoader.registerAsParallelCapable();
  }

  static final ParquetWriterClassLoader INSTANCE =
      new ParquetWriterClassLoader(ParquetWriterClassLoader.class.getClassLoader());

  private ParquetWriterClassLoader(ClassLoader parent) {
    super("delta-core-parquet-writer", parent);
  }

  @Override
  public URL getResource(String name) {
    return hidden(name) ? null : super.getResource(name);
  }

  @Override
  public Enumeration<URL> getResources(String name) throws IOException {
    return hidden(name) ? Collections.emptyEnumeration() : super.getResources(name);
  }

  private static boolean hidden(String name) {
    return HIDDEN.matcher(name).matches();
  }

  /** Runs {@code action} with this loader as the thread's context class loader. */
  static <T, E extends Exception> T run(Action<T, E> action) throws E {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(INSTANCE);
    try {
      return action.run();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  /** Something to run under the loader. */
  @FunctionalInterface
  interface Action<T, E extends Exception> {
    T run() throws E;
  }
}
