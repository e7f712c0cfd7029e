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
  private static final Engine SHARED = DefaultEngine.create(new Configuration());
  private static final Map<Map<String, String>, Engine> CONFIGURED = new ConcurrentHashMap<>();

  private KernelEngine() {}

  public static Engine shared() {
    return SHARED;
  }

  /** An engine whose Hadoop configuration has these settings on top of the defaults. */
  public static Engine configured(Map<String, String> settings) {
    return CONFIGURED.computeIfAbsent(
        Map.copyOf(settings),
        s -> {
          Configuration conf = new Configuration();
          s.forEach(conf::set);
          return DefaultEngine.create(conf);
        });
  }
}
