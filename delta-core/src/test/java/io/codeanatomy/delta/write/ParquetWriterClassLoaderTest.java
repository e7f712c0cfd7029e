package io.codeanatomy.delta.write;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

/** Parquet's per-file configuration, made while Kernel writes, reads no Hadoop XML resources. */
class ParquetWriterClassLoaderTest {
  @Test
  void configurationsMadeWhileWritingSkipHadoopResources() {
    assertThat(new Configuration().get("fs.defaultFS")).isEqualTo("file:///"); // core-default.xml

    String inside =
        ParquetWriterClassLoader.run(() -> new Configuration().get("fs.defaultFS", "<unset>"));

    assertThat(inside).isEqualTo("<unset>");
  }

  @Test
  void restoresTheContextClassLoaderAndFindsOtherResources() {
    ClassLoader before = Thread.currentThread().getContextClassLoader();

    boolean found =
        ParquetWriterClassLoader.run(
            () ->
                Thread.currentThread()
                        .getContextClassLoader()
                        .getResource("org/apache/hadoop/conf/Configuration.class")
                    != null);

    assertThat(found).isTrue();
    assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(before);
  }
}
