package io.codeanatomy.extract.rows;

import io.codeanatomy.extract.parse.LineIndex;
import io.codeanatomy.extract.parse.SyntaxTree;
import io.codeanatomy.extract.repo.ModuleName;
import io.codeanatomy.udf.id.StableId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One pass over a file's {@link SyntaxTree} that assigns every node its innermost scope and emits
 * the {@code ast_nodes}, {@code scopes}, {@code defs}, {@code calls} and {@code imports} rows.
 *
 * <p>Scopes follow CPython, not the tree's nesting: a function's name, decorators, defaults,
 * annotations and return annotation are evaluated in the enclosing scope, and so is the first
 * iterable of a comprehension; a class's bases too. Nodes of the tree are in pre-order, so a node's
 * parent always has its scope when the node is reached.
 */
final class TreeRows {
  private static final Map<String, String> SCOPE_KINDS =
      Map.of(
          "function_definition", "FUNCTION",
          "class_definition", "CLASS",
          "lambda", "LAMBDA",
          "list_comprehension", "COMPREHENSION",
          "set_comprehension", "COMPREHENSION",
          "dictionary_comprehension", "COMPREHENSION",
          "generator_expression", "COMPREHENSION");
  private static final Map<String, String> COMPREHENSION_NAMES =
      Map.of(
          "list_comprehension", "<listcomp>",
          "set_comprehension", "<setcomp>",
          "dictionary_comprehension", "<dictcomp>",
          "generator_expression", "<genexpr>");

  private final SyntaxTree tree;
  private final LineIndex lines;
  private final String path;
  private final String fileId;
  private final ModuleName module;

  private final Scope[] scopeOf;
  private final Scope[] opened;
  private final String[] nodeIds;
  private final boolean[] entity;
  private final String[] enclosingIds;
  private int spanRunStart;
  private final Map<String, Integer> scopeOrdinals = new HashMap<>();
  private final Map<String, Integer> defOrdinals = new HashMap<>();

  final List<Object[]> astNodes = new ArrayList<>();
  final List<Object[]> scopes = new ArrayList<>();
  final List<Object[]> defs = new ArrayList<>();
  final List<Object[]> calls = new ArrayList<>();
  final List<Object[]> imports = new ArrayList<>();
  final List<Object[]> params = new ArrayList<>();
  final List<Object[]> callArgs = new ArrayList<>();
  private final String[] defIds;
  private final NameRows names;
  private final List<Integer> later = new ArrayList<>();

  TreeRows(SyntaxTree tree, String path, String fileId, ModuleName module) {
    this.tree = tree;
    this.lines = tree.lines();
    this.path = path;
    this.fileId = fileId;
    this.module = module;
    this.scopeOf = new Scope[tree.size()];
    this.opened = new Scope[tree.size()];
    this.nodeIds = new String[tree.size()];
    this.entity = new boolean[tree.size()];
    this.enclosingIds = new String[tree.size()];
    this.defIds = new String[tree.size()];
    this.names = new NameRows(tree, path, fileId, scopeOf, nodeIds, enclosingIds);
  }

  TreeRows build() {
    for (int node = 0; node < tree.size(); node++) {
      String kind = tree.kind(node);
      nodeIds[node] = nodeId(node, kind);
      markEntity(node, kind);
      if (node == 0) {
        String name = module.qualifier();
        opened[0] = openScope(0, "MODULE", name, name, null);
        scopeOf[0] = opened[0];
      } else {
        scopeOf[node] = scopeForChild(node);
        String scopeKind = SCOPE_KINDS.get(kind);
        if (scopeKind != null) {
          openScopeAt(node, kind, scopeKind);
        }
      }
      addAstNode(node, kind);
      names.visit(node, kind);
      switch (kind) {
        case "call" -> addCall(node);
        case "parameters", "lambda_parameters" -> later.add(node);
        case "import_statement", "import_from_statement", "future_import_statement" ->
            addImports(node, kind);
        case "global_statement" -> addGlobals(node);
        default -> {}
      }
    }
    // Their rows name child nodes, whose ids exist only once the whole tree has been visited.
    for (int node : later) {
      if (tree.kind(node).equals("call")) {
        addCallArgs(node, tree.child(node, "arguments"));
      } else {
        addParams(node);
      }
    }
    names.finish(opened[0]);
    return this;
  }

