package io.codeanatomy.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our {@code scopes} and {@code symbols} against CPython 3.11's {@code symtable}: on tricky files,
 * on the sample repository and on the installed 3.11 standard library. The stdlib run takes a fixed
 * sample of every 8th file by default; {@code -Dcodeanatomy.stdlib=full} runs all 970 files.
 * Skipped when no {@code python3} 3.11 is available.
 */
class SymtableOracleTest {
  private static final double REQUIRED = 0.995;

  @Test
  void trickyScopingAgreesExactly(@TempDir Path dir) throws Exception {
    Samples.writeRepo(dir);
    ScopingSamples.write(dir);
    SymtableOracle.Agreement[] result = check("tricky", dir, List.of());
    assertThat(result[0].missed()).isEmpty();
    assertThat(result[0].extra()).isEmpty();
    assertThat(result[1].missed()).isEmpty();
    assertThat(result[1].extra()).isEmpty();
    assertThat(result[2].missed()).isEmpty();
    assertThat(result[2].extra()).isEmpty();
  }

  @Test
  void sampleRepoAgrees() throws Exception {
    Path sample = DefsOracle.findUp("examples/sample-repo");
    assumeTrue(sample != null, "examples/sample-repo does not exist");
    SymtableOracle.Agreement[] result = check("sample-repo", sample, List.of());
    assertThat(result[0].ratio()).isEqualTo(1.0);
    assertThat(result[1].ratio()).isEqualTo(1.0);
    assertThat(result[2].ratio()).isEqualTo(1.0);
  }

  @Test
  void stdlibAgrees(@TempDir Path copy) throws Exception {
    Path lib = stdlib();
    assumeTrue(lib != null, "pyenv's Python 3.11.7 is not installed");
    boolean full = "full".equals(System.getProperty("codeanatomy.stdlib"));
    List<Path> files;
    try (Stream<Path> walk = Files.walk(lib)) {
      files =
          walk.filter(p -> p.toString().endsWith(".py"))
              .filter(p -> !lib.relativize(p).startsWith("test"))
              .filter(p -> !lib.relativize(p).startsWith("site-packages"))
              .sorted()
              .toList();
    }
    List<String> chosen = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      if (full || i % 8 == 0) {
        Path rel = lib.relativize(files.get(i));
        Files.createDirectories(copy.resolve(rel).getParent());
        Files.copy(files.get(i), copy.resolve(rel));
        chosen.add(rel.toString().replace('\\', '/'));
      }
    }
    System.out.printf("stdlib: %d of %d files%n", chosen.size(), files.size());
    SymtableOracle.Agreement[] result = check("stdlib", copy, List.of());
    assertThat(result[0].ratio()).isGreaterThanOrEqualTo(REQUIRED);
    assertThat(result[1].ratio()).isGreaterThanOrEqualTo(REQUIRED);
    assertThat(result[2].ratio()).isGreaterThanOrEqualTo(REQUIRED);
  }

  private static SymtableOracle.Agreement[] check(String corpus, Path root, List<String> paths)
      throws IOException, InterruptedException {
    SymtableOracle cpython = SymtableOracle.cpython(root, paths);
    assumeTrue(cpython != null, "python3 3.11 is not available");
    Extraction extraction = new PythonExtractor().extract(root);
    SymtableOracle ours = SymtableOracle.ours(extraction);
    assertThat(ours.unparseable())
        .as("files only one side fails on")
        .isEqualTo(cpython.unparseable());
    return SymtableOracle.agreement(corpus, cpython, ours);
  }

  static Path stdlib() {
    String pyenv = System.getenv("PYENV_ROOT");
    Path root = pyenv != null ? Path.of(pyenv) : Path.of(System.getProperty("user.home"), ".pyenv");
    Path lib = root.resolve("versions/3.11.7/lib/python3.11");
    return Files.isDirectory(lib) ? lib : null;
  }
}
