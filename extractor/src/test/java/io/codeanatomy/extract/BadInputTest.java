package io.codeanatomy.extract;

import static io.codeanatomy.extract.ExtractionTables.FILES;
import static io.codeanatomy.extract.ExtractionTables.PARSE_ERRORS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input of every kind is recorded ({@code files.parse_ok=false} and a {@code parse_errors} row
 * with the reason) while the other files of the repository are still extracted.
 */
class BadInputTest {

  private static Extraction extractWithNeighbour(Path dir) throws IOException {
    Samples.write(dir, "good.py", "def fine():\n    return 1\n");
    Extraction e = new PythonExtractor().extract(dir);
    Table files = Table.of(e, FILES);
    assertThat(files.where("path", "good.py").one("parse_ok")).isEqualTo(true);
    assertThat(Table.of(e, ExtractionTables.DEFS).column("name")).contains("fine");
    return e;
  }

  private static Object[] onlyError(Extraction e, String path) {
    Table files = Table.of(e, FILES);
    assertThat(files.where("path", path).one("parse_ok")).as(path).isEqualTo(false);
    Table errors = Table.of(e, PARSE_ERRORS).where("path", path);
    assertThat(errors.rows()).as(path).isNotEmpty();
    // files.error is the first problem found (with a count of the others)
    String summary = (String) files.where("path", path).one("error");
    return errors.rows().stream()
        .filter(r -> summary.startsWith((String) r[4]))
        .findFirst()
        .orElseThrow(() -> new AssertionError(path + ": no parse_errors row for " + summary));
  }

  private static String message(Object[] error) {
    return (String) error[4];
  }

  @Test
  void aNulByteIsASyntaxErrorAtItsPosition(@TempDir Path dir) throws IOException {
    Files.write(dir.resolve("nul.py"), "x = 1\ny = '\0'\n".getBytes(StandardCharsets.UTF_8));
    Object[] error = onlyError(extractWithNeighbour(dir), "nul.py");
    assertThat(error[3]).isEqualTo("SYNTAX");
    assertThat(message(error)).contains("null bytes").contains("line 2, col 5");
    assertThat(error[7]).isEqualTo(2);
    assertThat(error[8]).isEqualTo(5);
  }

  @Test
  void invalidUtf8IsAnEncodingError(@TempDir Path dir) throws IOException {
    Files.write(dir.resolve("latin1.py"), new byte[] {'x', '=', '"', (byte) 0xE9, '"', '\n'});
    Object[] error = onlyError(extractWithNeighbour(dir), "latin1.py");
    assertThat(error[3]).isEqualTo("ENCODING");
    assertThat(message(error)).contains("byte 3");
  }

  @Test
  void aFiveMegabyteSingleLineFileParsesOrFailsCleanly(@TempDir Path dir) throws IOException {
    // Few nodes on purpose: node-dense files cost ~15 µs per node in JNI calls (a 5 MB list of
    // integers takes ~20 s), which is throughput, not the single-line edge case tested here.
    String valid = "data = ['" + "x".repeat(5_000_000) + "', f(1), [2, 3]]; y = data\n";
    Samples.write(dir, "big_valid.py", valid);
    Samples.write(dir, "big_garbage.py", "x = f(" + "a".repeat(5_000_000) + " ? 1\n");
    Extraction e = extractWithNeighbour(dir);
    Table files = Table.of(e, FILES);
    assertThat(files.where("path", "big_valid.py").one("parse_ok")).isEqualTo(true);
    assertThat(files.where("path", "big_valid.py").one("line_count")).isEqualTo(1);
    Object[] error = onlyError(e, "big_garbage.py");
    assertThat(error[3]).isEqualTo("SYNTAX");
    assertThat(error[7]).isEqualTo(1);
  }

