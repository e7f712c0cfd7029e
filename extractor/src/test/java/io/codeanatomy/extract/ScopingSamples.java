package io.codeanatomy.extract;

import java.io.IOException;
import java.nio.file.Path;

/** Sources that exercise every rule of Python's scoping; all compile with CPython 3.11. */
final class ScopingSamples {
  private ScopingSamples() {}

  static void write(Path root) throws IOException {
    Samples.write(
        root,
        "scoping/closures.py",
        """
        import os.path as osp, sys
        from collections import *
        from . import sibling as sib

        counter = 0

        def bump():
            global counter
            counter += 1
            return counter

        def outer(a, /, b=1, *args, c, d=2, **kw):
            x = 1
            y = 2
            def inner():
                nonlocal x
                x += 1
                return x + y
            def shadow(y):
                return y
            del a
            return inner, shadow, lambda q=x: q + b

        def cells():
            v = 0
            class K:
                v = 1
                def m(self):
                    return v
                w = [v for _ in range(3)]
            return K

        class Outer:
            attr = 1
            __private = 2
            def method(self):
                return attr
            def uses_super(self):
                super().uses_super()
                def deeper():
                    return __class__
                return deeper
            def mangled(self, __arg):
                __local = __arg
                return self.__private + __local
            class __Inner:
                pass

        def comprehensions(items):
            total = [i * j for i in items for j in range(i) if i]
            lookup = {k: v for k, v in items}
            gen = (x for x in items if (last := x))
            nested = [[y for y in row] for row in items]
            return total, lookup, gen, nested, last

        found = [m for m in sys.argv if (hit := m)]

        def handlers():
            try:
                pass
            except ValueError as err:
                print(err)
            with open(__file__) as fh, open(__file__) as (g1):
                pass
            for i, (j, k) in enumerate([]):
                pass
            else:
                pass
            del i
            while (n := 0):
                pass
            import json
            from json import loads as L
            return json, L, n

        def annotated(p: int, *rest: str, key: "Outer" = None) -> dict:
            local: list = []
            only: int
            (paren): int = 3
            return local

        value: int = 3
        declared: str

        def matcher(cmd):
            match cmd:
                case [first, *others]:
                    return first, others
                case {"k": kv, **extra}:
                    return kv, extra
                case Outer(attr=at) | Outer(attr=at) as whole:
                    return at, whole
                case os.sep:
                    return None
                case _:
                    return cmd

        def gen_globals():
            global later
            later = [z for z in range(3) if (later_hit := z)]
            return later_hit

        async def agen(src):
            async with src as s:
                async for item in s:
                    yield item
            print([a async for a in src])

        def fstrings(width):
            name = "x"
            return f"{name!r:>{width}}" + f"{ {name: 1} }"

        def decorated_default(f=lambda: counter):
            @staticmethod
            def inner(g=lambda: f):
                return g
            return inner

        class Meta(type, metaclass=type):
            def __new__(mcs, *a, **k):
                return super().__new__(mcs, *a, **k)
        """);
    Samples.write(
        root,
        "scoping/future.py",
        """
        from __future__ import annotations

        def f(a: Undefined, b: int = 1) -> Other:
            x: Missing = 1
            return x

        class C:
            field: Later
        """);
  }
}
