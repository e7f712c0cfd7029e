#!/usr/bin/env python3
"""Independent facts about the sample repository, computed with CPython's ``ast``.

Usage::

    python3 examples/sample_facts.py examples/sample-repo > job/src/test/resources/sample-facts.json

The output is the golden reference that tests of the extractor and of the CPG
compare against. It deliberately shares no code with the engine: everything here
comes from CPython 3.11's own parser. Only the standard library is used.

Conventions follow docs/data-model.md:

* paths are repo-relative with ``/`` separators;
* module names come from paths (``a/b/c.py`` -> ``a.b.c``, ``a/b/__init__.py`` ->
  ``a.b``; directories without ``__init__.py`` still contribute their name);
* qualnames are module-qualified ``__qualname__`` values;
* ``line`` is 1-based, ``col`` is a 0-based UTF-8 byte offset (``col_offset``), at the
  ``def`` / ``async`` / ``class`` keyword (decorators are not part of the position).

The keys ``expected_edges``, ``expected_unresolved`` and ``expected_refs`` are
hand-written data (see below); the script checks that every edge and reference they
list is consistent with the parsed source and fails loudly if not.
"""

from __future__ import annotations

import ast
import json
import os
import sys
import tokenize
import io
import symtable

# ---------------------------------------------------------------------------
# Hand-written expectations: edges a correct CPG of examples/sample-repo MUST hold.
#
# src/dst are qualnames (for CALLS, INHERITS_FROM, DECORATED_BY) or module names
# (for IMPORTS). For CALLS, src is the innermost enclosing def of the call, and
# ``callee_text``/``line`` identify the call expression itself.
# ``level``: "basic" edges need only ordinary name resolution; "advanced" edges need
# resolution through module aliases, package re-exports, star imports, super() or
# the MRO. Both are correct and must eventually hold.
# ---------------------------------------------------------------------------
EXPECTED_EDGES = [
    # --- CALLS ---------------------------------------------------------------
    # The call through a RELATIVE import: services/orders.py has
    # `from ..util.money import round_cents` and OrderService.total returns
    # round_cents(gross).
    {"kind": "CALLS", "level": "basic",
     "src": "stockroom.services.orders.OrderService.total",
     "dst": "stockroom.util.money.round_cents",
     "path": "stockroom/services/orders.py", "line": 46, "callee_text": "round_cents",
     "why": "round_cents is bound by `from ..util.money import round_cents` (level 2 relative import)"},
    # A call to a function defined in the same module.
    {"kind": "CALLS", "level": "basic",
     "src": "stockroom.util.money.round_cents",
     "dst": "stockroom.util.money._to_decimal",
     "path": "stockroom/util/money.py", "line": 20, "callee_text": "_to_decimal",
     "why": "module-level function _to_decimal of the same module (global scope lookup)"},
    # self.method() resolved to a method of a base class defined in another module.
    {"kind": "CALLS", "level": "basic",
     "src": "stockroom.services.orders.OrderService.place_order",
     "dst": "stockroom.services.base.Service.log",
     "path": "stockroom/services/orders.py", "line": 33, "callee_text": "self.log",
     "why": "OrderService(Service) does not define log; it is inherited from Service in services/base.py"},
    # self.method() on the own class (the target is itself decorated with @retry).
    {"kind": "CALLS", "level": "basic",
     "src": "stockroom.services.orders.OrderService.place_order",
     "dst": "stockroom.services.orders.OrderService._save",
     "path": "stockroom/services/orders.py", "line": 32, "callee_text": "self._save",
     "why": "method of the same class; the decorator does not change the def it resolves to"},
    # self.method() found through the MRO of a class with three bases.
    {"kind": "CALLS", "level": "advanced",
     "src": "stockroom.models.order.Order.add_line",
     "dst": "stockroom.models.mixins.TimestampMixin.touch",
     "path": "stockroom/models/order.py", "line": 37, "callee_text": "self.touch",
     "why": "Order(TimestampMixin, AuditMixin, BaseModel): touch comes from the first base, another module"},
    # super().__init__() resolves to the next class in the MRO.
    {"kind": "CALLS", "level": "advanced",
     "src": "stockroom.services.orders.OrderService.__init__",
     "dst": "stockroom.services.base.Service.__init__",
     "path": "stockroom/services/orders.py", "line": 16, "callee_text": "super().__init__",
     "why": "super() in OrderService -> Service.__init__"},
    # A name that arrives through `from stockroom.util.money import *` (money has __all__).
    {"kind": "CALLS", "level": "advanced",
     "src": "tests.test_money.RoundCentsTest.test_to_cents",
     "dst": "stockroom.util.money.to_cents",
     "path": "tests/test_money.py", "line": 16, "callee_text": "to_cents",
     "why": "to_cents is listed in stockroom.util.money.__all__ and bound by the star import"},
    # --- IMPORTS (importing file's module -> imported module) ----------------
    {"kind": "IMPORTS", "level": "basic",
     "src": "stockroom.services.orders", "dst": "stockroom.util.money",
     "path": "stockroom/services/orders.py", "line": 6,
     "why": "`from ..util.money import round_cents`: level 2 relative, package stockroom.services"},
    {"kind": "IMPORTS", "level": "basic",
     "src": "stockroom.services.orders", "dst": "stockroom.services.base",
     "path": "stockroom/services/orders.py", "line": 8,
     "why": "`from .base import Service`: level 1 relative"},
    {"kind": "IMPORTS", "level": "basic",
     "src": "manage", "dst": "stockroom.cli.commands",
     "path": "manage.py", "line": 10,
     "why": "absolute `from stockroom.cli.commands import main` in the top-level script"},
    {"kind": "IMPORTS", "level": "basic",
     "src": "stockroom.cli.commands", "dst": "stockroom.util.text",
     "path": "stockroom/cli/commands.py", "line": 8,
     "why": "`import stockroom.util.text` (dotted plain import)"},
    {"kind": "IMPORTS", "level": "basic",
     "src": "stockroom.plugins.csv_export", "dst": "stockroom.util.money",
     "path": "stockroom/plugins/csv_export.py", "line": 11,
     "why": "relative import from inside the namespace package stockroom.plugins (no __init__.py)"},
    {"kind": "IMPORTS", "level": "advanced",
     "src": "stockroom.services.inventory", "dst": "stockroom.services.base",
     "path": "stockroom/services/inventory.py", "line": 4,
     "why": "`from . import base as service_base`: the imported name is a submodule"},
    # --- INHERITS_FROM (class -> base class) ---------------------------------
    {"kind": "INHERITS_FROM", "level": "basic",
     "src": "stockroom.models.order.Order", "dst": "stockroom.models.base.BaseModel",
     "why": "third base, imported by `from .base import BaseModel` (another module)"},
    {"kind": "INHERITS_FROM", "level": "basic",
     "src": "stockroom.models.order.Order", "dst": "stockroom.models.mixins.TimestampMixin",
     "why": "first base of a multiple-inheritance class, from models/mixins.py"},
    {"kind": "INHERITS_FROM", "level": "basic",
     "src": "stockroom.models.order.Order", "dst": "stockroom.models.mixins.AuditMixin",
     "why": "second base of a multiple-inheritance class, from models/mixins.py"},
    {"kind": "INHERITS_FROM", "level": "basic",
     "src": "stockroom.models.product.DigitalProduct", "dst": "stockroom.models.product.Product",
     "why": "base class defined in the same module"},
    {"kind": "INHERITS_FROM", "level": "advanced",
     "src": "stockroom.services.inventory.InventoryService", "dst": "stockroom.services.base.Service",
     "why": "base written as the attribute `service_base.Service` of a module alias"},
    {"kind": "INHERITS_FROM", "level": "advanced",
     "src": "tests.test_orders.PlaceOrderTest.test_subclass_keeps_log.<locals>.QuietService",
     "dst": "stockroom.services.orders.OrderService",
     "why": "class inside a function; OrderService re-exported by stockroom/services/__init__.py"},
    # --- DECORATED_BY (decorated def -> decorator def) -----------------------
    {"kind": "DECORATED_BY", "level": "basic",
     "src": "stockroom.services.orders.OrderService._save", "dst": "stockroom.util.retry.retry",
     "why": "`@retry(times=3)`: decorator with arguments, imported by `from ..util.retry import retry`"},
    {"kind": "DECORATED_BY", "level": "basic",
     "src": "stockroom.plugins.json_export.JsonExporter", "dst": "stockroom.util.registry.register",
     "why": "plain `@register` on a class, absolute from-import"},
    {"kind": "DECORATED_BY", "level": "basic",
     "src": "stockroom.cli.commands.demo", "dst": "stockroom.cli.commands.command",
     "why": "plain `@command` defined in the same module"},
    {"kind": "DECORATED_BY", "level": "advanced",
     "src": "stockroom.plugins.csv_export.CsvExporter", "dst": "stockroom.util.registry.register",
     "why": "`@registry.register` where registry is a submodule bound by `from ..util import registry`"},
]

