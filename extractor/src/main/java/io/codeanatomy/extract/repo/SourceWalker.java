package io.codeanatomy.extract.repo;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Lists the {@code .py} files under a repository root, sorted by repo-relative path. Hidden
 * entries, {@code __pycache__} and the excluded directories (repo-relative paths such as {@code
 * venv} or {@code lib/test}) are skipped. Directory symlinks are followed only while they stay
 * inside the root, and loops are skipped, so a walk always terminates and never reads foreign
 * trees.
 */
public final class SourceWalker {
  private final Path root;
  private final Path realRoot;
  private final Set<String> excluded;

  public SourceWalker(Path root) throws IOException {
    this(root, Set.of());
  }

  /** A walker that skips the given repo-relative directories ({@code /}-separated). */
  public SourceWalker(Path root, Set<String> excludedDirs) throws IOException {
    this.root = root.toAbsolutePath().normalize();
    this.realRoot = this.root.toRealPath();
    this.excluded = Set.copyOf(excludedDirs);
  }

  public List<SourceFile> walk() throws IOException {
    List<SourceFile> found = new ArrayList<>();
    Files.walkFileTree(
        root,
        EnumSet.of(FileVisitOption.FOLLOW_LINKS),
        Integer.MAX_VALUE,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            if (dir.equals(root)) {
              return FileVisitResult.CONTINUE;
            }
            String name = dir.getFileName().toString();
            if (name.startsWith(".")
                || name.equals("__pycache__")
                || excluded.contains(relative(dir))) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            if (Files.isSymbolicLink(dir) && !dir.toRealPath().startsWith(realRoot)) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            // Not only regular files: a FIFO, a dangling symlink or a symlink loop named *.py is a
            // file of the repository that cannot be read, and is reported as such.
            if (!attrs.isDirectory() && isPythonSource(file)) {
              found.add(new SourceFile(file, relative(file)));
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            if (e instanceof FileSystemLoopException) {
              return FileVisitResult.CONTINUE;
            }
            // An unreadable .py file is still a file of the repository: reading it later
            // reports the IO problem as a parse_errors row instead of losing it silently.
            if (isPythonSource(file) && !Files.isDirectory(file)) {
              found.add(new SourceFile(file, relative(file)));
              return FileVisitResult.CONTINUE;
            }
            if (file.equals(root)) {
              throw e;
            }
            return FileVisitResult.CONTINUE;
          }
        });
    found.sort(Comparator.comparing(SourceFile::path));
    return found;
  }

  private static boolean isPythonSource(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".py") && !name.startsWith(".");
  }

  private String relative(Path file) {
    StringBuilder path = new StringBuilder();
    for (Path part : root.relativize(file)) {
      if (path.length() > 0) {
        path.append('/');
      }
      path.append(part);
    }
    return path.toString();
  }
}
