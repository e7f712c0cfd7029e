package io.codeanatomy.extract.rows;

import static io.codeanatomy.extract.rows.SymbolAnalysis.DEF_ANNOT;
import static io.codeanatomy.extract.rows.SymbolAnalysis.DEF_BOUND;
import static io.codeanatomy.extract.rows.SymbolAnalysis.DEF_GLOBAL;
import static io.codeanatomy.extract.rows.SymbolAnalysis.DEF_IMPORT;
import static io.codeanatomy.extract.rows.SymbolAnalysis.DEF_LOCAL;
import static io.codeanatomy.extract.rows.SymbolAnalysis.DEF_NONLOCAL;
import static io.codeanatomy.extract.rows.SymbolAnalysis.DEF_PARAM;
import static io.codeanatomy.extract.rows.SymbolAnalysis.USE;

import io.codeanatomy.extract.parse.LineIndex;
import io.codeanatomy.extract.parse.SyntaxTree;
import io.codeanatomy.udf.id.StableId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Names: the symbol flags every identifier contributes to its scope (what {@code symtable.c}'s
 * visitor records), the {@code name_refs} rows (one per {@code ast.Name}: identifiers used as
 * expressions or assignment targets, not attribute names, keywords, parameters, imports or def
 * names), and after {@link SymbolAnalysis} the {@code symbols} rows and each reference's binding
 * scope.
 */
final class NameRows {
  static final byte LOAD = 0;
  static final byte STORE = 1;
  static final byte DEL = 2;
  private static final String[] CTX = {"LOAD", "STORE", "DEL"};

  /** Nodes through which an assignment or deletion target passes its context to its parts. */
  private static final Set<String> TARGET_PARTS =
      Set.of(
          "pattern_list",
          "tuple_pattern",
          "list_pattern",
          "tuple",
          "list",
          "parenthesized_expression",
          "list_splat_pattern",
          "list_splat",
          "expression_list");

  private static final Set<String> IMPLICIT_GLOBALS =
      Set.of(
          ("ArithmeticError AssertionError AttributeError BaseException BaseExceptionGroup"
                  + " BlockingIOError BrokenPipeError BufferError BytesWarning ChildProcessError"
                  + " ConnectionAbortedError ConnectionError ConnectionRefusedError"
                  + " ConnectionResetError DeprecationWarning EOFError Ellipsis EncodingWarning"
                  + " EnvironmentError Exception ExceptionGroup False FileExistsError"
                  + " FileNotFoundError FloatingPointError FutureWarning GeneratorExit IOError"
                  + " ImportError ImportWarning IndentationError IndexError InterruptedError"
                  + " IsADirectoryError KeyError KeyboardInterrupt LookupError MemoryError"
                  + " ModuleNotFoundError NameError None NotADirectoryError NotImplemented"
                  + " NotImplementedError OSError OverflowError PendingDeprecationWarning"
                  + " PermissionError ProcessLookupError RecursionError ReferenceError"
                  + " ResourceWarning RuntimeError RuntimeWarning StopAsyncIteration StopIteration"
                  + " SyntaxError SyntaxWarning SystemError SystemExit TabError TimeoutError True"
                  + " TypeError UnboundLocalError UnicodeDecodeError UnicodeEncodeError UnicodeError"
                  + " UnicodeTranslateError UnicodeWarning UserWarning ValueError Warning"
                  + " ZeroDivisionError __build_class__ __debug__ __doc__ __import__ __loader__"
                  + " __name__ __package__ __spec__ __file__ __cached__ __builtins__ abs aiter all"
                  + " anext any ascii bin bool breakpoint bytearray bytes callable chr classmethod"
                  + " compile complex copyright credits delattr dict dir divmod enumerate eval exec"
                  + " exit filter float format frozenset getattr globals hasattr hash help hex id"
                  + " input int isinstance issubclass iter len license list locals map max"
                  + " memoryview min next object oct open ord pow print property quit range repr"
                  + " reversed round set setattr slice sorted staticmethod str sum super tuple"
                  + " type vars zip")
              .split(" "));

  private final SyntaxTree tree;
  private final LineIndex lines;
  private final String path;
  private final String fileId;
  private final Scope[] scopeOf;
  private final String[] nodeIds;
  private final String[] enclosingIds;
  private final byte[] ctx;
  private final boolean[] inAnnotation;
  private boolean futureAnnotations;

  private final List<Object[]> pendingRefs = new ArrayList<>();
  private final List<Scope> allScopes = new ArrayList<>();