# Calls whose target is not defined in the repository: each must get exactly one
# CALLS edge to an EXTERNAL node (confidence < 1), never a fan-out to repo defs.
EXPECTED_UNRESOLVED = [
    {"src": "stockroom.plugins.json_export.JsonExporter.export",
     "path": "stockroom/plugins/json_export.py", "line": 19, "callee_text": "json.dumps",
     "external": "json.dumps",
     "why": "stdlib function reached through `import json`"},
    {"src": "stockroom.cli.commands.demo",
     "path": "stockroom/cli/commands.py", "line": 42, "callee_text": "print",
     "external": "print",
     "why": "builtin; there is no def named print in the repo"},
]

# Name references (``ast.Name``) and the one REF edge each must get, or none. ``dst`` is the
# qualname of the target node (a CLASS/FUNCTION def, or an IMPORT node, whose qualname is
# ``target_module.name``) with its ``dst_kind``; ``external`` names the EXTERNAL node of a builtin
# or unresolved name (confidence < 1); ``dst_line`` tells apart defs of one qualname (a name bound
# twice in a scope resolves to the binding in force at the reference). A PARAMETER has no
# qualname: ``dst`` is then the qualname of its function or lambda and ``dst_line`` its line, and
# the parameter is named like the reference; the script checks with ``symtable`` that the function
# has such a parameter. ``dst_kind: null`` means no edge: the name is bound by an assignment (no
# node). ``name``/``ctx`` identify the reference on its line, and the script checks that exactly one
# such ``ast.Name`` is there.
EXPECTED_REFS = [
    {"path": "stockroom/util/money.py", "line": 20, "name": "_to_decimal", "ctx": "LOAD",
     "dst_kind": "FUNCTION", "dst": "stockroom.util.money._to_decimal",
     "why": "global lookup from round_cents finds the module-level def"},
    {"path": "stockroom/util/money.py", "line": 25, "name": "round_cents", "ctx": "LOAD",
     "dst_kind": "FUNCTION", "dst": "stockroom.util.money.round_cents",
     "why": "global lookup from to_cents"},
    {"path": "stockroom/util/money.py", "line": 20, "name": "ROUND_HALF_UP", "ctx": "LOAD",
     "dst_kind": "IMPORT", "dst": "decimal.ROUND_HALF_UP",
     "why": "bound at module level by `from decimal import ROUND_HALF_UP, Decimal`"},
    {"path": "stockroom/services/orders.py", "line": 46, "name": "round_cents", "ctx": "LOAD",
     "dst_kind": "IMPORT", "dst": "stockroom.util.money.round_cents",
     "why": "bound by the relative `from ..util.money import round_cents`"},
    {"path": "stockroom/services/orders.py", "line": 12, "name": "Service", "ctx": "LOAD",
     "dst_kind": "IMPORT", "dst": "stockroom.services.base.Service",
     "why": "a base class expression is evaluated in the module scope"},
    {"path": "stockroom/services/orders.py", "line": 44, "name": "sum", "ctx": "LOAD",
     "dst_kind": "EXTERNAL", "external": "sum",
     "why": "builtin"},
    {"path": "stockroom/models/product.py", "line": 38, "name": "quantity", "ctx": "LOAD",
     "dst_kind": "FUNCTION", "dst": "stockroom.models.product.Product.quantity", "dst_line": 35,
     "why": "`@quantity.setter` is evaluated in the class body before the second `def quantity`"
            " binds the name again: the binding in force is the getter at line 35"},
    {"path": "stockroom/util/money.py", "line": 20, "name": "_CENT", "ctx": "LOAD",
     "dst_kind": None,
     "why": "a module variable bound by assignment: no node to point at"},
    {"path": "stockroom/services/orders.py", "line": 23, "name": "order", "ctx": "STORE",
     "dst_kind": None,
     "why": "a local variable's own assignment target"},
    {"path": "stockroom/util/retry.py", "line": 25, "name": "times", "ctx": "LOAD",
     "dst_kind": "PARAMETER", "dst": "stockroom.util.retry.retry", "dst_line": 19,
     "why": "a function reads its own parameter"},
    {"path": "stockroom/util/retry.py", "line": 34, "name": "kwargs", "ctx": "LOAD",
     "dst_kind": "PARAMETER", "dst": "stockroom.util.retry.retry.<locals>.decorator.<locals>.wrapper",
     "dst_line": 30, "why": "`**kwargs` of wrapper, passed on"},
    {"path": "stockroom/util/retry.py", "line": 34, "name": "fn", "ctx": "LOAD",
     "dst_kind": "PARAMETER", "dst": "stockroom.util.retry.retry.<locals>.decorator",
     "dst_line": 28, "why": "a closure reads the parameter of the function around it"},
    {"path": "stockroom/util/retry.py", "line": 32, "name": "times", "ctx": "LOAD",
     "dst_kind": "PARAMETER", "dst": "stockroom.util.retry.retry", "dst_line": 19,
     "why": "a closure two functions in reads the outermost one's parameter"},
    {"path": "stockroom/reports/summary.py", "line": 19, "name": "order", "ctx": "LOAD",
     "dst_kind": "PARAMETER", "dst": "stockroom.reports.summary.summarize.<locals>.<lambda>",
     "dst_line": 19, "why": "a lambda reads its own parameter"},
    {"path": "stockroom/reports/summary.py", "line": 19, "name": "orders", "ctx": "LOAD",
     "dst_kind": "PARAMETER", "dst": "stockroom.reports.summary.summarize", "dst_line": 10,
     "why": "a parameter passed on as an argument"},
    {"path": "stockroom/reports/summary.py", "line": 36, "name": "orders", "ctx": "STORE",
     "dst_kind": "PARAMETER", "dst": "stockroom.reports.summary.units_by_customer",
     "dst_line": 34, "why": "a parameter rebound by assignment: the assignment has no node, so the"
                            " name still resolves to the parameter, its own target included"},
    {"path": "stockroom/reports/summary.py", "line": 36, "name": "orders", "ctx": "LOAD",
     "dst_kind": "PARAMETER", "dst": "stockroom.reports.summary.units_by_customer",
     "dst_line": 34, "why": "the parameter read to rebind it"},
    {"path": "stockroom/reports/summary.py", "line": 42, "name": "orders", "ctx": "LOAD",
     "dst_kind": "PARAMETER", "dst": "stockroom.reports.summary.units_by_customer",
     "dst_line": 34, "why": "the first iterable of a generator two comprehensions deep is"
                            " evaluated in the dict comprehension around it, a free name there"},
    {"path": "stockroom/reports/summary.py", "line": 44, "name": "item", "ctx": "LOAD",
     "dst_kind": "PARAMETER",
     "dst": "stockroom.reports.summary.units_by_customer.<locals>.<dictcomp>.<dictcomp>.<genexpr>.<lambda>",
     "dst_line": 44, "why": "a lambda's parameter, three comprehensions deep"},
    {"path": "stockroom/reports/summary.py", "line": 44, "name": "sku", "ctx": "LOAD",
     "dst_kind": None,
     "why": "bound by the dict comprehension's `for sku in skus`: a loop variable has no node"},
]

