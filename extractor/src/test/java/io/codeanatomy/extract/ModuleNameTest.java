package io.codeanatomy.extract;

import static org.assertj.core.api.Assertions.assertThat;

import io.codeanatomy.extract.repo.ModuleName;
import org.junit.jupiter.api.Test;

class ModuleNameTest {
  @Test
  void modulesComeFromPaths() {
    assertThat(ModuleName.of("a/b/c.py").module()).isEqualTo("a.b.c");
    assertThat(ModuleName.of("a/b/__init__.py").module()).isEqualTo("a.b");
    assertThat(ModuleName.of("a/b/__init__.py").isPackage()).isTrue();
    assertThat(ModuleName.of("x.py").module()).isEqualTo("x");
    assertThat(ModuleName.of("x.py").isPackage()).isFalse();
    assertThat(ModuleName.of("ns/pkg/mod.py").module()).isEqualTo("ns.pkg.mod");
  }

  @Test
  void invalidModuleNamesAreNullButStillQualifyNames() {
    ModuleName script = ModuleName.of("bin/my-script.py");
    assertThat(script.module()).isNull();
    assertThat(script.qualifier()).isEqualTo("bin.my-script");
    assertThat(ModuleName.of("a/class.py").module()).isNull();
    assertThat(ModuleName.of("__init__.py").module()).isNull();
  }

  @Test
  void relativeImportsResolveAgainstThePackage() {
    ModuleName mod = ModuleName.of("a/b/c.py");
    assertThat(mod.resolve("m", 0)).isEqualTo("m");
    assertThat(mod.resolve(null, 1)).isEqualTo("a.b");
    assertThat(mod.resolve("m", 1)).isEqualTo("a.b.m");
    assertThat(mod.resolve("m", 2)).isEqualTo("a.m");
    assertThat(mod.resolve("m", 3)).isNull();
    ModuleName init = ModuleName.of("a/b/__init__.py");
    assertThat(init.resolve(null, 1)).isEqualTo("a.b");
    assertThat(init.resolve("x", 2)).isEqualTo("a.x");
    assertThat(ModuleName.of("top.py").resolve("x", 1)).isNull();
  }
}
