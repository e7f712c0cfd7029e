package io.codeanatomy.interop;

import org.apache.spark.sql.SparkSession;

/**
 * One local Spark with Delta Lake for every interop test of the JVM: starting one takes seconds.
 */
final class SparkSessions {
  private static SparkSession spark;

  private SparkSessions() {}

  static synchronized SparkSession get() {
    if (spark == null) {
      spark =
          SparkSession.builder()
              .master("local[1]")
              .appName("codeanatomy-interop")
              .config("spark.ui.enabled", "false")
              .config("spark.sql.shuffle.partitions", "1")
              .config("spark.sql.session.timeZone", "UTC")
              .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
              .config(
                  "spark.sql.catalog.spark_catalog",
                  "org.apache.spark.sql.delta.catalog.DeltaCatalog")
              .getOrCreate();
    }
    return spark;
  }
}