# Nodes and syntax edges of the kinds that need no name resolution: LAMBDA, PARAMETER and DECORATOR
# nodes; AST edges (a node's nearest ancestor in CPython's ``ast`` that is a CPG node: a decorator
# belongs to its def and wraps its expression, a default value to the function, an annotation to
# its parameter, comprehensions are looked through), SCOPE_PARENT edges (a def or lambda to its
# enclosing def, class, lambda or module, comprehensions looked through) and ARGUMENT edges (a call
# to each argument whose value is a name, call or lambda; ``detail`` is the position as written,
# then the keyword). A node is named by kind, path and line, plus its ``name`` (PARAMETER,
# NAME_REF, DECORATOR: the text before any parenthesis), ``qualname`` (FUNCTION, CLASS, LAMBDA,
# MODULE) or ``callee_text`` (CALL). The script checks each against the source.
EXPECTED_SYNTAX = {
    "nodes": [
        {"kind": "LAMBDA", "path": "stockroom/reports/summary.py", "line": 7,
         "qualname": "stockroom.reports.summary.<lambda>",
         "why": "a module-level lambda bound to by_customer"},
        {"kind": "LAMBDA", "path": "stockroom/config.py", "line": 19,
         "qualname": "stockroom.config.Settings.<lambda>",
         "why": "a lambda in a class body: no <locals> in its qualname"},
        {"kind": "PARAMETER", "path": "stockroom/util/retry.py", "line": 19, "name": "times",
         "index": 0, "param_kind": "POSITIONAL_OR_KEYWORD",
         "why": "`times: int = 3`, first parameter of retry"},
        {"kind": "PARAMETER", "path": "stockroom/util/retry.py", "line": 30, "name": "kwargs",
         "index": 1, "param_kind": "VAR_KEYWORD",
         "why": "`**kwargs` of wrapper"},
        {"kind": "DECORATOR", "path": "stockroom/services/orders.py", "line": 36, "name": "retry",
         "text": "retry(times=3)", "why": "a decorator with arguments"},
        {"kind": "DECORATOR", "path": "stockroom/util/retry.py", "line": 29,
         "name": "functools.wraps", "text": "functools.wraps(fn)",
         "why": "an attribute decorator with arguments, on a nested function"},
    ],
    "edges": [
        {"kind": "AST",
         "src": {"kind": "FUNCTION", "qualname": "stockroom.services.orders.OrderService._save"},
         "dst": {"kind": "DECORATOR", "path": "stockroom/services/orders.py", "line": 36,
                 "name": "retry"},
         "why": "a decorator belongs to the def it decorates"},
        {"kind": "AST",
         "src": {"kind": "DECORATOR", "path": "stockroom/services/orders.py", "line": 36,
                 "name": "retry"},
         "dst": {"kind": "CALL", "path": "stockroom/services/orders.py", "line": 36,
                 "callee_text": "retry"},
         "why": "the decorator wraps its expression, here a call"},
        {"kind": "AST",
         "src": {"kind": "FUNCTION", "qualname": "stockroom.util.retry.retry"},
         "dst": {"kind": "PARAMETER", "path": "stockroom/util/retry.py", "line": 19,
                 "name": "times"},
         "why": "a parameter belongs to its function"},
        {"kind": "AST",
         "src": {"kind": "PARAMETER", "path": "stockroom/util/retry.py", "line": 19,
                 "name": "times"},
         "dst": {"kind": "NAME_REF", "path": "stockroom/util/retry.py", "line": 19, "name": "int"},
         "why": "an annotation belongs to its parameter (arg.annotation)"},
        {"kind": "AST",
         "src": {"kind": "FUNCTION", "qualname": "stockroom.util.retry.retry"},
         "dst": {"kind": "NAME_REF", "path": "stockroom/util/retry.py", "line": 19,
                 "name": "ConnectionError"},
         "why": "a default value belongs to the function (arguments.defaults), through the tuple"},
        {"kind": "AST",
         "src": {"kind": "CALL", "path": "stockroom/reports/summary.py", "line": 19,
                 "callee_text": "max"},
         "dst": {"kind": "LAMBDA", "path": "stockroom/reports/summary.py", "line": 19,
                 "qualname": "stockroom.reports.summary.summarize.<locals>.<lambda>"},
         "why": "a lambda passed as an argument"},
        {"kind": "AST",
         "src": {"kind": "LAMBDA", "path": "stockroom/reports/summary.py", "line": 7,
                 "qualname": "stockroom.reports.summary.<lambda>"},
         "dst": {"kind": "PARAMETER", "path": "stockroom/reports/summary.py", "line": 7,
                 "name": "order"},
         "why": "a lambda's parameter"},
        {"kind": "AST",
         "src": {"kind": "FUNCTION", "qualname": "stockroom.services.orders.OrderService.orders_for"},
         "dst": {"kind": "NAME_REF", "path": "stockroom/services/orders.py", "line": 49,
                 "name": "customer"},
         "why": "a list comprehension has no node: its names hang off the function"},
        {"kind": "SCOPE_PARENT",
         "src": {"kind": "FUNCTION", "qualname": "stockroom.util.retry.retry.<locals>.decorator.<locals>.wrapper"},
         "dst": {"kind": "FUNCTION", "qualname": "stockroom.util.retry.retry.<locals>.decorator"},
         "detail": "FUNCTION", "why": "a closure inside a closure"},
        {"kind": "SCOPE_PARENT",
         "src": {"kind": "LAMBDA", "path": "stockroom/config.py", "line": 19,
                 "qualname": "stockroom.config.Settings.<lambda>"},
         "dst": {"kind": "CLASS", "qualname": "stockroom.config.Settings"},
         "detail": "CLASS", "why": "a lambda in a class body; the class's names are not visible in it"},
        {"kind": "SCOPE_PARENT",
         "src": {"kind": "LAMBDA", "path": "stockroom/reports/summary.py", "line": 44,
                 "qualname": "stockroom.reports.summary.units_by_customer.<locals>.<dictcomp>"
                             ".<dictcomp>.<genexpr>.<lambda>"},
         "dst": {"kind": "FUNCTION", "qualname": "stockroom.reports.summary.units_by_customer"},
         "detail": "FUNCTION",
         "why": "a lambda in a generator in a dict comprehension in a dict comprehension: all three"
                " are looked through to the function"},
        {"kind": "SCOPE_PARENT",
         "src": {"kind": "FUNCTION", "qualname": "stockroom.services.orders.OrderService._save"},
         "dst": {"kind": "CLASS", "qualname": "stockroom.services.orders.OrderService"},
         "detail": "CLASS", "why": "a method"},
        {"kind": "ARGUMENT",
         "src": {"kind": "CALL", "path": "stockroom/reports/summary.py", "line": 19,
                 "callee_text": "max"},
         "dst": {"kind": "NAME_REF", "path": "stockroom/reports/summary.py", "line": 19,
                 "name": "orders"},
         "rule": "positional", "detail": "0", "why": "first positional argument, a name"},
        {"kind": "ARGUMENT",
         "src": {"kind": "CALL", "path": "stockroom/reports/summary.py", "line": 19,
                 "callee_text": "max"},
         "dst": {"kind": "LAMBDA", "path": "stockroom/reports/summary.py", "line": 19,
                 "qualname": "stockroom.reports.summary.summarize.<locals>.<lambda>"},
         "rule": "keyword", "detail": "1:key", "why": "`key=lambda ...`; `default=None` has no node"},
        {"kind": "ARGUMENT",
         "src": {"kind": "CALL", "path": "stockroom/util/retry.py", "line": 34,
                 "callee_text": "fn"},
         "dst": {"kind": "NAME_REF", "path": "stockroom/util/retry.py", "line": 34,
                 "name": "kwargs"},
         "rule": "double_star", "detail": "1", "why": "`fn(*args, **kwargs)`"},
    ],
}

