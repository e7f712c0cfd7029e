package io.codeanatomy.extract.rows;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A scope found while walking a file: what its children need to name themselves, and its symbol
 * table (CPython's {@code symtable} flags per mangled name, then the resolved scope of each).
 */
final class Scope {
  final String id;
  final String kind;
  final String name;
  final String qualname;
  final Scope parent;
  final int depth;
  final List<Scope> children = new ArrayList<>();

  /** Flags per name, in first-seen order, as {@code symtable.c} records them. */
  final Map<String, Integer> symbols = new LinkedHashMap<>();

  /** The analysed scope of each symbol ({@link SymbolAnalysis#LOCAL} ...). */
  final Map<String, Integer> resolved = new LinkedHashMap<>();

  /**
   * Names declared {@code global} here so far: a def of such a name is named as at module level.
   */
  final Set<String> globals = new HashSet<>();

  Scope(String id, String kind, String name, String qualname, Scope parent) {
    this.id = id;
    this.kind = kind;
    this.name = name;
    this.qualname = qualname;
    this.parent = parent;
    this.depth = parent == null ? 0 : parent.depth + 1;
    if (parent != null) {
      parent.children.add(this);
    }
  }

  /**
   * The prefix of a child's qualname, as CPython's {@code compiler_set_qualname}: functions and
   * lambdas add {@code <locals>}, classes and comprehensions do not.
   */
  String childPrefix() {
    return kind.equals("FUNCTION") || kind.equals("LAMBDA") ? qualname + ".<locals>" : qualname;
  }

  /** Functions, lambdas and comprehensions: CPython's {@code FunctionBlock}. */
  boolean isFunctionBlock() {
    return !kind.equals("MODULE") && !kind.equals("CLASS");
  }

  int flags(String symbol) {
    return symbols.getOrDefault(symbol, 0);
  }

  void add(String symbol, int flag) {
    symbols.merge(symbol, flag, (a, b) -> a | b);
  }

  /**
   * The nearest scope at or above this one that is not a comprehension: the one whose CPG node
   * stands for this scope (a comprehension has no node of its own, however deeply it is nested).
   */
  Scope owner() {
    Scope s = this;
    while (s.kind.equals("COMPREHENSION") && s.parent != null) {
      s = s.parent;
    }
    return s;
  }

  Scope module() {
    Scope s = this;
    while (s.parent != null) {
      s = s.parent;
    }
    return s;
  }

  /**
   * The name {@code symbol} is stored under here: CPython mangles {@code __x} inside a class body
   * (and everything nested in it) to {@code _Class__x}.
   */
  String mangle(String symbol) {
    if (!symbol.startsWith("__") || symbol.endsWith("__") || symbol.indexOf('.') >= 0) {
      return symbol;
    }
    Scope s = this;
    while (s != null && !s.kind.equals("CLASS")) {
      s = s.parent;
    }
    if (s == null) {
      return symbol;
    }
    int i = 0;
    while (i < s.name.length() && s.name.charAt(i) == '_') {
      i++;
    }
    return i == s.name.length() ? symbol : "_" + s.name.substring(i) + symbol;
  }
}
