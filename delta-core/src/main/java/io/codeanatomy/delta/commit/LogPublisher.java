package io.codeanatomy.delta.commit;

import io.codeanatomy.delta.DeltaException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.UUID;

/**
 * Publishes {@code _delta_log/<version>.json} with put-if-absent semantics: the commit file appears
 * whole or not at all, and of two writers racing for one version exactly one wins. On a local file
 * system a hard link from a fully written, synced temporary file gives both properties.
 */
final class LogPublisher {
  private LogPublisher() {}

  /**
   * Writes the lines as commit {@code version}.
   *
   * @return false when another writer already published that version (nothing was written)
   */
  static boolean publish(Path logDir, long version, List<String> lines) {
    Path target = logDir.resolve(String.format("%020d.json", version));
    Path temp = logDir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
    try {
      Files.createDirectories(logDir);
      byte[] body = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
      try (FileChannel out =
          FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        out.write(java.nio.ByteBuffer.wrap(body));
        out.force(true);
      }
      Files.createLink(target, temp);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      throw new DeltaException(
          logDir.getParent().toString(),
          "could not write commit " + version + ": " + e.getMessage(),
          e);
    } finally {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // A leftover temp file is harmless: readers only list <version>.json files.
      }
    }
  }
}