  List<Object[]> symbols() {
    return names.symbols;
  }

  List<Object[]> nameRefs() {
    return names.nameRefs;
  }

  private Scope scopeForChild(int node) {
    int parent = tree.parent(node);
    String field = tree.field(node);
    switch (tree.kind(parent)) {
      case "function_definition", "lambda":
        return "body".equals(field) || "parameters".equals(field)
            ? opened[parent]
            : scopeOf[parent];
      case "class_definition":
        return "body".equals(field) ? opened[parent] : scopeOf[parent];
      case "list_comprehension",
      "set_comprehension",
      "dictionary_comprehension",
      "generator_expression":
        return opened[parent];
      case "for_in_clause":
        int comprehension = tree.parent(parent);
        if ("right".equals(field)
            && COMPREHENSION_NAMES.containsKey(tree.kind(comprehension))
            && firstClause(comprehension) == parent) {
          return scopeOf[comprehension];
        }
        return scopeOf[parent];
      case "default_parameter", "typed_default_parameter", "typed_parameter":
        int params = tree.parent(parent);
        String paramsKind = tree.kind(params);
        if (("value".equals(field) || "type".equals(field))
            && (paramsKind.equals("parameters") || paramsKind.equals("lambda_parameters"))) {
          return scopeOf[tree.parent(params)];
        }
        return scopeOf[parent];
      default:
        return scopeOf[parent];
    }
  }

  /**
   * Entity nodes are those the other tables give a row of their own (module, class and function
   * definitions, lambdas, calls, parameters) and decorators; {@code enclosing_node_id} names the
   * nearest one above a node, in CPython's {@code ast} shape: a parameter's default value belongs
   * to the function ({@code arguments.defaults}), its annotation to the parameter.
   */
  private void markEntity(int node, String kind) {
    int parent = tree.parent(node);
    if (parent < 0) {
      entity[node] = true;
      return;
    }
    entity[node] =
        switch (kind) {
          case "function_definition", "class_definition", "lambda", "call", "decorator" -> true;
          case "identifier",
              "default_parameter",
              "typed_parameter",
              "typed_default_parameter",
              "list_splat_pattern",
              "dictionary_splat_pattern" -> {
            String parentKind = tree.kind(parent);
            yield parentKind.equals("parameters") || parentKind.equals("lambda_parameters");
          }
          default -> false;
        };
    boolean defaultValue = "value".equals(tree.field(node)) && isParameter(parent);
    enclosingIds[node] = entity[parent] && !defaultValue ? nodeIds[parent] : enclosingIds[parent];
  }

  private boolean isParameter(int node) {
    int parent = tree.parent(node);
    return entity[node]
        && parent >= 0
        && (tree.kind(parent).equals("parameters")
            || tree.kind(parent).equals("lambda_parameters"));
  }

  private int firstClause(int comprehension) {
    for (int c = tree.firstChild(comprehension); c >= 0; c = tree.nextSibling(c)) {
      if (tree.kind(c).equals("for_in_clause")) {
        return c;
      }
    }
    return -1;
  }

  private void openScopeAt(int node, String kind, String scopeKind) {
    Scope outer = scopeOf[node];
    String name;
    if (scopeKind.equals("LAMBDA")) {
      name = "<lambda>";
    } else if (scopeKind.equals("COMPREHENSION")) {
      name = COMPREHENSION_NAMES.get(kind);
    } else {
      int nameNode = tree.child(node, "name");
      name = nameNode >= 0 ? tree.text(nameNode) : "";
    }
    String qualname =
        !outer.kind.equals("MODULE") && outer.globals.contains(name)
            ? module.qualifier() + "." + name
            : outer.childPrefix() + "." + name;
    opened[node] = openScope(node, scopeKind, name, qualname, outer);
    if (scopeKind.equals("FUNCTION") || scopeKind.equals("CLASS")) {
      addDef(node, scopeKind, name, qualname, outer, opened[node]);
    }
  }

