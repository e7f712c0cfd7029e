"""Prints every class and function definition under a directory as CPython sees it.

Output, one line per definition: path, kind (CLASS/FUNCTION), module-qualified __qualname__,
line (1-based) and col (0-based UTF-8 byte offset), tab-separated. A file CPython cannot compile
prints `path<TAB>UNPARSEABLE`. Qualnames come from the compiled code objects (co_qualname), not
from re-implementing the rules, so this is an independent oracle for the extractor.
"""
import ast
import keyword
import os
import sys


def module_qualifier(path):
    stem = path[:-3]
    parts = stem.split("/")
    if parts[-1] == "__init__":
        parts = parts[:-1]
    dotted = ".".join(parts)
    if not dotted:
        return path
    return dotted


def code_qualnames(code, out):
    out.setdefault((code.co_name, code.co_firstlineno), []).append(code.co_qualname)
    for const in code.co_consts:
        if hasattr(const, "co_code"):
            code_qualnames(const, out)


def main(root):
    files = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(
            d for d in dirnames if not d.startswith(".") and d != "__pycache__")
        for name in filenames:
            if name.endswith(".py") and not name.startswith("."):
                full = os.path.join(dirpath, name)
                files.append(os.path.relpath(full, root).replace(os.sep, "/"))
    for path in sorted(files):
        with open(os.path.join(root, path), "rb") as f:
            source = f.read()
        try:
            tree = ast.parse(source, path)
            code = compile(tree, path, "exec")
        except (SyntaxError, ValueError, UnicodeDecodeError):
            print(f"{path}\tUNPARSEABLE")
            continue
        qualnames = {}
        code_qualnames(code, qualnames)
        prefix = module_qualifier(path)
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                kind = "CLASS" if isinstance(node, ast.ClassDef) else "FUNCTION"
                first = min([node.lineno] + [d.lineno for d in node.decorator_list])
                found = qualnames.get((node.name, first), [])
                qualname = found[0] if len(found) == 1 else "?ambiguous:" + node.name
                print(f"{path}\t{kind}\t{prefix}.{qualname}\t{node.lineno}\t{node.col_offset}")


if __name__ == "__main__":
    if sys.version_info < (3, 11):
        sys.exit("needs Python 3.11+ for co_qualname")
    main(sys.argv[1])
