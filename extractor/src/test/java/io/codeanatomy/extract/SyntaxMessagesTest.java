package io.codeanatomy.extract;

import static io.codeanatomy.extract.ExtractionTables.FILES;
import static io.codeanatomy.extract.ExtractionTables.PARSE_ERRORS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bracket and string errors are worded and placed as CPython 3.11 reports them. */
class SyntaxMessagesTest {
  static final Map<String, String> CASES = new LinkedHashMap<>();

  static {
    CASES.put("never_closed.py", "def f(a, b=0.0\n    return a\n\n\nx = [i for i in (1, 2)]\n");
    CASES.put("never_closed_inner.py", "f(a, [b\n");
    CASES.put("mismatched.py", "x = (1,\n  [2)\n");
    CASES.put("mismatched_same_line.py", "x = {1: (2]}\n");
    CASES.put("unmatched.py", "x = 1)\n");
    CASES.put("unterminated.py", "x = = 1\ny = \"abc\n");
    CASES.put("unterminated_triple.py", "x = 1\ny = '''abc\n\n");
    CASES.put("strings_hide_brackets.py", "x = '(' + \"[\" + '''{\n'''  # )\ny = (1,\n");
    CASES.put("earlier_error_wins.py", "def f(:\n    pass\n\nx = g(\n");
  }

  @Test
  void theSampleRepositorysBrokenModuleIsReportedAtItsOpenParenthesis() {
    Path sample = DefsOracle.findUp("examples/sample-repo");
    assumeTrue(sample != null, "examples/sample-repo does not exist");
    Extraction e = new PythonExtractor().extract(sample);
    Table files = Table.of(e, FILES).where("path", "stockroom/broken.py");
    assertThat(files.one("parse_ok")).isEqualTo(false);
    assertThat((String) files.one("error")).startsWith("'(' was never closed at line 10, col 18");
    Object[] first =
        Table.of(e, PARSE_ERRORS)
            .where("path", "stockroom/broken.py")
            .filter(r -> ((String) r[4]).startsWith("'('"))
            .single();
    assertThat(first[7]).isEqualTo(10);
    assertThat(first[8]).isEqualTo(18);
  }

  @Test
  void messagesAndPositionsMatchCpython(@TempDir Path dir) throws Exception {
    for (Map.Entry<String, String> c : CASES.entrySet()) {
      Samples.write(dir, c.getKey(), c.getValue());
    }
    Map<String, String> cpython = cpython(dir);
    assumeTrue(cpython != null, "python3 is not available");
    Table files = Table.of(new PythonExtractor().extract(dir), FILES);
    List<String> ours = new ArrayList<>();
    List<String> theirs = new ArrayList<>();
    for (String path : CASES.keySet()) {
      String error = (String) files.where("path", path).one("error");
      // "<message> at line L, col C (and n more)" -> "<message> @L:C"
      String head = error.replaceAll(" \\(and \\d+ more\\)$", "");
      int at = head.lastIndexOf(" at line ");
      String[] lineCol = head.substring(at + 9).split(", col ");
      ours.add(path + " " + head.substring(0, at) + " @" + lineCol[0] + ":" + lineCol[1]);
      String expected = cpython.get(path);
      if (expected.startsWith("invalid syntax @")) {
        // CPython's generic message; ours names what tree-sitter found, at the same place
        expected =
            ours.get(ours.size() - 1).replaceFirst("^\\S+ ", "").replaceFirst(" @.*", "")
                + expected.substring("invalid syntax".length());
      }
      theirs.add(path + " " + expected);
    }
    assertThat(ours).isEqualTo(theirs);
  }

  private static Map<String, String> cpython(Path dir) throws IOException, InterruptedException {
    String script =
        """
        import ast, sys, os
        for name in sys.argv[2:]:
            src = open(os.path.join(sys.argv[1], name), 'rb').read()
            try:
                ast.parse(src)
                print(name + '\\tOK')
            except SyntaxError as e:
                print(name + '\\t' + e.msg + ' @' + str(e.lineno) + ':' + str(e.offset - 1))
        """;
    List<String> command = new ArrayList<>(List.of("python3", "-c", script, dir.toString()));
    command.addAll(CASES.keySet());
    Process p;
    try {
      p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException e) {
      return null;
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(1, TimeUnit.MINUTES) || p.exitValue() != 0) {
      return null;
    }
    Map<String, String> result = new LinkedHashMap<>();
    for (String line : out.split("\n")) {
      String[] parts = line.split("\t", 2);
      result.put(parts[0], parts[1]);
    }
    return result;
  }
}