  private Scope openScope(int node, String kind, String name, String qualname, Scope parent) {
    int ordinal = next(scopeOrdinals, qualname + '\0' + kind);
    Scope scope =
        new Scope(StableId.scopeId(path, qualname, kind, ordinal), kind, name, qualname, parent);
    names.scopeOpened(scope);
    scopes.add(
        new Object[] {
          scope.id,
          fileId,
          parent == null ? null : parent.id,
          kind,
          name,
          qualname,
          nodeIds[node],
          tree.start(node),
          tree.end(node),
          lines.line(tree.start(node)),
          enclosingIds[node],
          scope.owner().id
        });
    return scope;
  }

  private void addDef(
      int node, String kind, String name, String qualname, Scope outer, Scope body) {
    int ordinal = next(defOrdinals, qualname + '\0' + kind);
    int start = tree.start(node);
    byte[] source = tree.source();
    boolean isAsync =
        kind.equals("FUNCTION")
            && start + 5 <= source.length
            && new String(source, start, 5, java.nio.charset.StandardCharsets.US_ASCII)
                .equals("async");
    List<String> decorators = new ArrayList<>();
    int parent = tree.parent(node);
    if (tree.kind(parent).equals("decorated_definition")) {
      for (int c = tree.firstChild(parent); c >= 0; c = tree.nextSibling(c)) {
        if (tree.kind(c).equals("decorator")) {
          int expression = firstNonComment(c);
          decorators.add(expression >= 0 ? tree.text(expression) : tree.text(c).substring(1));
        }
      }
    }
    List<String> bases = new ArrayList<>();
    int superclasses = kind.equals("CLASS") ? tree.child(node, "superclasses") : -1;
    if (superclasses >= 0) {
      for (int c = tree.firstChild(superclasses); c >= 0; c = tree.nextSibling(c)) {
        String k = tree.kind(c);
        if (!k.equals("keyword_argument")
            && !k.equals("dictionary_splat")
            && !k.equals("comment")) {
          bases.add(tree.text(c));
        }
      }
    }
    defIds[node] = StableId.defId(path, qualname, kind, ordinal);
    defs.add(
        new Object[] {
          defIds[node],
          fileId,
          outer.id,
          body.id,
          kind,
          name,
          qualname,
          isAsync,
          nodeIds[node],
          start,
          tree.end(node),
          lines.line(start),
          lines.col(start),
          List.copyOf(decorators),
          List.copyOf(bases)
        });
  }

  private int firstNonComment(int node) {
    for (int c = tree.firstChild(node); c >= 0; c = tree.nextSibling(c)) {
      if (!tree.kind(c).equals("comment")) {
        return c;
      }
    }
    return -1;
  }

  private void addAstNode(int node, String kind) {
    int start = tree.start(node);
    int end = tree.end(node);
    int parent = tree.parent(node);
    astNodes.add(
        new Object[] {
          nodeIds[node],
          fileId,
          parent < 0 ? null : nodeIds[parent],
          parent < 0 ? null : tree.childIndex(node),
          tree.field(node),
          kind,
          start,
          end,
          lines.line(start),
          lines.col(start),
          lines.line(end),
          lines.col(end),
          scopeOf[node].id
        });
  }

  private void addCall(int node) {
    int function = tree.child(node, "function");
    int arguments = tree.child(node, "arguments");
    String calleeName = null;
    String receiver = null;
    if (function >= 0) {
      switch (tree.kind(function)) {
        case "identifier" -> calleeName = tree.text(function);
        case "attribute" -> {
          int attribute = tree.child(function, "attribute");
          int object = tree.child(function, "object");
          calleeName = attribute >= 0 ? tree.text(attribute) : null;
          receiver = object >= 0 ? tree.text(object) : null;
        }
        default -> {}
      }
    }
    int argCount = 0;
    if (arguments >= 0) {
      if (tree.kind(arguments).equals("argument_list")) {
        for (int c = tree.firstChild(arguments); c >= 0; c = tree.nextSibling(c)) {
          if (!tree.kind(c).equals("comment")) {
            argCount++;
          }
        }
      } else {
        argCount = 1;
      }
    }
    later.add(node);
    int start = tree.start(node);
    calls.add(
        new Object[] {
          nodeIds[node],
          fileId,
          scopeOf[node].id,
          function >= 0 ? tree.text(function) : "",
          calleeName,
          receiver,
          argCount,
          start,
          tree.end(node),
          lines.line(start),
          lines.col(start),
          enclosingIds[node]
        });
  }

