package io.codeanatomy.extract.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The fast mirror (S-expression plus query) equals the node-by-node cursor walk. */
class PythonParserTest {
  private static PythonParser parser;

  @BeforeAll
  static void open() {
    parser = new PythonParser();
  }

  @AfterAll
  static void close() {
    parser.close();
  }

  @Test
  void fastMirrorEqualsCursorWalkOnSmallSources() {
    for (String source :
        List.of(
            "",
            "# only a comment\n",
            "x",
            "def f(a, b=1, *c, d: int = 2, **e) -> None:\n    return [i for i in a if i]\n",
            "@d\nclass C(B, metaclass=M):\n    async def m(self): await g(x for x in y)\n",
            "s = f'{a!r:>{w}}' + 'b' 'c'\nmatch s:\n    case [1, *r] if r: pass\n",
            "x = (\n  1,  # trailing\n)\n")) {
      assertSameMirror(source.getBytes(StandardCharsets.UTF_8), source);
    }
  }

  @Test
  void fastMirrorEqualsCursorWalkOnTheStdlib() throws IOException {
    Path json = Path.of(System.getProperty("user.home"), ".pyenv/versions/3.11.7/lib/python3.11");
    List<Path> files = new ArrayList<>();
    for (String dir : List.of("json", "email", "asyncio")) {
      if (Files.isDirectory(json.resolve(dir))) {
        try (Stream<Path> s = Files.list(json.resolve(dir))) {
          s.filter(p -> p.toString().endsWith(".py")).sorted().forEach(files::add);
        }
      }
    }
    for (Path file : files) {
      assertSameMirror(Files.readAllBytes(file), file.toString());
    }
  }

  @Test
  void problemsNameMissingTokensAndErrors() {
    ParsedSource parsed = parser.parse("def f(:\n    pass\n".getBytes(StandardCharsets.UTF_8));
    assertThat(parsed.ok()).isFalse();
    assertThat(parsed.problems()).extracting(SyntaxProblem::message).contains("missing `)`");
    ParsedSource garbage = parser.parse("x = = 1\n".getBytes(StandardCharsets.UTF_8));
    assertThat(garbage.problems())
        .extracting(SyntaxProblem::message)
        .anySatisfy(m -> assertThat(m).startsWith("syntax error near `"));
  }

  @Test
  void problemIsReportedPastTheStatementsThatParsed() {
    // Recovery wraps the docstring, the import and the broken def in one ERROR node; the report
    // must not point at the docstring on line 1.
    String source =
        "\"\"\"Doc.\"\"\"\n\nimport os\n\n\ndef f(a, b = 0\n    \"\"\"x\"\"\"\n    y = a\n    return y\n";
    ParsedSource parsed = parser.parse(source.getBytes(StandardCharsets.UTF_8));

    assertThat(parsed.ok()).isFalse();
    assertThat(parsed.problems().get(0).bstart())
        .as(parsed.problems().toString())
        .isGreaterThanOrEqualTo(source.indexOf("def f"));
  }

  @Test
  void python2ConstructsDoNotParse() {
    for (String source : List.of("print 'x'\n", "exec 'x = 1'\n", "x = 0777\n")) {
      assertThat(parser.parse(source.getBytes(StandardCharsets.UTF_8)).ok()).as(source).isFalse();
    }
    for (String source : List.of("print('x')\n", "x = 0\ny = 00\nz = 0o777 + 0x1F + 0.5 + 0j\n")) {
      assertThat(parser.parse(source.getBytes(StandardCharsets.UTF_8)).ok()).as(source).isTrue();
    }
  }

  private static void assertSameMirror(byte[] source, String what) {
    SyntaxTree fast = parser.parseFast(source);
    SyntaxTree slow = parser.parseByCursor(source);
    assertThat(fast).as("fast mirror of %s", what).isNotNull();
    assertThat(fast.size()).as(what).isEqualTo(slow.size());
    for (int i = 0; i < slow.size(); i++) {
      String at = what + " node " + i;
      assertThat(fast.kind(i)).as(at).isEqualTo(slow.kind(i));
      assertThat(fast.field(i)).as(at).isEqualTo(slow.field(i));
      assertThat(fast.start(i)).as(at).isEqualTo(slow.start(i));
      assertThat(fast.end(i)).as(at).isEqualTo(slow.end(i));
      assertThat(fast.parent(i)).as(at).isEqualTo(slow.parent(i));
      assertThat(fast.childIndex(i)).as(at).isEqualTo(slow.childIndex(i));
    }
  }
}