# ---------------------------------------------------------------------------

FUNC_TYPES = (ast.FunctionDef, ast.AsyncFunctionDef)
COMP_NAMES = {ast.ListComp: "<listcomp>", ast.SetComp: "<setcomp>",
              ast.DictComp: "<dictcomp>", ast.GeneratorExp: "<genexpr>"}


def module_name(path: str) -> str | None:
    """Module name of a repo-relative path (docs/data-model.md); None if not a valid name."""
    parts = path[:-3].split("/")
    if parts[-1] == "__init__":
        parts = parts[:-1]
    if not parts or not all(p.isidentifier() for p in parts):
        return None
    return ".".join(parts)


def package_of(path: str, module: str | None) -> str | None:
    if module is None:
        return None
    if path.endswith("/__init__.py") or path == "__init__.py":
        return module
    return module.rpartition(".")[0]


def resolve_relative(package: str | None, module: str | None, level: int) -> str | None:
    """Absolute module a (possibly relative) from-import refers to; None above the root."""
    if level == 0:
        return module
    if package is None:
        return None
    parts = package.split(".") if package else []
    if level - 1 > len(parts) or (level - 1 == len(parts)):
        return None
    base = parts[: len(parts) - (level - 1)]
    if module:
        base = base + module.split(".")
    return ".".join(base) or None