  /** One {@code call_args} row per argument, in source order. */
  private void addCallArgs(int call, int arguments) {
    if (arguments < 0) {
      return;
    }
    if (!tree.kind(arguments).equals("argument_list")) {
      addCallArg(call, 0, arguments, null, false, false, arguments); // f(x for x in y)
      return;
    }
    int index = 0;
    for (int c = tree.firstChild(arguments); c >= 0; c = tree.nextSibling(c)) {
      switch (tree.kind(c)) {
        case "comment" -> {}
        case "keyword_argument" -> {
          int name = tree.child(c, "name");
          int value = tree.child(c, "value");
          addCallArg(call, index++, c, name >= 0 ? tree.text(name) : null, false, false, value);
        }
        case "list_splat" -> addCallArg(call, index++, c, null, true, false, firstNonComment(c));
        case "dictionary_splat" ->
            addCallArg(call, index++, c, null, false, true, firstNonComment(c));
        default -> addCallArg(call, index++, c, null, false, false, c);
      }
    }
  }

  private void addCallArg(
      int call,
      int index,
      int argument,
      String keyword,
      boolean star,
      boolean doubleStar,
      int value) {
    int start = tree.start(argument);
    callArgs.add(
        new Object[] {
          StableId.of("call_arg", nodeIds[call], index),
          fileId,
          nodeIds[call],
          index,
          keyword,
          star,
          doubleStar,
          value >= 0 ? tree.text(value) : "",
          value >= 0 ? nodeIds[value] : null,
          start,
          tree.end(argument),
          lines.line(start),
          lines.col(start)
        });
  }

  /**
   * One {@code params} row per parameter of a function or lambda, with CPython's kinds: before
   * {@code /} positional-only, after {@code *} or {@code *args} keyword-only.
   */
  private void addParams(int node) {
    int owner = tree.parent(node);
    Scope scope = opened[owner];
    if (scope == null) {
      return;
    }
    String defId = defIds[owner];
    List<Object[]> rows = new ArrayList<>();
    boolean keywordOnly = false;
    for (int c = tree.firstChild(node); c >= 0; c = tree.nextSibling(c)) {
      String kind = tree.kind(c);
      int nameNode = c;
      String paramKind = keywordOnly ? "KEYWORD_ONLY" : "POSITIONAL_OR_KEYWORD";
      String defaultText = null;
      String annotation = null;
      switch (kind) {
        case "comment":
          continue;
        case "positional_separator":
          for (Object[] r : rows) {
            r[6] = "POSITIONAL_ONLY";
          }
          continue;
        case "keyword_separator":
          keywordOnly = true;
          continue;
        case "default_parameter", "typed_default_parameter":
          nameNode = tree.child(c, "name");
          int value = tree.child(c, "value");
          int type = tree.child(c, "type");
          defaultText = value >= 0 ? tree.text(value) : null;
          annotation = type >= 0 ? tree.text(type) : null;
          break;
        case "typed_parameter":
          nameNode = firstNonComment(c);
          int typeNode = tree.child(c, "type");
          annotation = typeNode >= 0 ? tree.text(typeNode) : null;
          break;
        default:
          break;
      }
      if (nameNode < 0) {
        continue;
      }
      String nameKind = tree.kind(nameNode);
      if (nameKind.equals("list_splat_pattern")) {
        paramKind = "VAR_POSITIONAL";
        keywordOnly = true;
        nameNode = firstNonComment(nameNode);
      } else if (nameKind.equals("dictionary_splat_pattern")) {
        paramKind = "VAR_KEYWORD";
        nameNode = firstNonComment(nameNode);
      } else if (!nameKind.equals("identifier")) {
        continue;
      }
      if (nameNode < 0) {
        continue;
      }
      int index = rows.size();
      int start = tree.start(c);
      rows.add(
          new Object[] {
            StableId.of("param", scope.id, index),
            fileId,
            scope.id,
            defId,
            tree.text(nameNode),
            index,
            paramKind,
            defaultText,
            annotation,
            nodeIds[c],
            start,
            tree.end(c),
            lines.line(start),
            lines.col(start)
          });
    }
    params.addAll(rows);
  }

