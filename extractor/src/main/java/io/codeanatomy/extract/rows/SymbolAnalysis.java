package io.codeanatomy.extract.rows;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * CPython 3.11's {@code analyze_block} ({@code Python/symtable.c}) over the scopes of one file: the
 * flags gathered while walking the tree become a scope per symbol (local, cell, free, explicit or
 * implicit global), free variables propagate up through the enclosing functions, class scopes are
 * invisible to the functions nested in them (except for the implicit {@code __class__} cell).
 *
 * <p>The recursion of {@code symtable.c} is unrolled into an explicit stack, so deeply nested
 * lambdas cannot overflow the Java stack.
 */
final class SymbolAnalysis {
  static final int DEF_GLOBAL = 1;
  static final int DEF_LOCAL = 2;
  static final int DEF_PARAM = 4;
  static final int DEF_NONLOCAL = 8;
  static final int USE = 16;
  static final int DEF_IMPORT = 128;
  static final int DEF_ANNOT = 256;
  static final int DEF_BOUND = DEF_LOCAL | DEF_PARAM | DEF_IMPORT;

  static final int LOCAL = 1;
  static final int GLOBAL_EXPLICIT = 2;
  static final int GLOBAL_IMPLICIT = 3;
  static final int FREE = 4;
  static final int CELL = 5;

  private SymbolAnalysis() {}

  /** One activation of {@code analyze_block}. */
  private static final class Frame {
    final Scope scope;
    final Set<String> bound; // null for the module
    final Set<String> free;
    final Set<String> global;
    final Set<String> newBound = new HashSet<>();
    final Set<String> newFree = new HashSet<>();
    final Set<String> newGlobal = new HashSet<>();
    final Frame caller;
    int nextChild;

    Frame(Scope scope, Set<String> bound, Set<String> free, Set<String> global, Frame caller) {
      this.scope = scope;
      this.bound = bound;
      this.free = free;
      this.global = global;
      this.caller = caller;
    }
  }

  static void analyze(Scope module) {
    Deque<Frame> stack = new ArrayDeque<>();
    stack.push(enter(module, null, new HashSet<>(), new HashSet<>(), null));
    while (!stack.isEmpty()) {
      Frame f = stack.peek();
      if (f.nextChild < f.scope.children.size()) {
        Scope child = f.scope.children.get(f.nextChild++);
        // analyze_child_block: the child works on copies
        stack.push(
            enter(
                child,
                new HashSet<>(f.newBound),
                new HashSet<>(f.newFree),
                new HashSet<>(f.newGlobal),
                f));
        continue;
      }
      stack.pop();
      leave(f);
      if (f.caller != null) {
        f.caller.newFree.addAll(f.free); // the child's free set, returned as child_free
      }
    }
  }

  private static Frame enter(
      Scope scope, Set<String> bound, Set<String> free, Set<String> global, Frame caller) {
    Frame f = new Frame(scope, bound, free, global, caller);
    boolean isClass = scope.kind.equals("CLASS");
    if (isClass) {
      f.newGlobal.addAll(global);
      if (bound != null) {
        f.newBound.addAll(bound);
      }
    }
    Set<String> local = new HashSet<>();
    for (Map.Entry<String, Integer> e : scope.symbols.entrySet()) {
      analyzeName(scope, e.getKey(), e.getValue(), bound, local, free, global);
    }
    if (!isClass) {
      if (scope.isFunctionBlock()) {
        f.newBound.addAll(local);
      }
      if (bound != null) {
        f.newBound.addAll(bound);
      }
      f.newGlobal.addAll(global);
    } else {
      f.newBound.add("__class__");
    }
    return f;
  }

  private static void analyzeName(
      Scope scope,
      String name,
      int flags,
      Set<String> bound,
      Set<String> local,
      Set<String> free,
      Set<String> global) {
    Map<String, Integer> scopes = scope.resolved;
    if ((flags & DEF_GLOBAL) != 0) {
      scopes.put(name, GLOBAL_EXPLICIT);
      global.add(name);
      if (bound != null) {
        bound.remove(name);
      }
    } else if ((flags & DEF_NONLOCAL) != 0) {
      scopes.put(name, FREE);
      free.add(name);
    } else if ((flags & DEF_BOUND) != 0) {
      scopes.put(name, LOCAL);
      local.add(name);
      global.remove(name);
    } else if (bound != null && bound.contains(name)) {
      scopes.put(name, FREE);
      free.add(name);
    } else {
      scopes.put(name, GLOBAL_IMPLICIT);
    }
  }

  private static void leave(Frame f) {
    Scope scope = f.scope;
    if (scope.isFunctionBlock()) {
      // analyze_cells
      for (Map.Entry<String, Integer> e : scope.resolved.entrySet()) {
        if (e.getValue() == LOCAL && f.newFree.remove(e.getKey())) {
          e.setValue(CELL);
        }
      }
    } else if (scope.kind.equals("CLASS")) {
      f.newFree.remove("__class__"); // drop_class_free
    }
    // update_symbols: free variables of children not resolved here pass through as FREE
    for (String name : f.newFree) {
      if (scope.symbols.containsKey(name)) {
        continue;
      }
      if (f.bound != null && !f.bound.contains(name)) {
        continue; // a global
      }
      scope.symbols.put(name, 0);
      scope.resolved.put(name, FREE);
    }
    f.free.addAll(f.newFree);
  }

  /**
   * The scope a name used in {@code scope} is bound in, or null for a global the module does not
   * bind (a builtin, a star import, or a missing name).
   */
  static Scope bindingScope(Scope scope, String name, Set<String> moduleBound) {
    Integer resolution = scope.resolved.get(name);
    if (resolution == null) {
      resolution = lookup(scope, name);
    }
    switch (resolution) {
      case LOCAL, CELL:
        return scope;
      case FREE:
        for (Scope s = scope.parent; s != null; s = s.parent) {
          if (s.kind.equals("CLASS")) {
            if (name.equals("__class__")) {
              return s;
            }
            continue;
          }
          Integer r = s.resolved.get(name);
          if (r != null && (r == CELL || r == LOCAL)) {
            return s;
          }
          if (r != null && r != FREE) {
            break;
          }
        }
        return null;
      default:
        return moduleBound.contains(name) ? scope.module() : null;
    }
  }

  /** The resolution of a name the symbol table never saw here (annotations under PEP 563). */
  private static int lookup(Scope scope, String name) {
    for (Scope s = scope.parent; s != null; s = s.parent) {
      if (s.kind.equals("CLASS") || s.kind.equals("MODULE")) {
        continue;
      }
      Integer r = s.resolved.get(name);
      if (r != null && (r == LOCAL || r == CELL || r == FREE)) {
        return FREE;
      }
    }
    return GLOBAL_IMPLICIT;
  }
}