  @Test
  void deepNestingIsReportedAsCpythonDoesWithoutOverflowingTheStack(@TempDir Path dir)
      throws IOException {
    int depth = 3000;
    Samples.write(dir, "parens.py", "x = " + "(".repeat(depth) + "1" + ")".repeat(depth) + "\n");
    Samples.write(dir, "lists.py", "x = " + "[".repeat(depth) + "]".repeat(depth) + "\n");
    StringBuilder blocks = new StringBuilder();
    for (int i = 0; i < depth; i++) {
      blocks.append(" ".repeat(i)).append("if x:\n");
    }
    blocks.append(" ".repeat(depth)).append("pass\n");
    Samples.write(dir, "blocks.py", blocks.toString());
    Samples.write(dir, "lambdas.py", "f = " + "lambda: ".repeat(depth) + "1\n");
    Samples.write(
        dir, "chain.py", "x = a" + ".b".repeat(depth) + " + 1" + " + 1".repeat(depth) + "\n");
    Samples.write(dir, "unclosed.py", "x = " + "(".repeat(depth) + "\n");
    Extraction e = extractWithNeighbour(dir);
    Object[] parens = onlyError(e, "parens.py");
    assertThat(message(parens)).startsWith("too many nested parentheses");
    assertThat(parens[8]).isEqualTo(4 + 200);
    assertThat(message(onlyError(e, "lists.py"))).startsWith("too many nested parentheses");
    Object[] blocksError = onlyError(e, "blocks.py");
    assertThat(message(blocksError)).startsWith("too many levels of indentation");
    assertThat(blocksError[7]).isEqualTo(101);
    assertThat(message(onlyError(e, "unclosed.py"))).startsWith("too many nested parentheses");
    // deep but within CPython's tokenizer limits: extracted (the tree walk is iterative)
    Table files = Table.of(e, FILES);
    assertThat(files.where("path", "chain.py").one("parse_ok")).isEqualTo(true);
    assertThat(files.where("path", "lambdas.py").one("parse_ok")).isEqualTo(true);
    assertThat(
            Table.of(e, ExtractionTables.SCOPES)
                .where("file_id", files.where("path", "lambdas.py").one("file_id"))
                .rows())
        .hasSize(depth + 1);
  }

  @Test
  void symlinkLoopsAndDanglingLinksAreIoErrors(@TempDir Path dir) throws IOException {
    Files.createSymbolicLink(dir.resolve("loop.py"), Path.of("loop.py"));
    Files.createSymbolicLink(dir.resolve("a.py"), Path.of("b.py"));
    Files.createSymbolicLink(dir.resolve("b.py"), Path.of("a.py"));
    Files.createSymbolicLink(dir.resolve("dangling.py"), Path.of("missing.py"));
    Files.createDirectories(dir.resolve("pkg"));
    Files.createSymbolicLink(dir.resolve("pkg/again"), Path.of(".."));
    Extraction e = extractWithNeighbour(dir);
    for (String path : new String[] {"loop.py", "a.py", "b.py", "dangling.py"}) {
      Object[] error = onlyError(e, path);
      assertThat(error[3]).isEqualTo("IO");
      assertThat(message(error)).contains(path).contains("symbolic link that does not resolve");
    }
    assertThat(Table.of(e, FILES).column("path")).doesNotContain("pkg/again/good.py");
  }

  @Test
  void unreadableFilesAreIoErrors(@TempDir Path dir) throws Exception {
    Process mkfifo = new ProcessBuilder("mkfifo", dir.resolve("fifo.py").toString()).start();
    assumeTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "no mkfifo");
    Path socketDir = Files.createDirectories(dir.resolve("sub"));
    Files.createSymbolicLink(socketDir.resolve("to_dir.py"), Path.of("."));
    Extraction e = extractWithNeighbour(dir);
    Object[] fifo = onlyError(e, "fifo.py");
    assertThat(fifo[3]).isEqualTo("IO");
    assertThat(message(fifo)).contains("not a regular file");
    assertThat(Table.of(e, FILES).where("path", "fifo.py").one("size_bytes")).isEqualTo(0L);
  }
}
