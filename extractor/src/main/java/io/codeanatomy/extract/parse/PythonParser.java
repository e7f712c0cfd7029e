package io.codeanatomy.extract.parse;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.treesitter.TSInputEncoding;
import org.treesitter.TSLanguage;
import org.treesitter.TSNode;
import org.treesitter.TSParser;
import org.treesitter.TSQuery;
import org.treesitter.TSQueryCursor;
import org.treesitter.TSQueryMatch;
import org.treesitter.TSTree;
import org.treesitter.TSTreeCursor;
import org.treesitter.TreeSitterPython;

/**
 * A tree-sitter Python parser that returns {@link SyntaxTree} mirrors. Not thread-safe (neither is
 * the native parser): use one per thread.
 *
 * <p>Each JNI call costs microseconds, so the mirror is built with as few as possible: one call
 * renders the whole tree as an S-expression (kinds, fields and nesting of every named node), and a
 * query {@code (_) @n} yields the named nodes in the same pre-order, each with its start byte
 * already inside the returned node object; only the end byte costs a call per node. When the two
 * disagree, the slower cursor walk is used instead, so the fast path can never produce a wrong
 * tree.
 */
public final class PythonParser implements AutoCloseable {
  private static final int MAX_PROBLEMS = 50;
  private static final int DEEP_TREE = 100;
  private static final VarHandle START_BYTE = startByteHandle();
  private static final MethodHandle END_BYTE = endByteHandle();

  private final TSLanguage language = new TreeSitterPython();
  private final TSParser parser = new TSParser();
  private final TSQuery namedNodes;
  private final byte[] buffer = new byte[64 * 1024];
  private final Map<String, String> names = new HashMap<>();
  private final boolean startByteReadable;

  public PythonParser() {
    parser.setLanguage(language);
    namedNodes = new TSQuery(language, "(_) @n");
    startByteReadable = checkStartByteHandle();
  }

  /** Parses UTF-8 {@code source}. */
  public ParsedSource parse(byte[] source) {
    try (TSTree tree = parseTree(source)) {
      TSNode root = tree.getRootNode();
      if (root.hasError()) {
        List<SyntaxProblem> found = problems(root, source);
        SyntaxProblem cause = TokenCheck.check(source);
        // As CPython: tokenizer errors win over the parser's; an unclosed bracket wins unless
        // parsing got stuck entirely before it (then that earlier error is the one to fix first).
        if (cause != null
            && (!TokenCheck.isUnclosed(cause) || found.get(0).bend() > cause.bstart())) {
          found.add(0, cause);
        }
        return new ParsedSource(null, found);
      }
      SyntaxTree mirror = mirrorFast(root, source);
      if (mirror == null) {
        mirror = mirrorByCursor(root, source);
      }
      if (mirror.maxDepth() > DEEP_TREE) {
        // Only deep trees can break CPython's nesting limits; valid code rarely gets here.
        SyntaxProblem tooDeep = TokenCheck.check(source);
        if (tooDeep != null) {
          return new ParsedSource(null, List.of(tooDeep));
        }
      }
      List<SyntaxProblem> legacy = python2Constructs(mirror);
      return legacy.isEmpty()
          ? new ParsedSource(mirror, List.of())
          : new ParsedSource(null, legacy);
    }
  }

  /**
   * The grammar still accepts a few Python 2 constructs that CPython 3 rejects; a file using them
   * does not compile, so it must not parse here either.
   */
  private static List<SyntaxProblem> python2Constructs(SyntaxTree tree) {
    List<SyntaxProblem> out = new ArrayList<>();
    for (int i = 0; i < tree.size() && out.size() < MAX_PROBLEMS; i++) {
      String message =
          switch (tree.kind(i)) {
            case "print_statement" -> "Python 2 print statement; call print(...) instead";
            case "exec_statement" -> "Python 2 exec statement; call exec(...) instead";
            case "integer" -> isLegacyOctal(tree, i) ? "leading zeros in an integer literal" : null;
            default -> null;
          };
      if (message != null) {
        out.add(new SyntaxProblem(message, tree.start(i), tree.end(i)));
      }
    }
    return out;
  }