def parse_file(data: bytes, path: str):
    """Return (tree, source_text, None) or (None, None, failure dict)."""
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
        text = data.decode(encoding)
    except (SyntaxError, UnicodeDecodeError, LookupError) as exc:
        line = None
        if isinstance(exc, UnicodeDecodeError):
            line = data[: exc.start].count(b"\n") + 1
        return None, None, {"path": path, "kind": "ENCODING", "line": line, "message": str(exc)}
    try:
        tree = ast.parse(data, filename=path)
    except SyntaxError as exc:
        return None, None, {"path": path, "kind": "SYNTAX", "line": exc.lineno, "message": exc.msg}
    return tree, text, None


class Walker:
    """Walks one module, tracking CPython's scope qualnames."""

    def __init__(self, path: str, module: str, text: str):
        self.path, self.module, self.text = path, module, text
        self.defs: list[dict] = []
        self.calls: list[dict] = []
        self.imports: list[dict] = []
        self.other_scopes: list[str] = []  # lambdas and comprehensions, for the cross-check

    def seg(self, node) -> str:
        return ast.get_source_segment(self.text, node)

    # scope = (qualname, child_prefix); child_prefix is "" at module level
    def walk(self, node, scope):
        qual, prefix = scope
        if isinstance(node, FUNC_TYPES) or isinstance(node, ast.ClassDef):
            q = prefix + node.name
            is_class = isinstance(node, ast.ClassDef)
            self.defs.append({
                "qualname": f"{self.module}.{q}",
                "kind": "CLASS" if is_class else "FUNCTION",
                "path": self.path, "line": node.lineno, "col": node.col_offset,
                "is_async": isinstance(node, ast.AsyncFunctionDef),
                "decorators": [self.seg(d) for d in node.decorator_list],
                "bases": [self.seg(b) for b in node.bases] if is_class else [],
                "_node": node,
            })
            outer = list(node.decorator_list)
            if is_class:
                outer += node.bases + [k.value for k in node.keywords]
                inner_scope = (q, q + ".")
            else:
                a = node.args
                outer += a.defaults + [d for d in a.kw_defaults if d is not None]
                outer += [x.annotation for x in a.posonlyargs + a.args + a.kwonlyargs if x.annotation]
                outer += [x.annotation for x in (a.vararg, a.kwarg) if x is not None and x.annotation]
                if node.returns is not None:
                    outer.append(node.returns)
                inner_scope = (q, q + ".<locals>.")
            for child in outer:
                self.walk(child, scope)
            for child in node.body:
                self.walk(child, inner_scope)
            return
        if isinstance(node, ast.Lambda):
            q = prefix + "<lambda>"
            self.other_scopes.append(q)
            a = node.args
            for child in a.defaults + [d for d in a.kw_defaults if d is not None]:
                self.walk(child, scope)
            self.walk(node.body, (q, q + ".<locals>."))
            return
        if type(node) in COMP_NAMES:
            q = prefix + COMP_NAMES[type(node)]
            self.other_scopes.append(q)
            inner = (q, q + ".")  # CPython adds no "<locals>" under a comprehension
            self.walk(node.generators[0].iter, scope)
            for i, gen in enumerate(node.generators):
                self.walk(gen.target, inner)
                if i:
                    self.walk(gen.iter, inner)
                for cond in gen.ifs:
                    self.walk(cond, inner)
            elts = [node.key, node.value] if isinstance(node, ast.DictComp) else [node.elt]
            for child in elts:
                self.walk(child, inner)
            return
        if isinstance(node, ast.Call):
            self.calls.append({"scope": f"{self.module}.{qual}" if qual else self.module,
                               "line": node.lineno, "callee_text": self.seg(node.func)})
        if isinstance(node, ast.Import):
            for a in node.names:
                self.add_import(node, "IMPORT", a.name, None, a.asname, 0)
        elif isinstance(node, ast.ImportFrom):
            for a in node.names:
                self.add_import(node, "FROM", node.module, a.name, a.asname, node.level)
        for child in ast.iter_child_nodes(node):
            self.walk(child, scope)

    def add_import(self, node, kind, module, name, alias, level):
        target = resolve_relative(package_of(self.path, self.module), module, level)
        self.imports.append({"path": self.path, "kind": kind, "module": module, "name": name,
                             "alias": alias, "level": level, "line": node.lineno,
                             "target_module": target})


