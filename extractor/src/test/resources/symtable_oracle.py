"""Prints the scopes and symbol flags CPython's `symtable` computes for every file under a directory.

Usage: symtable_oracle.py <root> [<relative path> ...]   (no paths: every .py file under root)

Output, tab-separated:
  S  path  key                      one line per scope
  Y  path  key  name  flags         one line per symbol of that scope
  N  path  line:col  ctx            one line per ast.Name (LOAD/STORE/DEL), col in UTF-8 bytes
  U  path                           a file CPython cannot compile
key is `type:name:line#n` (type module/class/function, name as symtable reports it: `top`,
`lambda`, `listcomp`..., n counts earlier scopes with the same type, name and line in the file);
flags is a comma-separated subset of param, local, global, declared_global, nonlocal, free, cell,
imported, assigned, referenced, annotated, taken from the raw flags and scope of each symbol.
Compiler-internal names (`.0`, the implicit argument of comprehensions) are left out.
"""
import ast
import os
import symtable
import sys

import _symtable as st

FLAGS = [
    ("param", lambda f, s, m: f & st.DEF_PARAM),
    ("local", lambda f, s, m: s in (st.LOCAL, st.CELL) or (m and f & st.DEF_BOUND)),
    ("global", lambda f, s, m: s in (st.GLOBAL_IMPLICIT, st.GLOBAL_EXPLICIT) or (m and f & st.DEF_BOUND)),
    ("declared_global", lambda f, s, m: s == st.GLOBAL_EXPLICIT),
    ("nonlocal", lambda f, s, m: f & st.DEF_NONLOCAL),
    ("free", lambda f, s, m: s == st.FREE),
    ("cell", lambda f, s, m: s == st.CELL),
    ("imported", lambda f, s, m: f & st.DEF_IMPORT),
    ("assigned", lambda f, s, m: f & st.DEF_LOCAL),
    ("referenced", lambda f, s, m: f & st.USE),
    ("annotated", lambda f, s, m: f & st.DEF_ANNOT),
]


def describe(path, table, seen, out):
    kind = table.get_type()
    key = f"{kind}:{table.get_name()}:{table.get_lineno()}"
    n = seen.get(key, 0)
    seen[key] = n + 1
    key = f"{key}#{n}"
    out.append(f"S\t{path}\t{key}")
    module = kind == "module"
    for name, raw in table._table.symbols.items():
        if name.startswith("."):
            continue
        scope = (raw >> st.SCOPE_OFF) & st.SCOPE_MASK
        flags = ",".join(label for label, test in FLAGS if test(raw, scope, module))
        out.append(f"Y\t{path}\t{key}\t{name}\t{flags}")
    for child in table.get_children():
        describe(path, child, seen, out)


def main(root, paths):
    if not paths:
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(
                d for d in dirnames if not d.startswith(".") and d != "__pycache__")
            for name in filenames:
                if name.endswith(".py") and not name.startswith("."):
                    paths.append(os.path.relpath(os.path.join(dirpath, name), root).replace(os.sep, "/"))
    for path in sorted(paths):
        with open(os.path.join(root, path), "rb") as f:
            source = f.read()
        try:
            text = source.decode("utf-8")
            compile(source, path, "exec", dont_inherit=True)
            table = symtable.symtable(text, path, "exec")
        except (SyntaxError, ValueError, UnicodeDecodeError, MemoryError, RecursionError):
            print(f"U\t{path}")
            continue
        out = []
        describe(path, table, {}, out)
        for node in ast.walk(ast.parse(source, path)):
            if isinstance(node, ast.Name):
                ctx = type(node.ctx).__name__.upper()
                out.append(f"N\t{path}\t{node.lineno}:{node.col_offset}\t{ctx}")
        print("\n".join(out))


if __name__ == "__main__":
    if sys.version_info[:2] != (3, 11):
        sys.exit("needs Python 3.11: 3.12 inlines comprehensions (PEP 709)")
    main(sys.argv[1], sys.argv[2:])