  final List<Object[]> nameRefs = new ArrayList<>();
  final List<Object[]> symbols = new ArrayList<>();

  NameRows(
      SyntaxTree tree,
      String path,
      String fileId,
      Scope[] scopeOf,
      String[] nodeIds,
      String[] enclosingIds) {
    this.tree = tree;
    this.path = path;
    this.lines = tree.lines();
    this.fileId = fileId;
    this.scopeOf = scopeOf;
    this.nodeIds = nodeIds;
    this.enclosingIds = enclosingIds;
    this.ctx = new byte[tree.size()];
    this.inAnnotation = new boolean[tree.size()];
  }

  void scopeOpened(Scope scope) {
    allScopes.add(scope);
  }

  /** Called for every node in pre-order, after its scope is known. */
  void visit(int node, String kind) {
    int parent = tree.parent(node);
    if (parent >= 0) {
      ctx[node] = contextOf(node, parent);
      inAnnotation[node] = inAnnotation[parent] || isAnnotation(node, parent);
    }
    switch (kind) {
      case "identifier" -> identifier(node, parent);
      case "type_alias_statement" -> typeCallTarget(node);
      case "future_import_statement" -> {
        for (int c = tree.firstChild(node); c >= 0; c = tree.nextSibling(c)) {
          if ("name".equals(tree.field(c)) && tree.text(c).equals("annotations")) {
            futureAnnotations = true;
          }
        }
      }
      default -> {}
    }
  }

  /**
   * Python 3.11 has no {@code type X = ...} statement, but the grammar reads {@code type(obj).attr
   * = v} as one, swallowing the name {@code type} into an anonymous keyword. It is a use of the
   * builtin {@code type}; its reference gets the id the identifier node would have had.
   */
  private void typeCallTarget(int node) {
    Scope scope = scopeOf[node];
    scope.add("type", USE);
    int start = tree.start(node);
    String id = StableId.nodeId(path, "identifier", start, start + 4, 0);
    pendingRefs.add(new Object[] {-1 - start, scope, "type", LOAD, id, enclosingIds[node]});
  }

  private byte contextOf(int node, int parent) {
    String field = tree.field(node);
    switch (tree.kind(parent)) {
      case "assignment", "augmented_assignment", "for_statement", "for_in_clause":
        return "left".equals(field) ? STORE : LOAD;
      case "named_expression":
        return "name".equals(field) ? STORE : LOAD;
      case "as_pattern_target":
        return STORE;
      case "delete_statement":
        return DEL;
      default:
        return TARGET_PARTS.contains(tree.kind(parent)) ? ctx[parent] : LOAD;
    }
  }

  private boolean isAnnotation(int node, int parent) {
    String field = tree.field(node);
    return switch (tree.kind(parent)) {
      case "typed_parameter", "typed_default_parameter", "assignment" -> "type".equals(field);
      case "function_definition" -> "return_type".equals(field);
      default -> false;
    };
  }

  private void identifier(int node, int parent) {
    Scope scope = scopeOf[node];
    String field = tree.field(node);
    String parentKind = tree.kind(parent);
    String text = tree.text(node);
    switch (parentKind) {
      case "attribute":
        if ("attribute".equals(field)) {
          return;
        }
        break;
      case "keyword_argument":
        if ("name".equals(field)) {
          return;
        }
        break;
      case "function_definition", "class_definition":
        if ("name".equals(field)) {
          scope.add(scope.mangle(text), DEF_LOCAL);
          return;
        }
        break;
      case "parameters", "lambda_parameters":
        scope.add(scope.mangle(text), DEF_PARAM);
        return;
      case "default_parameter", "typed_default_parameter":
        if ("name".equals(field)) {
          scope.add(scope.mangle(text), DEF_PARAM);
          return;
        }
        break;
      case "typed_parameter":
        if (field == null) {
          scope.add(scope.mangle(text), DEF_PARAM);
          return;
        }
        break;
      case "list_splat_pattern", "dictionary_splat_pattern":
        String holder = tree.kind(tree.parent(parent));
        if (holder.equals("parameters")
            || holder.equals("lambda_parameters")
            || holder.equals("typed_parameter")) {
          scope.add(scope.mangle(text), DEF_PARAM);
          return;
        }
        break;
      case "aliased_import":
        if ("alias".equals(field)) {
          scope.add(scope.mangle(text), DEF_IMPORT);
        }
        return;
      case "dotted_name":
        dottedNamePart(node, parent, scope, text);
        return;
      case "relative_import", "import_prefix":
        return;
      case "global_statement":
        scope.add(scope.mangle(text), DEF_GLOBAL);
        scope.module().add(scope.mangle(text), DEF_GLOBAL);
        return;
      case "nonlocal_statement":
        scope.add(scope.mangle(text), DEF_NONLOCAL);
        return;
      case "keyword_pattern":
        if (tree.firstChild(parent) == node) {
          return; // the keyword of a class pattern
        }
        bindCapture(scope, text);
        return;
      case "as_pattern":
        if (tree.kind(tree.parent(parent)).equals("case_pattern")
            && tree.firstChild(parent) != node) {
          bindCapture(scope, text);
          return;
        }
        break;
      case "splat_pattern":
        bindCapture(scope, text);
        return;
      case "as_pattern_target":
        int clause = tree.parent(tree.parent(parent));
        if (clause >= 0
            && (tree.kind(clause).equals("except_clause")
                || tree.kind(clause).equals("except_group_clause"))) {
          scope.add(scope.mangle(text), DEF_LOCAL);
          return;
        }
        break;
      default:
        break;
    }
    nameRef(node, parent, scope, text);
  }