class SyntaxWalker:
    """CPython's view of the syntax kinds: every CPG node below MODULE with its nearest CPG
    ancestor (AST), every def and lambda with its enclosing scope node (SCOPE_PARENT), and every
    argument whose value is a CPG node (ARGUMENT). Nodes are described as in EXPECTED_SYNTAX."""

    def __init__(self, path: str, module: str, text: str):
        self.path, self.module, self.text = path, module, text
        self.nodes: list[dict] = []
        self.ast: list[tuple] = []
        self.scope_parent: list[tuple] = []
        self.arguments: list[tuple] = []
        self.ids: dict[int, dict] = {}

    def desc(self, node, qualname=None) -> dict | None:
        if id(node) in self.ids:
            return self.ids[id(node)]
        if not isinstance(node, (ast.Call, ast.Name, ast.Lambda)):
            return None
        base = {"path": self.path, "line": node.lineno}
        if isinstance(node, ast.Call):
            d = dict(base, kind="CALL", callee_text=ast.get_source_segment(self.text, node.func))
        elif isinstance(node, ast.Name):
            d = dict(base, kind="NAME_REF", name=node.id)
        elif isinstance(node, ast.Lambda):
            d = dict(base, kind="LAMBDA", qualname=qualname)
        else:
            return None
        self.ids[id(node)] = d
        return d

    def add(self, parent: dict, child: dict) -> None:
        self.nodes.append(child)
        self.ast.append((key(parent), key(child)))

    def walk(self, node, parent: dict, scope_node: dict, prefix: str) -> None:
        if isinstance(node, FUNC_TYPES) or isinstance(node, ast.ClassDef):
            is_class = isinstance(node, ast.ClassDef)
            q = prefix + node.name
            me = {"kind": "CLASS" if is_class else "FUNCTION", "qualname": f"{self.module}.{q}"}
            self.add(parent, me)
            self.scope_parent.append((key(me), key(scope_node), scope_node["kind"]))
            for d in node.decorator_list:
                text = ast.get_source_segment(self.text, d)
                dec = {"kind": "DECORATOR", "path": self.path, "line": d.lineno,
                       "name": text.split("(")[0].strip(), "text": text}
                self.add(me, dec)
                self.walk(d, dec, scope_node, prefix)
            if is_class:
                for b in node.bases + [k.value for k in node.keywords]:
                    self.walk(b, me, scope_node, prefix)
                inner = q + "."
            else:
                self.walk_args(node.args, me, scope_node, prefix)
                if node.returns is not None:
                    self.walk(node.returns, me, scope_node, prefix)
                inner = q + ".<locals>."
            for child in node.body:
                self.walk(child, me, me, inner)
            return
        if isinstance(node, ast.Lambda):
            q = prefix + "<lambda>"
            me = self.desc(node, f"{self.module}.{q}")
            self.add(parent, me)
            self.scope_parent.append((key(me), key(scope_node), scope_node["kind"]))
            self.walk_args(node.args, me, scope_node, prefix)
            self.walk(node.body, me, me, q + ".<locals>.")
            return
        if type(node) in COMP_NAMES:
            inner = prefix + COMP_NAMES[type(node)] + "."
            self.walk(node.generators[0].iter, parent, scope_node, prefix)
            for i, gen in enumerate(node.generators):
                self.walk(gen.target, parent, scope_node, inner)
                if i:
                    self.walk(gen.iter, parent, scope_node, inner)
                for cond in gen.ifs:
                    self.walk(cond, parent, scope_node, inner)
            elts = [node.key, node.value] if isinstance(node, ast.DictComp) else [node.elt]
            for child in elts:
                self.walk(child, parent, scope_node, inner)
            return
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            for a in node.names:
                self.add(parent, {"kind": "IMPORT", "path": self.path, "line": node.lineno,
                                  "name": a.asname or a.name})
            return
        me = self.desc(node)
        if me is not None:
            self.add(parent, me)
            parent = me
        if isinstance(node, ast.Call):
            args = [("star" if isinstance(a, ast.Starred) else "positional", None,
                     a.value if isinstance(a, ast.Starred) else a) for a in node.args]
            args += [("keyword" if k.arg else "double_star", k.arg, k.value) for k in node.keywords]
            # positions as written: keywords and positionals may interleave (f(a, k=1, *b))
            spans = sorted(range(len(args)), key=lambda i: (args[i][2].lineno, args[i][2].col_offset))
            for index, i in enumerate(spans):
                rule, keyword, value = args[i]
                if isinstance(value, (ast.Name, ast.Call, ast.Lambda)):
                    self.pending_arguments.append((me, value, rule,
                                                   f"{index}:{keyword}" if keyword else str(index)))
        for child in ast.iter_child_nodes(node):
            self.walk(child, parent, scope_node, prefix)

    def walk_args(self, a, owner: dict, scope_node: dict, prefix: str) -> None:
        params = a.posonlyargs + a.args + ([a.vararg] if a.vararg else []) + a.kwonlyargs
        params += [a.kwarg] if a.kwarg else []
        for index, p in enumerate(params):
            kind = ("VAR_POSITIONAL" if p is a.vararg else "VAR_KEYWORD" if p is a.kwarg
                    else "POSITIONAL_ONLY" if p in a.posonlyargs
                    else "KEYWORD_ONLY" if p in a.kwonlyargs else "POSITIONAL_OR_KEYWORD")
            me = {"kind": "PARAMETER", "path": self.path, "line": p.lineno, "name": p.arg,
                  "index": index, "param_kind": kind}
            self.add(owner, me)
            if p.annotation is not None:
                self.walk(p.annotation, me, scope_node, prefix)
        for d in a.defaults + [d for d in a.kw_defaults if d is not None]:
            self.walk(d, owner, scope_node, prefix)

    def run(self, tree) -> "SyntaxWalker":
        self.pending_arguments = []
        module = {"kind": "MODULE", "qualname": self.module}
        for stmt in tree.body:
            self.walk(stmt, module, module, "")
        for call, value, rule, detail in self.pending_arguments:
            self.arguments.append((key(call), key(self.ids[id(value)]), rule, detail))
        return self


def key(desc: dict) -> tuple:
    """What names a node in EXPECTED_SYNTAX (without the documentation-only fields)."""
    return tuple(sorted((k, v) for k, v in desc.items()
                        if k in ("kind", "path", "line", "name", "qualname", "callee_text")))


def parameter_refs(tree, text: str, path: str) -> int:
    """How many ``ast.Name`` nodes ``symtable`` resolves to a parameter: a parameter of their own
    function or lambda, or (a free name) of the nearest enclosing function binding the name —
    each must get one REF edge to that PARAMETER. The AST's scopes are paired with symtable's
    blocks by name and line. A parameter also bound by a def, class or import in its function
    would make the binding in force depend on position; the sample has none, and this says so."""
    used = set()
    count = 0

    def block(stack, name, lineno):
        for child in stack[-1].get_children():
            if child.get_id() not in used and (child.get_name(), child.get_lineno()) == (name, lineno):
                used.add(child.get_id())
                return child
        raise AssertionError(f"{path}:{lineno}: symtable has no block {name}")

    def binding(stack, name):
        try:
            symbol = stack[-1].lookup(name)
        except KeyError:  # e.g. an annotation under `from __future__ import annotations`
            return None
        if not symbol.is_free():
            return symbol
        for table in reversed(stack[:-1]):
            if table.get_type() == "function" and name in table.get_identifiers():
                outer = table.lookup(name)
                if outer.is_local():
                    return outer
        return None

    def shadowing(node) -> set[str]:
        """Names a def, class or import binds directly in the function's own scope."""
        bound, todo = set(), list(node.body)
        while todo:
            x = todo.pop()
            if isinstance(x, FUNC_TYPES + (ast.ClassDef,)):
                bound.add(x.name)
                continue
            if isinstance(x, (ast.Import, ast.ImportFrom)):
                bound |= {(a.asname or a.name).split(".")[0] for a in x.names}
            todo += [c for c in ast.iter_child_nodes(x) if isinstance(c, ast.stmt)]
        return bound

    def visit(node, stack):
        nonlocal count
        if isinstance(node, FUNC_TYPES + (ast.Lambda,)):
            a = node.args
            params = a.posonlyargs + a.args + a.kwonlyargs + [p for p in (a.vararg, a.kwarg) if p]
            outer = list(getattr(node, "decorator_list", [])) + a.defaults
            outer += [d for d in a.kw_defaults if d is not None]
            outer += [p.annotation for p in params if p.annotation is not None]
            outer += [node.returns] if getattr(node, "returns", None) is not None else []
            for x in outer:
                visit(x, stack)
            is_lambda = isinstance(node, ast.Lambda)
            inner = stack + [block(stack, "lambda" if is_lambda else node.name, node.lineno)]
            if not is_lambda and shadowing(node) & {p.arg for p in params}:
                raise AssertionError(f"{path}:{node.lineno}: a parameter is rebound by a def or import")
            for x in [node.body] if is_lambda else node.body:
                visit(x, inner)
            return
        if isinstance(node, ast.ClassDef):
            for x in node.decorator_list + node.bases + [k.value for k in node.keywords]:
                visit(x, stack)
            inner = stack + [block(stack, node.name, node.lineno)]
            for x in node.body:
                visit(x, inner)
            return
        if type(node) in COMP_NAMES:
            visit(node.generators[0].iter, stack)
            inner = stack + [block(stack, COMP_NAMES[type(node)][1:-1], node.lineno)]
            for i, gen in enumerate(node.generators):
                for x in [gen.target] + ([gen.iter] if i else []) + gen.ifs:
                    visit(x, inner)
            for x in [node.key, node.value] if isinstance(node, ast.DictComp) else [node.elt]:
                visit(x, inner)
            return
        if isinstance(node, ast.Name):
            symbol = binding(stack, node.id)
            count += symbol is not None and symbol.is_parameter()
        for child in ast.iter_child_nodes(node):
            visit(child, stack)

    top = [symtable.symtable(text, path, "exec")]
    for stmt in tree.body:
        visit(stmt, top)
    return count


