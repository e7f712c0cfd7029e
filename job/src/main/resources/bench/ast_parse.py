"""CPython's own parse of the files named on stdin: the baseline of `codeanatomy bench extract`.

Prints "<seconds> <parsed> <files> <python version>"; the time covers reading and ast.parse of
every file, not interpreter start-up.
"""
import ast
import platform
import sys
import time
import warnings

warnings.simplefilter("ignore")  # invalid escape sequences in old code are not our concern
paths = [line.rstrip("\n") for line in sys.stdin if line.strip()]
parsed = 0
start = time.perf_counter()
for path in paths:
    try:
        with open(path, "rb") as f:
            ast.parse(f.read(), filename=path)
        parsed += 1
    except (SyntaxError, ValueError, RecursionError, MemoryError, OSError):
        pass
elapsed = time.perf_counter() - start
print(f"{elapsed:.6f} {parsed} {len(paths)} {platform.python_version()}")
