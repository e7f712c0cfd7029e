package io.codeanatomy.delta;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsAction;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.io.nativeio.NativeIO;

/**
 * Hadoop's local file system ({@code file:}, with {@code .crc} checksum files as before) that sets
 * file permissions through Java instead of a {@code chmod} process.
 *
 * <p>Without Hadoop's native library, {@code RawLocalFileSystem} sets the permission of every file
 * it creates by forking {@code chmod}: twice per data file (the file and its {@code .crc}), most of
 * the time of writing a table of many small files (JFR: {@code ProcessImpl.forkAndExec} under
 * {@code RawLocalFileSystem.setPermission}). The permissions set are the same.
 */
public final class LocalFileSystemWithoutShell extends LocalFileSystem {
  public LocalFileSystemWithoutShell() {
    super(new Raw());
  }

  /** The raw file system underneath: only {@code setPermission} differs. */
  static final class Raw extends RawLocalFileSystem {
    @Override
    public void setPermission(Path p, FsPermission permission) throws IOException {
      if (NativeIO.isAvailable() || permission.getStickyBit()) {
        super.setPermission(p, permission);
        return;
      }
      Files.setPosixFilePermissions(pathToFile(p).toPath(), posix(permission));
    }

    private static Set<PosixFilePermission> posix(FsPermission permission) {
      Set<PosixFilePermission> out = EnumSet.noneOf(PosixFilePermission.class);
      add(
          out,
          permission.getUserAction(),
          PosixFilePermission.OWNER_READ,
          PosixFilePermission.OWNER_WRITE,
          PosixFilePermission.OWNER_EXECUTE);
      add(
          out,
          permission.getGroupAction(),
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.GROUP_EXECUTE);
      add(
          out,
          permission.getOtherAction(),
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE,
          PosixFilePermission.OTHERS_EXECUTE);
      return out;
    }

    private static void add(
        Set<PosixFilePermission> out,
        FsAction action,
        PosixFilePermission read,
        PosixFilePermission write,
        PosixFilePermission execute) {
      if (action.implies(FsAction.READ)) {
        out.add(read);
      }
      if (action.implies(FsAction.WRITE)) {
        out.add(write);
      }
      if (action.implies(FsAction.EXECUTE)) {
        out.add(execute);
      }
    }
  }
}