def check_qualnames_against_bytecode(tree, path: str, module: str, defs: list[dict], others) -> None:
    """Cross-check: the compiler's co_qualname of every scope must match the walker."""
    from collections import Counter
    seen = Counter()
    stack = [compile(tree, path, "exec")]
    while stack:
        code = stack.pop()
        stack += [c for c in code.co_consts if hasattr(c, "co_qualname")]
        if code.co_qualname != "<module>":
            seen[code.co_qualname] += 1
    mine = Counter(d["qualname"][len(module) + 1:] for d in defs) + Counter(others)
    if seen != mine:
        raise AssertionError(f"{path}: qualnames differ from CPython: {seen - mine} / {mine - seen}")


def collect(root: str) -> dict:
    paths = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d != "__pycache__")
        for f in filenames:
            if f.endswith(".py"):
                paths.append(os.path.relpath(os.path.join(dirpath, f), root).replace(os.sep, "/"))
    paths.sort()

    failures, defs, calls, imports, modules, names = [], [], [], [], [], []
    syntax = {"nodes": [], "ast": [], "scope_parent": [], "arguments": []}
    tables = {}
    param_refs = 0
    function_defs = class_defs = 0
    for path in paths:
        with open(os.path.join(root, path), "rb") as fh:
            data = fh.read()
        module = module_name(path)
        tree, text, failure = parse_file(data, path)
        modules.append({"path": path, "module": module, "is_package": path.endswith("__init__.py"),
                        "parse_ok": failure is None, "line_count": data.count(b"\n")})
        if failure:
            failures.append(failure)
            continue
        w = Walker(path, module, text)
        for stmt in tree.body:
            w.walk(stmt, ("", ""))
        for node in ast.walk(tree):
            function_defs += isinstance(node, FUNC_TYPES)
            class_defs += isinstance(node, ast.ClassDef)
        check_qualnames_against_bytecode(tree, path, module, w.defs, w.other_scopes)
        defs += w.defs
        names += [{"path": path, "line": n.lineno, "name": n.id,
                   "ctx": type(n.ctx).__name__.upper()}
                  for n in ast.walk(tree) if isinstance(n, ast.Name)]
        calls += [dict(c, path=path) for c in w.calls]
        imports += w.imports
        sw = SyntaxWalker(path, module, text).run(tree)
        syntax["nodes"] += sw.nodes
        syntax["ast"] += sw.ast
        syntax["scope_parent"] += sw.scope_parent
        syntax["arguments"] += sw.arguments
        tables.update(symtables(path, module, text))
        param_refs += parameter_refs(tree, text, path)

    assert function_defs + class_defs == len(defs), "walker missed a def"
    return {"paths": paths, "failures": failures, "defs": defs, "calls": calls,
            "imports": imports, "modules": modules, "names": names, "syntax": syntax,
            "function_defs": function_defs, "class_defs": class_defs, "symtables": tables,
            "parameter_refs": param_refs}


def check_parameter_ref(facts: dict, r: dict) -> list[str]:
    """A REF to a PARAMETER: the function or lambda ``dst`` has a parameter named like the
    reference at ``dst_line`` (its AST child in the syntax walk), and ``symtable`` agrees that the
    name is a parameter of that function."""
    param = key({"kind": "PARAMETER", "path": r["path"], "line": r["dst_line"], "name": r["name"]})
    owners = [dict(parent).get("qualname") for parent, child in facts["syntax"]["ast"]
              if child == param]
    if owners != [r["dst"]]:
        return [f"ref {r['name']!r}: no parameter of {r['dst']} at line {r['dst_line']}"
                f" (found the owners {owners})"]
    table = facts["symtables"].get((r["path"], r["dst"]))
    if table is None or not table.lookup(r["name"]).is_parameter():
        return [f"ref {r['name']!r}: symtable has no parameter {r['name']} of {r['dst']}"]
    return []


def symtables(path: str, module: str, text: str) -> dict:
    """Every function and lambda symbol table of a file by (path, qualname), as CPython's
    compiler names them (``<locals>`` under functions and lambdas; comprehensions are tables too)."""
    out = {}

    def walk(table, prefix):
        for child in table.get_children():
            name = child.get_name()
            name = f"<{name}>" if name in ("lambda", "listcomp", "setcomp", "dictcomp",
                                           "genexpr") else name
            qualname = prefix + name
            if child.get_type() == "function":
                out[(path, qualname)] = child
                inner = qualname + ("." if name.endswith("comp>") or name == "<genexpr>"
                                    else ".<locals>.")
            else:
                inner = qualname + "."
            walk(child, inner)

    walk(symtable.symtable(text, path, "exec"), module + ".")
    return out


