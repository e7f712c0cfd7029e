package io.codeanatomy.delta;

import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;

/**
 * The Delta Kernel engines of this process: one shared engine for reads and log work, and one per
 * distinct Parquet writer configuration (Kernel's Parquet writer takes its codec and sizes from the
 * engine's Hadoop configuration).
 */
public final class KernelEngine {
  private static final Configuration SHARED_CONFIGURATION = configuration();
  private static final Engine SHARED = DefaultEngine.create(SHARED_CONFIGURATION);
  private static final Map<Map<String, String>, Engine> CONFIGURED = new ConcurrentHashMap<>();

  private KernelEngine() {}

  /**
   * A Hadoop configuration that loads classes (file systems, codecs) through this library's class
   * loader. By default it would keep the thread's context class loader of whoever created it first
   * — in Flink, the user-code class loader of the first task attempt, which is closed when that
   * attempt fails, breaking every later use (Kernel's checkpoint writes, after a job restart).
   * Local files go through {@link LocalFileSystemWithoutShell}, which does not fork {@code chmod}
   * per file.
   */
  private static Configuration configuration() {
    Configuration conf = new Configuration();
    conf.setClassLoader(KernelEngine.class.getClassLoader());
    // Hadoop caches one file system per scheme: this applies where delta-core opens it first.
    conf.set("fs.file.impl", LocalFileSystemWithoutShell.class.getName());
    return conf;
  }

  public static Engine shared() {
    return SHARED;
  }

  /**
   * The Hadoop configuration of the {@linkplain #shared() shared engine}, for code that opens files
   * outside Kernel but should see them as Kernel does. Read it, never change it: it is shared by
   * every read of this process. Building a new {@code Configuration} instead parses Hadoop's XML
   * defaults again on first use.
   */
  public static Configuration sharedConfiguration() {
    return SHARED_CONFIGURATION;
  }

  /** An engine whose Hadoop configuration has these settings on top of the defaults. */
  public static Engine configured(Map<String, String> settings) {
    return CONFIGURED.computeIfAbsent(
        Map.copyOf(settings),
        s -> {
          Configuration conf = configuration();
          s.forEach(conf::set);
          return DefaultEngine.create(conf);
        });
  }
}