  private void dottedNamePart(int node, int dotted, Scope scope, String text) {
    int holder = tree.parent(dotted);
    String holderKind = tree.kind(holder);
    boolean first = tree.firstChild(dotted) == node;
    boolean single = first && tree.nextSibling(node) < 0;
    switch (holderKind) {
      case "import_statement" -> {
        if (first) {
          scope.add(scope.mangle(text), DEF_IMPORT);
        }
      }
      case "import_from_statement", "future_import_statement" -> {
        if ("name".equals(tree.field(dotted))) {
          scope.add(scope.mangle(text), DEF_IMPORT);
        }
      }
      case "aliased_import", "relative_import" -> {
        int statement = holderKind.equals("aliased_import") ? tree.parent(holder) : -1;
        boolean bindsFirst =
            statement >= 0
                && tree.kind(statement).equals("import_statement")
                && tree.child(holder, "alias") < 0;
        if (bindsFirst && first) {
          scope.add(scope.mangle(text), DEF_IMPORT);
        }
      }
      case "case_pattern", "keyword_pattern" -> {
        if (single) {
          bindCapture(scope, text);
        } else if (first) {
          nameRef(node, dotted, scope, text);
        }
      }
      default -> {
        if (first) {
          nameRef(node, dotted, scope, text);
        }
      }
    }
  }

  private static void bindCapture(Scope scope, String text) {
    if (!text.equals("_")) {
      scope.add(scope.mangle(text), DEF_LOCAL);
    }
  }

  /** An {@code ast.Name}: a use, an assignment target or a deletion. */
  private void nameRef(int node, int parent, Scope scope, String text) {
    byte context = ctx[node];
    String symbol = scope.mangle(text);
    boolean hidden = futureAnnotations && inAnnotation[node];
    if (!hidden) {
      if (context == LOAD) {
        scope.add(symbol, USE);
        if (text.equals("super") && scope.isFunctionBlock()) {
          scope.add("__class__", USE);
        }
      } else if (tree.kind(parent).equals("named_expression")
          && scope.kind.equals("COMPREHENSION")) {
        walrusInComprehension(scope, symbol);
        scope.add(symbol, DEF_LOCAL);
      } else if (tree.kind(parent).equals("assignment") && tree.child(parent, "type") >= 0) {
        scope.add(symbol, DEF_ANNOT | DEF_LOCAL);
      } else if (isParenthesizedAnnotationTarget(parent)) {
        if (tree.child(tree.parent(parent), "right") >= 0) {
          scope.add(symbol, DEF_LOCAL);
        }
      } else {
        scope.add(symbol, DEF_LOCAL);
      }
    }
    pendingRefs.add(new Object[] {node, scope, symbol, context, nodeIds[node], enclosingIds[node]});
  }

  /** {@code (x): int = 1} is not a simple annotation: it binds only with a value. */
  private boolean isParenthesizedAnnotationTarget(int parent) {
    if (!tree.kind(parent).equals("tuple_pattern")
        && !tree.kind(parent).equals("parenthesized_expression")) {
      return false;
    }
    int assignment = tree.parent(parent);
    return tree.kind(assignment).equals("assignment")
        && "left".equals(tree.field(parent))
        && tree.child(assignment, "type") >= 0;
  }

