package io.codeanatomy.job.stream;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Seeded random edits of a Python repository, the kinds a developer makes: append a function, shift
 * a file's code down a line, rewrite a file as another's content, add a module that imports and
 * calls into the others, delete a file, rename one. The same seed gives the same sequence.
 */
final class RepoMutator {
  private static final Charset LATIN_1 = StandardCharsets.ISO_8859_1;
  private final Path repo;
  private final Random random;
  private int counter;

  RepoMutator(Path repo, long seed) {
    this.repo = repo;
    this.random = new Random(seed);
  }

  /** Applies one random edit and describes it. */
  String mutate() throws IOException {
    counter++;
    List<Path> files = pythonFiles();
    Path target = files.get(random.nextInt(files.size()));
    String rel = repo.relativize(target).toString();
    int kind = random.nextInt(files.size() > 20 ? 6 : 4);
    switch (kind) {
      case 0 -> {
        append(target, "\n\ndef added_" + counter + "(value):\n    return len(str(value))\n");
        return "append a function to " + rel;
      }
      case 1 -> {
        Files.writeString(target, "# edit " + counter + "\n" + read(target), LATIN_1);
        return "shift " + rel + " down a line";
      }
      case 2 -> {
        Path module = target.resolveSibling("generated_" + counter + ".py");
        String imported = moduleOf(files.get(random.nextInt(files.size())));
        Files.writeString(
            module,
            "import "
                + imported
                + "\n\n\nclass Generated"
                + counter
                + ":\n    def run(self):\n        return self.helper()\n\n"
                + "    def helper(self):\n        return "
                + imported
                + "\n");
        return "add " + repo.relativize(module) + " importing " + imported;
      }
      case 3 -> {
        Path other = files.get(random.nextInt(files.size()));
        Files.write(target, Files.readAllBytes(other));
        return "rewrite " + rel + " as a copy of " + repo.relativize(other);
      }
      case 4 -> {
        Files.delete(target);
        return "delete " + rel;
      }
      default -> {
        Path moved = target.resolveSibling("moved_" + counter + ".py");
        Files.move(target, moved);
        return "rename " + rel + " to " + repo.relativize(moved);
      }
    }
  }

  private String moduleOf(Path file) {
    String rel = repo.relativize(file).toString();
    String module = rel.substring(0, rel.length() - 3).replace('/', '.');
    return module.endsWith(".__init__") ? module.substring(0, module.length() - 9) : module;
  }

  private static void append(Path file, String text) throws IOException {
    Files.writeString(file, read(file) + text, LATIN_1);
  }

  /** Every byte as one char, so files that are not UTF-8 (the sample has one) survive edits. */
  private static String read(Path file) throws IOException {
    return Files.readString(file, LATIN_1);
  }

  private List<Path> pythonFiles() throws IOException {
    try (Stream<Path> paths = Files.walk(repo)) {
      return paths.filter(p -> p.toString().endsWith(".py")).sorted().toList();
    }
  }
}
