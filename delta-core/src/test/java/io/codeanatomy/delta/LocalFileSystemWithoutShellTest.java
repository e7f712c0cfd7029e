package io.codeanatomy.delta;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files created through it get the permissions Hadoop's own local file system gives them. */
class LocalFileSystemWithoutShellTest {
  @Test
  void createsFilesWithTheUmaskedDefaultPermissionAndAChecksum(@TempDir java.nio.file.Path dir)
      throws Exception {
    Configuration conf = new Configuration();
    conf.set("fs.permissions.umask-mode", "027");
    try (FileSystem fs = new LocalFileSystemWithoutShell()) {
      fs.initialize(dir.toUri(), conf);
      try (OutputStream out = fs.create(new Path(dir.resolve("a.parquet").toUri()))) {
        out.write(42);
      }
    }

    assertThat(Files.readAllBytes(dir.resolve("a.parquet"))).containsExactly(42);
    assertThat(
            PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a.parquet"))))
        .isEqualTo("rw-r-----");
    assertThat(dir.resolve(".a.parquet.crc")).exists();
  }

  @Test
  void wrapsARawFileSystemThatSetsPermissionsInJava() throws Exception {
    assertThat(new LocalFileSystemWithoutShell().getRawFileSystem())
        .isInstanceOf(LocalFileSystemWithoutShell.Raw.class);
  }
}