  private static boolean isLegacyOctal(SyntaxTree tree, int node) {
    byte[] source = tree.source();
    int start = tree.start(node);
    int end = tree.end(node);
    if (end - start < 2 || source[start] != '0') {
      return false;
    }
    boolean nonZero = false;
    for (int i = start + 1; i < end; i++) {
      byte b = source[i];
      if (b == '_' || b == '0') {
        continue;
      }
      if (b >= '1' && b <= '9') {
        nonZero = true;
        continue;
      }
      return false; // 0x.., 0o.., 0b.., floats, imaginary and 0L-style suffixes are other forms
    }
    return nonZero;
  }

  /** The mirror built by walking every node with a cursor; the reference for the fast path. */
  SyntaxTree parseByCursor(byte[] source) {
    try (TSTree tree = parseTree(source)) {
      return mirrorByCursor(tree.getRootNode(), source);
    }
  }

  /** The fast mirror, or null when it cannot be built consistently. */
  SyntaxTree parseFast(byte[] source) {
    try (TSTree tree = parseTree(source)) {
      return mirrorFast(tree.getRootNode(), source);
    }
  }

  private TSTree parseTree(byte[] source) {
    // A null reader crashes the JVM inside the native parser; this one copies from the array.
    return parser.parse(
        buffer,
        null,
        (buf, offset, point) -> {
          if (offset >= source.length) {
            return 0;
          }
          int n = Math.min(buf.length, source.length - offset);
          System.arraycopy(source, offset, buf, 0, n);
          return n;
        },
        TSInputEncoding.TSInputEncodingUTF8);
  }

  private SyntaxTree mirrorFast(TSNode root, byte[] source) {
    Skeleton skeleton = Skeleton.parse(root.toString(), names);
    if (skeleton == null) {
      return null;
    }
    int n = skeleton.size;
    int[] start = new int[n];
    int[] end = new int[n];
    int captured = 0;
    try (TSQueryCursor cursor = new TSQueryCursor()) {
      cursor.exec(namedNodes, root);
      TSQueryMatch match = new TSQueryMatch();
      while (cursor.nextCapture(match)) {
        if (captured == n) {
          return null;
        }
        TSNode node = match.getCaptures()[match.getCaptureIndex()].getNode();
        start[captured] = startByte(node);
        end[captured] = endByte(node);
        captured++;
      }
    }
    if (captured == n - 1) {
      // The query does not capture a root without named children.
      System.arraycopy(start, 0, start, 1, n - 1);
      System.arraycopy(end, 0, end, 1, n - 1);
      start[0] = root.getStartByte();
      end[0] = root.getEndByte();
    } else if (captured != n) {
      return null;
    }
    for (int i = 1; i < n; i++) {
      int p = skeleton.parent[i];
      if (start[i] < start[p] || end[i] > end[p] || start[i] > end[i]) {
        return null;
      }
    }
    return new SyntaxTree(
        source,
        Arrays.copyOf(skeleton.kind, n),
        Arrays.copyOf(skeleton.field, n),
        start,
        end,
        Arrays.copyOf(skeleton.parent, n),
        Arrays.copyOf(skeleton.childIndex, n));
  }

  private SyntaxTree mirrorByCursor(TSNode root, byte[] source) {
    Growable g = new Growable();
    try (TSTreeCursor cursor = new TSTreeCursor(root)) {
      g.add(intern(root.getType()), null, root.getStartByte(), root.getEndByte(), -1, -1);
      int[] stack = new int[64];
      int[] childCounts = new int[64];
      int depth = 0;
      stack[0] = 0;
      // Iterative pre-order: deep expressions (long operator chains) would overflow a recursion.
      boolean descended = cursor.gotoFirstChild();
      if (!descended) {
        return g.tree(source);
      }
      depth = 1;
      childCounts[0] = 0;
      while (true) {
        TSNode node = cursor.currentNode();
        int self = -1;
        if (node.isNamed()) {
          int p = stack[depth - 1];
          self =
              g.add(
                  intern(node.getType()),
                  internNullable(cursor.currentFieldName()),
                  node.getStartByte(),
                  node.getEndByte(),
                  p,
                  childCounts[depth - 1]++);
        }
        if (self >= 0 && cursor.gotoFirstChild()) {
          if (depth == stack.length) {
            stack = Arrays.copyOf(stack, depth * 2);
            childCounts = Arrays.copyOf(childCounts, depth * 2);
          }
          stack[depth] = self;
          childCounts[depth] = 0;
          depth++;
          continue;
        }
        while (!cursor.gotoNextSibling()) {
          if (!cursor.gotoParent() || --depth == 0) {
            return g.tree(source);
          }
        }
      }
    }
  }

