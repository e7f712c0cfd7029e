package io.codeanatomy.extract;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Scopes and symbol flags as CPython's {@code symtable} computes them ({@code symtable_oracle.py}
 * run by {@code python3}) and ours in the same shape: scopes {@code path, type:name:line#n},
 * symbols {@code path, scope key, name, flags}.
 */
record SymtableOracle(
    Set<String> scopes, Set<String> symbols, Set<String> names, Set<String> unparseable) {
  private static final List<String> FLAGS =
      List.of(
          "param",
          "local",
          "global",
          "declared_global",
          "nonlocal",
          "free",
          "cell",
          "imported",
          "assigned",
          "referenced",
          "annotated");

  /** Runs the oracle script on {@code paths} (all files when empty); null without python3. */
  static SymtableOracle cpython(Path root, List<String> paths)
      throws IOException, InterruptedException {
    Path script;
    try {
      script = Path.of(SymtableOracle.class.getResource("/symtable_oracle.py").toURI());
    } catch (URISyntaxException e) {
      throw new IOException(e);
    }
    List<String> command = new ArrayList<>(List.of("python3", script.toString(), root.toString()));
    command.addAll(paths);
    Process process;
    try {
      process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException e) {
      return null;
    }
    byte[] out = process.getInputStream().readAllBytes();
    if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
      return null;
    }
    Set<String> scopes = new HashSet<>();
    Set<String> symbols = new HashSet<>();
    Set<String> names = new HashSet<>();
    Set<String> unparseable = new HashSet<>();
    for (String line : new String(out, StandardCharsets.UTF_8).split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      String rest = line.substring(2);
      switch (line.charAt(0)) {
        case 'S' -> scopes.add(rest);
        case 'Y' -> symbols.add(rest);
        case 'N' -> names.add(rest);
        case 'U' -> unparseable.add(rest);
        default -> throw new IOException("unexpected oracle output: " + line);
      }
    }
    return new SymtableOracle(scopes, symbols, names, unparseable);
  }

  static SymtableOracle ours(Extraction extraction) {
    Table files = Table.of(extraction, ExtractionTables.FILES);
    Map<Object, String> pathById = new HashMap<>();
    Set<String> unparseable = new HashSet<>();
    for (Object[] f : files.rows()) {
      pathById.put(files.get(f, "file_id"), (String) files.get(f, "path"));
      if (files.get(f, "parse_ok").equals(false)) {
        unparseable.add((String) files.get(f, "path"));
      }
    }
    Table scopeTable = Table.of(extraction, ExtractionTables.SCOPES);
    Map<Object, Integer> entry = entryOffsets(extraction);
    // CPython lists scopes in the order it enters them: depth first, children by entry offset.
    Map<Object, List<Object[]>> children = new HashMap<>();
    List<Object[]> modules = new ArrayList<>();
    for (Object[] s : scopeTable.rows()) {
      Object parent = scopeTable.get(s, "parent_scope_id");
      if (parent == null) {
        modules.add(s);
      } else {
        children.computeIfAbsent(parent, k -> new ArrayList<>()).add(s);
      }
    }
    Comparator<Object[]> byEntry =
        Comparator.comparingInt(r -> entry.get(scopeTable.get(r, "node_id")));
    List<Object[]> ordered = new ArrayList<>();
    java.util.Deque<Object[]> stack = new java.util.ArrayDeque<>(modules);
    while (!stack.isEmpty()) {
      Object[] s = stack.pop();
      ordered.add(s);
      List<Object[]> kids =
          new ArrayList<>(children.getOrDefault(scopeTable.get(s, "scope_id"), List.of()));
      kids.sort(byEntry.reversed());
      kids.forEach(stack::push);
    }
    Map<Object, String> keyById = new HashMap<>();
    Map<String, Integer> seen = new HashMap<>();
    Set<String> scopes = new HashSet<>();
    for (Object[] s : ordered) {
      String path = pathById.get(scopeTable.get(s, "file_id"));
      String kind = (String) scopeTable.get(s, "kind");
      String name = (String) scopeTable.get(s, "name");
      String type =
          switch (kind) {
            case "MODULE" -> "module";
            case "CLASS" -> "class";
            default -> "function";
          };
      if (kind.equals("MODULE")) {
        name = "top";
      } else if (name.startsWith("<")) {
        name = name.substring(1, name.length() - 1);
      }
      int line = kind.equals("MODULE") ? 0 : (Integer) scopeTable.get(s, "start_line");
      String base = type + ":" + name + ":" + line;
      int n = seen.merge(path + "\t" + base, 1, Integer::sum) - 1;
      String key = path + "\t" + base + "#" + n;
      keyById.put(scopeTable.get(s, "scope_id"), key);
      scopes.add(key);
    }
    Table symbolTable = Table.of(extraction, ExtractionTables.SYMBOLS);
    Set<String> symbols = new HashSet<>();
    for (Object[] y : symbolTable.rows()) {
      List<String> flags = new ArrayList<>();
      for (String flag : FLAGS) {
        if (Boolean.TRUE.equals(symbolTable.get(y, "is_" + flag))) {
          flags.add(flag);
        }
      }
      symbols.add(
          keyById.get(symbolTable.get(y, "scope_id"))
              + "\t"
              + symbolTable.get(y, "name")
              + "\t"
              + String.join(",", flags));
    }
    Table refs = Table.of(extraction, ExtractionTables.NAME_REFS);
    Set<String> names = new HashSet<>();
    for (Object[] r : refs.rows()) {
      names.add(
          pathById.get(refs.get(r, "file_id"))
              + "\t"
              + refs.get(r, "start_line")
              + ":"
              + refs.get(r, "start_col")
              + "\t"
              + refs.get(r, "ctx"));
    }
    return new SymtableOracle(scopes, symbols, names, unparseable);
  }

  /**
   * Where CPython's symtable enters each scope, which fixes the order of scopes it lists: a
   * function, lambda or class after its defaults, annotations and bases (at its body), a
   * comprehension after its first iterable.
   */
  private static Map<Object, Integer> entryOffsets(Extraction extraction) {
    Table nodes = Table.of(extraction, ExtractionTables.AST_NODES);
    Map<Object, Object[]> byId = new HashMap<>();
    Map<Object, List<Object[]>> children = new HashMap<>();
    for (Object[] n : nodes.rows()) {
      byId.put(nodes.get(n, "node_id"), n);
      children.computeIfAbsent(nodes.get(n, "parent_id"), k -> new ArrayList<>()).add(n);
    }
    Map<Object, Integer> out = new HashMap<>();
    for (Object[] n : nodes.rows()) {
      Object id = nodes.get(n, "node_id");
      int offset = (Integer) nodes.get(n, "bstart");
      for (Object[] c : children.getOrDefault(id, List.of())) {
        if ("body".equals(nodes.get(c, "field"))
            && !((String) nodes.get(n, "kind")).endsWith("comprehension")
            && !nodes.get(n, "kind").equals("generator_expression")) {
          offset = (Integer) nodes.get(c, "bstart");
          break;
        }
        if (nodes.get(c, "kind").equals("for_in_clause")) {
          for (Object[] r : children.getOrDefault(nodes.get(c, "node_id"), List.of())) {
            if ("right".equals(nodes.get(r, "field"))) {
              offset = (Integer) nodes.get(r, "bend");
            }
          }
          break;
        }
      }
      out.put(id, offset);
    }
    return out;
  }

  /** Agreement of two sides on the files both parsed. */
  record Agreement(String what, int common, List<String> missed, List<String> extra) {
    double ratio() {
      int union = common + missed.size() + extra.size();
      return union == 0 ? 1.0 : (double) common / union;
    }

    String report() {
      StringBuilder out = new StringBuilder();
      out.append(
          String.format(
              "%s: %.4f agreement (%d equal, %d only CPython's, %d only ours)%n",
              what, ratio(), common, missed.size(), extra.size()));
      missed.stream().limit(40).forEach(m -> out.append("  cpython-only ").append(m).append('\n'));
      extra.stream().limit(40).forEach(m -> out.append("  ours-only    ").append(m).append('\n'));
      return out.toString();
    }
  }

  static Agreement compare(String what, Set<String> cpython, Set<String> ours, Set<String> skip) {
    int common = 0;
    List<String> missed = new ArrayList<>();
    for (String s : cpython) {
      if (skip.contains(s.substring(0, s.indexOf('\t')))) {
        continue;
      }
      if (ours.contains(s)) {
        common++;
      } else {
        missed.add(s);
      }
    }
    List<String> extra = new ArrayList<>();
    for (String s : ours) {
      if (!skip.contains(s.substring(0, s.indexOf('\t'))) && !cpython.contains(s)) {
        extra.add(s);
      }
    }
    missed.sort(null);
    extra.sort(null);
    return new Agreement(what, common, missed, extra);
  }

  /** Scope and symbol agreement on files neither side failed to parse, with a printed report. */
  static Agreement[] agreement(String corpus, SymtableOracle cpython, SymtableOracle ours) {
    Set<String> skip = new LinkedHashSet<>(cpython.unparseable);
    skip.addAll(ours.unparseable);
    Agreement scopes = compare(corpus + " scopes", cpython.scopes, ours.scopes, skip);
    Agreement symbols = compare(corpus + " symbols", cpython.symbols, ours.symbols, skip);
    Agreement names = compare(corpus + " name_refs", cpython.names, ours.names, skip);
    System.out.print(scopes.report());
    System.out.print(symbols.report());
    System.out.print(names.report());
    return new Agreement[] {scopes, symbols, names};
  }
}
