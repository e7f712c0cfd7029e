package io.codeanatomy.extract.parse;

import java.nio.charset.StandardCharsets;

/**
 * The named nodes of a parsed file in pre-order, copied out of tree-sitter once. Node {@code 0} is
 * the root {@code module}; a node's parent always precedes it. Reading this mirror costs nothing,
 * whereas every access to a native node costs microseconds.
 */
public final class SyntaxTree {
  private final byte[] source;
  private final LineIndex lines;
  private final String[] kind;
  private final String[] field;
  private final int[] start;
  private final int[] end;
  private final int[] parent;
  private final int[] childIndex;
  private final int[] firstChild;
  private final int[] nextSibling;

  SyntaxTree(
      byte[] source,
      String[] kind,
      String[] field,
      int[] start,
      int[] end,
      int[] parent,
      int[] childIndex) {
    this.source = source;
    this.lines = new LineIndex(source);
    this.kind = kind;
    this.field = field;
    this.start = start;
    this.end = end;
    this.parent = parent;
    this.childIndex = childIndex;
    int n = kind.length;
    this.firstChild = new int[n];
    this.nextSibling = new int[n];
    java.util.Arrays.fill(firstChild, -1);
    java.util.Arrays.fill(nextSibling, -1);
    int[] lastChild = new int[n];
    java.util.Arrays.fill(lastChild, -1);
    for (int i = 1; i < n; i++) {
      int p = parent[i];
      if (lastChild[p] < 0) {
        firstChild[p] = i;
      } else {
        nextSibling[lastChild[p]] = i;
      }
      lastChild[p] = i;
    }
  }

  public int size() {
    return kind.length;
  }

  public String kind(int node) {
    return kind[node];
  }

  /** The tree-sitter field name under the parent, or null. */
  public String field(int node) {
    return field[node];
  }

  public int start(int node) {
    return start[node];
  }

  public int end(int node) {
    return end[node];
  }

  /** The parent node, or -1 for the root. */
  public int parent(int node) {
    return parent[node];
  }

  /** The index among the parent's named children, or -1 for the root. */
  public int childIndex(int node) {
    return childIndex[node];
  }

  /** The first named child, or -1. */
  public int firstChild(int node) {
    return firstChild[node];
  }

  /** The next named sibling, or -1. */
  public int nextSibling(int node) {
    return nextSibling[node];
  }

  /** The first named child under {@code name}, or -1. */
  public int child(int node, String name) {
    for (int c = firstChild[node]; c >= 0; c = nextSibling[c]) {
      if (name.equals(field[c])) {
        return c;
      }
    }
    return -1;
  }

  /** The source text of the node. */
  public String text(int node) {
    return new String(source, start[node], end[node] - start[node], StandardCharsets.UTF_8);
  }

  /** The number of named nodes on the longest root-to-leaf path. */
  public int maxDepth() {
    int[] depth = new int[kind.length];
    int max = kind.length > 0 ? 1 : 0;
    for (int i = 1; i < kind.length; i++) {
      depth[i] = depth[parent[i]] + 1;
      max = Math.max(max, depth[i] + 1);
    }
    return max;
  }

  public byte[] source() {
    return source;
  }

  public LineIndex lines() {
    return lines;
  }
}
