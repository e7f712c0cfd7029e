package io.codeanatomy.delta;

import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import org.apache.hadoop.conf.Configuration;

/** The Delta Kernel engine every reader and writer of this process shares. */
public final class KernelEngine {
  private static final Engine SHARED = DefaultEngine.create(new Configuration());

  private KernelEngine() {}

  public static Engine shared() {
    return SHARED;
  }
}