def check_expectations(facts: dict) -> list[str]:
    """Every hand-written edge must agree with the source; return the problems."""
    by_qual: dict[str, list[dict]] = {}
    for d in facts["defs"]:
        by_qual.setdefault(d["qualname"], []).append(d)
    module_names = {m["module"] for m in facts["modules"] if m["parse_ok"]}
    problems = []

    def call_at(src, path, line, callee_text):
        return [c for c in facts["calls"] if c["path"] == path and c["line"] == line
                and c["callee_text"] == callee_text and c["scope"] == src]

    for e in EXPECTED_EDGES:
        kind, src, dst = e["kind"], e["src"], e["dst"]
        if kind == "IMPORTS":
            if src not in module_names or dst not in module_names:
                problems.append(f"{kind} {src}->{dst}: unknown module")
                continue
            hits = [i for i in facts["imports"] if i["path"] == e["path"] and i["line"] == e["line"]
                    and (i["target_module"] == dst or f"{i['target_module']}.{i['name']}" == dst)]
            if not hits:
                problems.append(f"{kind} {src}->{dst}: no such import at {e['path']}:{e['line']}")
            continue
        if src not in by_qual or dst not in by_qual:
            problems.append(f"{kind} {src}->{dst}: qualname not in defs")
            continue
        if kind == "CALLS":
            if not call_at(src, e["path"], e["line"], e["callee_text"]):
                problems.append(f"{kind} {src}->{dst}: no call {e['callee_text']!r} at {e['path']}:{e['line']}")
        elif kind == "INHERITS_FROM":
            name = dst.rsplit(".", 1)[1]
            if not any(b.rsplit(".", 1)[-1] == name for d in by_qual[src] for b in d["bases"]):
                problems.append(f"{kind} {src}->{dst}: no such base")
        elif kind == "DECORATED_BY":
            name = dst.rsplit(".", 1)[1]
            if not any(x.split("(")[0].rsplit(".", 1)[-1] == name for d in by_qual[src] for x in d["decorators"]):
                problems.append(f"{kind} {src}->{dst}: no such decorator")
        else:
            problems.append(f"unknown edge kind {kind}")
    for u in EXPECTED_UNRESOLVED:
        if not call_at(u["src"], u["path"], u["line"], u["callee_text"]):
            problems.append(f"unresolved {u['callee_text']!r}: no such call at {u['path']}:{u['line']}")
        if any(q.rsplit(".", 1)[-1] == u["external"].rsplit(".", 1)[-1] for q in by_qual):
            problems.append(f"unresolved {u['external']!r}: a repo def has that name; pick another")
    for r in EXPECTED_REFS:
        here = [n for n in facts["names"] if n["path"] == r["path"] and n["line"] == r["line"]
                and n["name"] == r["name"] and n["ctx"] == r["ctx"]]
        if len(here) != 1:
            problems.append(f"ref {r['name']!r}: want one {r['ctx']} Name at {r['path']}:{r['line']},"
                            f" found {len(here)}")
        if r["dst_kind"] == "PARAMETER":
            problems += check_parameter_ref(facts, r)
        elif r["dst_kind"] in ("CLASS", "FUNCTION") and r["dst"] not in by_qual:
            problems.append(f"ref {r['name']!r}: {r['dst']} is not a def")
        elif "dst_line" in r and not any(d["line"] == r["dst_line"] for d in by_qual[r["dst"]]):
            problems.append(f"ref {r['name']!r}: no def {r['dst']} at line {r['dst_line']}")
        if r["dst_kind"] == "IMPORT" and not any(
                i["path"] == r["path"] and f"{i['target_module']}.{i['name']}" == r["dst"]
                for i in facts["imports"]):
            problems.append(f"ref {r['name']!r}: no import of {r['dst']} in {r['path']}")
    syntax = facts["syntax"]
    for n in EXPECTED_SYNTAX["nodes"]:
        want = {k: v for k, v in n.items() if k != "why"}
        if sum(all(x.get(k) == v for k, v in want.items()) for x in syntax["nodes"]) != 1:
            problems.append(f"syntax node {want}: not exactly one such node")
    for e in EXPECTED_SYNTAX["edges"]:
        src, dst = key(e["src"]), key(e["dst"])
        if e["kind"] == "AST":
            ok = (src, dst) in syntax["ast"]
        elif e["kind"] == "SCOPE_PARENT":
            ok = (src, dst, e["detail"]) in syntax["scope_parent"]
        else:
            ok = (src, dst, e["rule"], e["detail"]) in syntax["arguments"]
        if not ok:
            problems.append(f"{e['kind']} {dict(src)} -> {dict(dst)}: not in the source")
    return problems


def main(argv: list[str]) -> int:
    if len(argv) != 2 or not os.path.isdir(argv[1]):
        print("usage: sample_facts.py <repo-dir>", file=sys.stderr)
        return 2
    facts = collect(argv[1])
    problems = check_expectations(facts)
    if problems:
        for p in problems:
            print("expected edge check failed:", p, file=sys.stderr)
        return 1
    defs = [{k: v for k, v in d.items() if k != "_node"} for d in facts["defs"]]
    out = {
        "generator": "examples/sample_facts.py (CPython %d.%d.%d ast)" % sys.version_info[:3],
        "python_files": len(facts["paths"]),
        "parse_failures": sorted(facts["failures"], key=lambda f: f["path"]),
        "modules": facts["modules"],
        "function_defs": facts["function_defs"],
        "class_defs": facts["class_defs"],
        "defs": sorted(defs, key=lambda d: (d["path"], d["line"], d["col"], d["qualname"])),
        "calls_total": len(facts["calls"]),
        "calls_by_path": {p: sum(c["path"] == p for c in facts["calls"])
                          for p in facts["paths"] if any(c["path"] == p for c in facts["calls"])},
        "imports": sorted(facts["imports"], key=lambda i: (i["path"], i["line"], i["kind"],
                                                           i["module"] or "", i["name"] or "")),
        "expected_edges": EXPECTED_EDGES,
        "expected_unresolved": EXPECTED_UNRESOLVED,
        "name_refs_total": len(facts["names"]),
        "expected_refs": EXPECTED_REFS,
        "parameter_refs_total": facts["parameter_refs"],
        "lambdas_total": sum(n["kind"] == "LAMBDA" for n in facts["syntax"]["nodes"]),
        "parameters_total": sum(n["kind"] == "PARAMETER" for n in facts["syntax"]["nodes"]),
        "decorators_total": sum(n["kind"] == "DECORATOR" for n in facts["syntax"]["nodes"]),
        "ast_edges_total": len(facts["syntax"]["ast"]),
        "scope_parent_edges_total": len(facts["syntax"]["scope_parent"]),
        "argument_edges_total": len(facts["syntax"]["arguments"]),
        "expected_syntax": EXPECTED_SYNTAX,
    }
    json.dump(out, sys.stdout, sort_keys=True, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