  private List<SyntaxProblem> problems(TSNode root, byte[] source) {
    List<SyntaxProblem> out = new ArrayList<>();
    if (root.isError()) {
      out.add(stuckAt(root, source));
      return out;
    }
    collectProblems(root, source, out);
    if (out.isEmpty()) {
      out.add(new SyntaxProblem("syntax error", root.getStartByte(), root.getEndByte()));
    }
    return out;
  }

  private void collectProblems(TSNode node, byte[] source, List<SyntaxProblem> out) {
    int count = node.getChildCount();
    for (int i = 0; i < count && out.size() < MAX_PROBLEMS; i++) {
      TSNode child = node.getChild(i);
      if (child.isMissing()) {
        out.add(missingProblem(child));
      } else if (child.isError()) {
        out.add(stuckAt(child, source));
      } else if (child.hasError()) {
        collectProblems(child, source, out);
      }
    }
  }

  /**
   * When recovery wraps the whole module in one ERROR node, its leading children are the statements
   * that did parse; the problem is where the first stray token or nested error starts.
   */
  private SyntaxProblem stuckAt(TSNode error, byte[] source) {
    int count = error.getChildCount();
    for (int i = 0; i < count; i++) {
      TSNode child = error.getChild(i);
      if (child.isNamed() && !child.isError() && !child.isMissing() && !child.hasError()) {
        continue;
      }
      if (child.isMissing() || child.isError() || child.hasError()) {
        List<SyntaxProblem> nested = new ArrayList<>();
        if (child.isMissing() || child.isError()) {
          nested.add(child.isMissing() ? missingProblem(child) : stuckAt(child, source));
        } else {
          collectProblems(child, source, nested);
        }
        if (!nested.isEmpty()) {
          return nested.get(0);
        }
      }
      return nearToken(child, source, error.getEndByte());
    }
    return errorProblem(error, source);
  }

  private SyntaxProblem missingProblem(TSNode missing) {
    String type = missing.getType();
    String what = missing.isNamed() ? type : "`" + type + "`";
    return new SyntaxProblem("missing " + what, missing.getStartByte(), missing.getEndByte());
  }

  private SyntaxProblem nearToken(TSNode token, byte[] source, int errorEnd) {
    int from = token.getStartByte();
    int to = Math.min(token.getEndByte(), from + 40);
    String text = new String(source, from, Math.max(0, to - from), StandardCharsets.UTF_8).strip();
    String message =
        text.isEmpty() ? "syntax error at end of input" : "syntax error near `" + text + "`";
    return new SyntaxProblem(message, from, errorEnd);
  }

  private SyntaxProblem errorProblem(TSNode error, byte[] source) {
    TSNode leaf = error;
    while (leaf.getChildCount() > 0) {
      leaf = leaf.getChild(0);
    }
    int from = leaf.getStartByte();
    int to = Math.min(leaf.getEndByte(), from + 40);
    String token = new String(source, from, Math.max(0, to - from), StandardCharsets.UTF_8).strip();
    String message =
        token.isEmpty() ? "syntax error at end of input" : "syntax error near `" + token + "`";
    return new SyntaxProblem(message, error.getStartByte(), error.getEndByte());
  }

  private int startByte(TSNode node) {
    return startByteReadable ? (int) START_BYTE.get(node) : node.getStartByte();
  }

  /**
   * {@link TSNode#getEndByte} makes two JNI calls, the first only to check that the node is not
   * null; a captured node never is, so this calls the native function behind it directly.
   */
  private static int endByte(TSNode node) {
    if (END_BYTE == null) {
      return node.getEndByte();
    }
    try {
      return (int) END_BYTE.invokeExact(node);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("tree-sitter's ts_node_end_byte failed", e);
    }
  }

