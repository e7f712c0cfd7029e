package io.codeanatomy.extract;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * CPython's view of a directory's definitions, from {@code defs_oracle.py} run by {@code python3},
 * and ours in the same shape: {@code path, kind, qualname, line, col}.
 */
record DefsOracle(Set<String> defs, Set<String> unparseable) {

  /** Runs the oracle script; null when no python3 (3.11+) can run it. */
  static DefsOracle cpython(Path root) throws IOException, InterruptedException {
    Path script;
    try {
      script = Path.of(DefsOracle.class.getResource("/defs_oracle.py").toURI());
    } catch (URISyntaxException e) {
      throw new IOException(e);
    }
    Process process;
    try {
      process =
          new ProcessBuilder("python3", script.toString(), root.toString())
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
    } catch (IOException e) {
      return null;
    }
    byte[] out = process.getInputStream().readAllBytes();
    if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
      return null;
    }
    Set<String> defs = new HashSet<>();
    Set<String> unparseable = new HashSet<>();
    for (String line : new String(out, StandardCharsets.UTF_8).split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      String[] parts = line.split("\t");
      if (parts.length == 2 && parts[1].equals("UNPARSEABLE")) {
        unparseable.add(parts[0]);
      } else {
        defs.add(line);
      }
    }
    return new DefsOracle(defs, unparseable);
  }

  static DefsOracle ours(Extraction extraction) {
    Table files = Table.of(extraction, ExtractionTables.FILES);
    Map<Object, Object> pathById = new HashMap<>();
    Set<String> unparseable = new HashSet<>();
    for (Object[] f : files.rows()) {
      pathById.put(files.get(f, "file_id"), files.get(f, "path"));
      if (files.get(f, "parse_ok").equals(false)) {
        unparseable.add((String) files.get(f, "path"));
      }
    }
    Table defs = Table.of(extraction, ExtractionTables.DEFS);
    Set<String> out = new HashSet<>();
    for (Object[] d : defs.rows()) {
      out.add(
          String.join(
              "\t",
              List.of(
                  String.valueOf(pathById.get(defs.get(d, "file_id"))),
                  String.valueOf(defs.get(d, "kind")),
                  String.valueOf(defs.get(d, "qualname")),
                  String.valueOf(defs.get(d, "start_line")),
                  String.valueOf(defs.get(d, "start_col")))));
    }
    return new DefsOracle(out, unparseable);
  }

  /** Definitions of one side missing on the other, limited to files both sides parsed. */
  static List<String> missing(DefsOracle from, DefsOracle in) {
    List<String> out = new ArrayList<>();
    for (String d : from.defs) {
      String path = d.substring(0, d.indexOf('\t'));
      if (!in.unparseable.contains(path)
          && !from.unparseable.contains(path)
          && !in.defs.contains(d)) {
        out.add(d);
      }
    }
    out.sort(null);
    return out;
  }

  static Path findUp(String relative) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(relative);
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