  /** {@code symtable_extend_namedexpr_scope}: the target binds in the enclosing function. */
  private static void walrusInComprehension(Scope comprehension, String symbol) {
    for (Scope s = comprehension; s != null; s = s.parent) {
      if (s.kind.equals("COMPREHENSION")) {
        continue;
      }
      if (s.isFunctionBlock()) {
        if ((s.flags(symbol) & DEF_GLOBAL) != 0) {
          comprehension.add(symbol, DEF_GLOBAL);
          comprehension.module().add(symbol, DEF_GLOBAL);
        } else {
          comprehension.add(symbol, DEF_NONLOCAL);
        }
        s.add(symbol, DEF_LOCAL);
      } else if (s.kind.equals("MODULE")) {
        comprehension.add(symbol, DEF_GLOBAL);
        s.add(symbol, DEF_GLOBAL);
      }
      return; // a class here is a SyntaxError in CPython
    }
  }

  /** Runs the analysis and emits {@code symbols} and {@code name_refs}. */
  void finish(Scope module) {
    SymbolAnalysis.analyze(module);
    Set<String> moduleBound = new HashSet<>();
    for (Scope s : allScopes) {
      for (Map.Entry<String, Integer> e : s.symbols.entrySet()) {
        int flags = e.getValue();
        if (s == module ? (flags & DEF_BOUND) != 0 : isGlobalBinding(flags)) {
          moduleBound.add(e.getKey());
        }
      }
    }
    for (Scope s : allScopes) {
      for (Map.Entry<String, Integer> e : s.symbols.entrySet()) {
        symbols.add(symbolRow(s, e.getKey(), e.getValue(), moduleBound));
      }
    }
    for (Object[] p : pendingRefs) {
      int node = (Integer) p[0];
      Scope scope = (Scope) p[1];
      String symbol = (String) p[2];
      byte context = (Byte) p[3];
      Scope binding = SymbolAnalysis.bindingScope(scope, symbol, moduleBound);
      String resolution;
      if (binding == null) {
        resolution = IMPLICIT_GLOBALS.contains(symbol) ? "BUILTIN" : "UNRESOLVED";
      } else if (binding.kind.equals("MODULE")) {
        resolution = "GLOBAL";
      } else {
        resolution = binding == scope ? "LOCAL" : "ENCLOSING";
      }
      boolean real = node >= 0;
      int start = real ? tree.start(node) : -1 - node;
      int end = real ? tree.end(node) : start + 4;
      nameRefs.add(
          new Object[] {
            p[4],
            fileId,
            scope.id,
            real ? tree.text(node) : "type",
            scope.symbols.containsKey(symbol) ? symbolId(scope, symbol) : null,
            CTX[context],
            binding == null ? null : binding.id,
            resolution,
            start,
            end,
            lines.line(start),
            lines.col(start),
            p[5]
          });
    }
  }

  private static boolean isGlobalBinding(int flags) {
    return (flags & DEF_GLOBAL) != 0 && (flags & DEF_BOUND) != 0;
  }

  static String symbolId(Scope scope, String symbol) {
    return StableId.of("symbol", scope.id, symbol);
  }

  private Object[] symbolRow(Scope s, String name, int flags, Set<String> moduleBound) {
    int resolved = s.resolved.getOrDefault(name, SymbolAnalysis.GLOBAL_IMPLICIT);
    boolean module = s.kind.equals("MODULE");
    boolean boundInModule = module && (flags & DEF_BOUND) != 0;
    Scope binding = SymbolAnalysis.bindingScope(s, name, moduleBound);
    return new Object[] {
      symbolId(s, name),
      fileId,
      s.id,
      name,
      (flags & DEF_PARAM) != 0,
      resolved == SymbolAnalysis.LOCAL || resolved == SymbolAnalysis.CELL || boundInModule,
      resolved == SymbolAnalysis.GLOBAL_EXPLICIT
          || resolved == SymbolAnalysis.GLOBAL_IMPLICIT
          || boundInModule,
      resolved == SymbolAnalysis.GLOBAL_EXPLICIT,
      (flags & DEF_NONLOCAL) != 0,
      resolved == SymbolAnalysis.FREE,
      resolved == SymbolAnalysis.CELL,
      (flags & DEF_IMPORT) != 0,
      (flags & DEF_LOCAL) != 0,
      (flags & USE) != 0,
      (flags & DEF_ANNOT) != 0,
      binding == null ? null : binding.id
    };
  }
}
