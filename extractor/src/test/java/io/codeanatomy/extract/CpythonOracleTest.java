package io.codeanatomy.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our {@code defs} agree exactly with what CPython compiles, on files chosen to be awkward. */
class CpythonOracleTest {

  @Test
  void defsAgreeWithCpythonOnAwkwardSources(@TempDir Path dir) throws Exception {
    Samples.writeRepo(dir);
    writeAwkwardFiles(dir);
    assertAgreement(dir);
  }

  @Test
  void defsAgreeWithCpythonOnTheSampleRepo() throws Exception {
    Path sample = DefsOracle.findUp("examples/sample-repo");
    assumeTrue(sample != null, "examples/sample-repo does not exist yet");
    assertAgreement(sample);
  }

  private static void assertAgreement(Path root) throws IOException, InterruptedException {
    DefsOracle cpython = DefsOracle.cpython(root);
    assumeTrue(cpython != null, "python3 (3.11+) is not available");
    DefsOracle ours = DefsOracle.ours(new PythonExtractor().extract(root));
    assertThat(ours.unparseable()).isEqualTo(cpython.unparseable());
    assertThat(DefsOracle.missing(cpython, ours)).as("CPython defs we miss or misplace").isEmpty();
    assertThat(DefsOracle.missing(ours, cpython)).as("our defs CPython lacks").isEmpty();
    assertThat(ours.defs()).isNotEmpty();
  }

  private static void writeAwkwardFiles(Path dir) throws IOException {
    Samples.write(
        dir,
        "awkward/shapes.py",
        """
        # -*- coding: utf-8 -*-
        import functools as ft


        class Outer:
            class Inner:
                def deep(self):
                    class InMethod:
                        async def am(self):
                            def leaf(): pass
                    return InMethod

            @property
            # a comment between decorator and def
            def prop(self): return 1

            @ft.wraps(
                print,
            )
            def multi_line_decorator(self): ...


        def long_signature(
            a,
            b: int = 1,
            *args,
            c=lambda: [i for i in range(3)],
            **kwargs,
        ) -> "Outer":
            def nested_default(x=(lambda: 0)()):
                pass
            return nested_default


        @functools.total_ordering
        class Decorated(Outer, metaclass=type):
            pass


        def générer():
            def ünïcode(): pass
            return ünïcode


        x = 1; y = 2
        if x:
            def conditional(): pass
        else:
            def conditional(): return 0

        match x:
            case 1:
                def in_match(): pass
            case _:
                pass

        try:
            def in_try(): pass
        except Exception:
            class InExcept(Exception): pass
        finally:
            pass

        with open(__file__) as f:
            def in_with(): pass

        while False:
            async def in_while(): pass

        def uses_walrus():
            if (n := 10) > 5:
                def after_walrus(): pass


        def g1():
            global g2
            def g2(): pass
            class G3:
                global G4
                class G4: pass
        """);
    Files.write(
        dir.resolve("awkward/crlf.py"),
        "def a():\r\n    pass\r\n\r\nclass B:\r\n    def c(self):\r\n        pass\r\n"
            .getBytes(StandardCharsets.UTF_8));
    Files.write(
        dir.resolve("awkward/tabs.py"),
        "class T:\n\tdef m(self):\n\t\tdef n():\n\t\t\tpass\n".getBytes(StandardCharsets.UTF_8));
    Samples.write(dir, "awkward/__init__.py", "");
    Samples.write(dir, "awkward/broken.py", "def broken(:\n    pass\n");
    Samples.write(dir, "scripts/run-me.py", "def main():\n    pass\n");
  }
}