  private static MethodHandle endByteHandle() {
    try {
      return MethodHandles.privateLookupIn(TSParser.class, MethodHandles.lookup())
          .findStatic(
              TSParser.class, "ts_node_end_byte", MethodType.methodType(int.class, TSNode.class));
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  private boolean checkStartByteHandle() {
    if (START_BYTE == null) {
      return false;
    }
    byte[] probe = "if a:\n    b = c(d)\n".getBytes(StandardCharsets.UTF_8);
    try (TSTree tree = parseTree(probe)) {
      TSNode node = tree.getRootNode();
      while (node.getChildCount() > 0) {
        node = node.getChild(node.getChildCount() - 1);
        if ((int) START_BYTE.get(node) != node.getStartByte()) {
          return false;
        }
      }
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static VarHandle startByteHandle() {
    // TSNode keeps tree-sitter's node context in Java fields; context[0] is the start byte. Reading
    // it saves a JNI call per node. The layout is checked against getStartByte() at construction.
    try {
      return MethodHandles.privateLookupIn(TSNode.class, MethodHandles.lookup())
          .findVarHandle(TSNode.class, "context0", int.class);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  private String intern(String s) {
    return names.computeIfAbsent(s, k -> k);
  }

  private String internNullable(String s) {
    return s == null ? null : intern(s);
  }

  @Override
  public void close() {
    namedNodes.close();
    parser.close();
    language.close();
  }

  /** Kinds, fields and nesting of the named nodes, read from tree-sitter's S-expression. */
  private static final class Skeleton {
    String[] kind;
    String[] field;
    int[] parent;
    int[] childIndex;
    int size;

    static Skeleton parse(String sexp, Map<String, String> names) {
      int capacity = 16;
      for (int i = 0; i < sexp.length(); i++) {
        if (sexp.charAt(i) == '(') {
          capacity++;
        }
      }
      Skeleton s = new Skeleton();
      s.kind = new String[capacity];
      s.field = new String[capacity];
      s.parent = new int[capacity];
      s.childIndex = new int[capacity];
      int[] stack = new int[64];
      int[] children = new int[64];
      int depth = 0;
      String pendingField = null;
      int len = sexp.length();
      int i = 0;
      while (i < len) {
        char c = sexp.charAt(i);
        if (c == '(') {
          int j = i + 1;
          while (j < len && sexp.charAt(j) != ' ' && sexp.charAt(j) != ')') {
            j++;
          }
          String type = names.computeIfAbsent(sexp.substring(i + 1, j), k -> k);
          if (type.equals("MISSING") || type.equals("UNEXPECTED") || type.equals("ERROR")) {
            return null;
          }
          int self = s.size++;
          s.kind[self] = type;
          s.field[self] = pendingField;
          s.parent[self] = depth == 0 ? -1 : stack[depth - 1];
          s.childIndex[self] = depth == 0 ? -1 : children[depth - 1]++;
          if (depth == stack.length) {
            stack = Arrays.copyOf(stack, depth * 2);
            children = Arrays.copyOf(children, depth * 2);
          }
          stack[depth] = self;
          children[depth] = 0;
          depth++;
          pendingField = null;
          i = j;
        } else if (c == ')') {
          if (depth == 0) {
            return null;
          }
          depth--;
          i++;
        } else if (c == ' ') {
          i++;
        } else {
          int colon = sexp.indexOf(": ", i);
          if (colon < 0) {
            return null;
          }
          String name = sexp.substring(i, colon);
          for (int k = 0; k < name.length(); k++) {
            char ch = name.charAt(k);
            if (!(Character.isLetterOrDigit(ch) || ch == '_')) {
              return null;
            }
          }
          pendingField = names.computeIfAbsent(name, k -> k);
          i = colon + 2;
        }
      }
      return depth == 0 && s.size > 0 ? s : null;
    }
  }

  /** Growable columns for the cursor walk, whose node count is not known up front. */
  private static final class Growable {
    String[] kind = new String[256];
    String[] field = new String[256];
    int[] start = new int[256];
    int[] end = new int[256];
    int[] parent = new int[256];
    int[] childIndex = new int[256];
    int size;

    int add(String k, String f, int s, int e, int p, int ci) {
      if (size == kind.length) {
        int cap = size * 2;
        kind = Arrays.copyOf(kind, cap);
        field = Arrays.copyOf(field, cap);
        start = Arrays.copyOf(start, cap);
        end = Arrays.copyOf(end, cap);
        parent = Arrays.copyOf(parent, cap);
        childIndex = Arrays.copyOf(childIndex, cap);
      }
      kind[size] = k;
      field[size] = f;
      start[size] = s;
      end[size] = e;
      parent[size] = p;
      childIndex[size] = ci;
      return size++;
    }

    SyntaxTree tree(byte[] source) {
      return new SyntaxTree(
          source,
          Arrays.copyOf(kind, size),
          Arrays.copyOf(field, size),
          Arrays.copyOf(start, size),
          Arrays.copyOf(end, size),
          Arrays.copyOf(parent, size),
          Arrays.copyOf(childIndex, size));
    }
  }
}
