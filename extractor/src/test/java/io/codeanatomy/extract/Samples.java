package io.codeanatomy.extract;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small Python packages that exercise every table; all of them compile with CPython. */
final class Samples {
  static final String MOD =
      """
      from __future__ import annotations
      import os.path
      import numpy as np, sys
      from .sib import *
      import functools


      def deco(f):
          return f


      @deco
      @functools.lru_cache(maxsize=None)
      def decorated(a, b=len("x")):
          return [x * 2 for x in a]


      class Base: pass


      class Child(Base, dict, metaclass=type):
          def method(self):
              def inner():
                  return lambda y: y
              return inner

          async def amethod(self):
              await self.method()

          @staticmethod
          def smethod(): pass


      async def top():
          pass


      def outer():
          class Local:
              def m(self): pass
          return Local


      def declares():
          global promoted
          def promoted():
              pass


      squares = {k: v for k, v in {}.items()}
      gen = (g for g in range(3))
      s = {e for e in []}
      obj = None
      if obj:
          obj.attr.call(1, *gen, key=2)
      ok = "héllo"; after = str(ok)
      """;

  static final String INIT =
      """
      from . import x
      from .sub import y as z
      """;

  static final String DEEP =
      """
      from .. import up
      from ..other.m import thing


      def f():
          import json as j
          return j
      """;

  static final String REDEFINED =
      """
      import sys
      if sys.version_info > (3,):
          def f(): return 1
      else:
          def f(): return 2
      class K:
          if True:
              def g(self): pass
          else:
              def g(self): pass
      """;

  private Samples() {}

  static Path writeRepo(Path root) throws IOException {
    write(root, "pkg/__init__.py", INIT);
    write(root, "pkg/mod.py", MOD);
    write(root, "pkg/sib.py", "VALUE = 1\n");
    write(root, "pkg/sub/__init__.py", "");
    write(root, "pkg/sub/deep.py", DEEP);
    write(root, "redefined.py", REDEFINED);
    return root;
  }

  static void write(Path root, String path, String text) throws IOException {
    Path file = root.resolve(path);
    Files.createDirectories(file.getParent());
    Files.write(file, text.getBytes(StandardCharsets.UTF_8));
  }
}