  private void addImports(int node, String kind) {
    String written = null;
    int level = 0;
    boolean from = !kind.equals("import_statement");
    if (kind.equals("future_import_statement")) {
      written = "__future__";
    } else if (from) {
      int moduleName = tree.child(node, "module_name");
      if (moduleName >= 0 && tree.kind(moduleName).equals("relative_import")) {
        for (int c = tree.firstChild(moduleName); c >= 0; c = tree.nextSibling(c)) {
          if (tree.kind(c).equals("import_prefix")) {
            level = (int) tree.text(c).chars().filter(ch -> ch == '.').count();
          } else if (tree.kind(c).equals("dotted_name")) {
            written = dotted(c);
          }
        }
      } else if (moduleName >= 0) {
        written = dotted(moduleName);
      }
    }
    String target = from ? module.resolve(written, level) : null;
    int index = 0;
    for (int c = tree.firstChild(node); c >= 0; c = tree.nextSibling(c)) {
      if (tree.kind(c).equals("wildcard_import")) {
        addImport(node, index++, "FROM", written, "*", null, level, true, target, null);
      } else if ("name".equals(tree.field(c))) {
        String name;
        String alias = null;
        if (tree.kind(c).equals("aliased_import")) {
          int nameNode = tree.child(c, "name");
          int aliasNode = tree.child(c, "alias");
          name = nameNode >= 0 ? dotted(nameNode) : tree.text(c);
          alias = aliasNode >= 0 ? tree.text(aliasNode) : null;
        } else {
          name = dotted(c);
        }
        if (from) {
          String bound = alias != null ? alias : name;
          addImport(node, index++, "FROM", written, name, alias, level, false, target, bound);
        } else {
          int dot = name.indexOf('.');
          String bound = alias != null ? alias : dot < 0 ? name : name.substring(0, dot);
          addImport(node, index++, "IMPORT", name, null, alias, 0, false, name, bound);
        }
      }
    }
  }

  private void addImport(
      int node,
      int index,
      String kind,
      String written,
      String name,
      String alias,
      int level,
      boolean star,
      String target,
      String bound) {
    int start = tree.start(node);
    int end = tree.end(node);
    imports.add(
        new Object[] {
          StableId.nodeId(path, "import", start, end, index),
          fileId,
          scopeOf[node].id,
          kind,
          written,
          name,
          alias,
          level,
          star,
          target,
          bound,
          start,
          end,
          lines.line(start)
        });
  }

  /** A dotted name without the whitespace or comments Python allows between its parts. */
  private String dotted(int node) {
    if (!tree.kind(node).equals("dotted_name")) {
      return tree.text(node);
    }
    StringBuilder out = new StringBuilder();
    for (int c = tree.firstChild(node); c >= 0; c = tree.nextSibling(c)) {
      if (tree.kind(c).equals("identifier")) {
        if (out.length() > 0) {
          out.append('.');
        }
        out.append(tree.text(c));
      }
    }
    return out.toString();
  }

  private void addGlobals(int node) {
    for (int c = tree.firstChild(node); c >= 0; c = tree.nextSibling(c)) {
      if (tree.kind(c).equals("identifier")) {
        scopeOf[node].globals.add(tree.text(c));
      }
    }
  }

  /**
   * Nodes with equal spans are consecutive in pre-order (wrappers around a single child, or
   * zero-width nodes at one position), so the ordinal among equal kind and span is found by looking
   * back over the current run of equal spans only.
   */
  private String nodeId(int node, String kind) {
    int start = tree.start(node);
    int end = tree.end(node);
    if (node == 0 || tree.start(node - 1) != start || tree.end(node - 1) != end) {
      spanRunStart = node;
    }
    int ordinal = 0;
    for (int i = spanRunStart; i < node; i++) {
      if (tree.kind(i).equals(kind)) {
        ordinal++;
      }
    }
    return StableId.nodeId(path, kind, start, end, ordinal);
  }

  private static int next(Map<String, Integer> ordinals, String key) {
    return ordinals.merge(key, 1, Integer::sum) - 1;
  }
}
