package io.codeanatomy.extract.rows;

import java.util.HashSet;
import java.util.Set;

/** A scope found while walking a file, with what its children need to name themselves. */
final class Scope {
  final String id;
  final String kind;
  final String qualname;
  final Scope parent;

  /**
   * Names declared {@code global} here so far: a def of such a name is named as at module level.
   */
  final Set<String> globals = new HashSet<>();

  Scope(String id, String kind, String qualname, Scope parent) {
    this.id = id;
    this.kind = kind;
    this.qualname = qualname;
    this.parent = parent;
  }

  /**
   * The prefix of a child's qualname, as CPython's {@code compiler_set_qualname}: functions and
   * lambdas add {@code <locals>}, classes and comprehensions do not.
   */
  String childPrefix() {
    return kind.equals("FUNCTION") || kind.equals("LAMBDA") ? qualname + ".<locals>" : qualname;
  }
}
