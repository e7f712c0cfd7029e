package io.codeanatomy.job.bench;

import io.codeanatomy.extract.ExtractionTables;
import io.codeanatomy.udf.id.StableId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;

/**
 * Rows shaped like the extractor's {@code ast_nodes} table ({@link
 * ExtractionTables#AST_NODES_SCHEMA}) for a synthetic corpus, the same rows for the same seed: a
 * {@code Module} per file and, below it, statements and expressions with nested byte spans, lines,
 * parents and scopes, ids made by {@link StableId} as the extractor makes them. File sizes vary
 * around the mean as real modules do, so buckets hold uneven numbers of rows.
 */
public final class SyntheticAstNodes {
  /** Files of the corpus, unless there are too few rows to give each about ten nodes. */
  public static final int FILES = 2_000;

  /** Bytes per line of the synthetic sources, to turn byte offsets into lines and columns. */
  private static final int LINE_BYTES = 40;

  private static final List<String> STATEMENTS =
      weighted(
          "Assign",
          25,
          "Expr",
          20,
          "Return",
          8,
          "If",
          8,
          "FunctionDef",
          8,
          "For",
          4,
          "ImportFrom",
          3,
          "Import",
          3,
          "ClassDef",
          2,
          "Pass",
          2);
  private static final List<String> EXPRESSIONS =
      weighted(
          "Name",
          35,
          "Constant",
          20,
          "Call",
          15,
          "Attribute",
          15,
          "BinOp",
          5,
          "Compare",
          5,
          "keyword",
          3,
          "arg",
          2);

  /**
   * The corpus.
   *
   * @param files how many source files the rows belong to
   * @param rows the rows, values in schema order, file by file, each file's nodes in pre-order
   */
  public record Corpus(int files, List<Object[]> rows) {}

  private SyntheticAstNodes() {}

  /** {@code rows} rows (at least one) spread over up to {@link #FILES} files. */
  public static Corpus generate(int rows, long seed) {
    if (rows < 1) {
      throw new IllegalArgumentException("rows must be positive, got " + rows);
    }
    Random random = new Random(seed);
    int files = Math.max(1, Math.min(FILES, rows / 10));
    int[] counts = nodesPerFile(rows, files, random);
    List<Object[]> out = new ArrayList<>(rows);
    for (int f = 0; f < files; f++) {
      new FileNodes(f, random).emit(counts[f], out);
    }
    return new Corpus(files, out);
  }

  /** Node counts per file summing to {@code rows}, at least one each (the module), skewed. */
  private static int[] nodesPerFile(int rows, int files, Random random) {
    double[] weights = new double[files];
    double sum = 0;
    for (int f = 0; f < files; f++) {
      weights[f] = Math.exp(random.nextGaussian() * 0.8); // a few large modules, many small
      sum += weights[f];
    }
    int[] counts = new int[files];
    int assigned = 0;
    for (int f = 0; f < files; f++) {
      counts[f] = 1 + (int) ((rows - files) * weights[f] / sum);
      assigned += counts[f];
    }
    for (int f = 0; assigned < rows; f = (f + 1) % files, assigned++) {
      counts[f]++;
    }
    return counts;
  }

  /** The nodes of one file, generated in pre-order with a stack of the nodes still open. */
  private static final class FileNodes {
    private final String path;
    private final String module;
    private final String fileId;
    private final Random random;
    private int defs;

    FileNodes(int index, Random random) {
      this.module = "pkg" + (index % 40) + ".mod_" + index;
      this.path = module.replace('.', '/') + ".py";
      this.fileId = StableId.fileId(path);
      this.random = random;
    }

    /** An open node: what its children need from it. */
    private record Open(String id, String kind, int bend, String innerScope, int[] children) {}

    void emit(int count, List<Object[]> out) {
      // The module spans the whole file, known only after the last node: its id comes last.
      Object[] module = row(null, null, null, null, "Module");
      module[12] = StableId.scopeId(path, this.module, "module", 0);
      out.add(module);
      List<Object[]> topLevel = new ArrayList<>();
      Deque<Open> open = new ArrayDeque<>();
      open.push(new Open(null, "Module", Integer.MAX_VALUE, (String) module[12], new int[1]));
      int cursor = 0;
      int end = 0; // where the last node to end ends
      for (int n = 1; n < count; n++) {
        cursor += 1 + random.nextInt(12);
        while (open.peek().bend() <= cursor) {
          open.pop();
        }
        Open parent = open.peek();
        boolean body = holdsStatements(parent.kind());
        String kind = pick(body ? STATEMENTS : EXPRESSIONS);
        int bend = Math.max(cursor + 1, Math.min(parent.bend(), cursor + length(kind)));
        // bstart grows with every node, so no two nodes of a file share a span: ordinal 0.
        String id = StableId.nodeId(path, kind, cursor, bend, 0);
        Object[] node = row(id, parent.id(), parent.children()[0]++, field(body, parent), kind);
        node[12] = parent.innerScope();
        setSpan(node, cursor, bend);
        end = Math.max(end, bend);
        out.add(node);
        if (parent.id() == null) {
          topLevel.add(node);
        }
        if (isLeaf(kind)) {
          cursor = bend; // nothing nests in a name or a constant
        } else {
          open.push(new Open(id, kind, bend, innerScope(kind, parent.innerScope()), new int[1]));
        }
      }
      setSpan(module, 0, end + 1);
      module[0] = StableId.nodeId(path, "Module", 0, end + 1, 0);
      topLevel.forEach(node -> node[2] = module[0]);
    }

    private Object[] row(
        String nodeId, String parentId, Integer childIndex, String field, String kind) {
      Object[] row = new Object[ExtractionTables.AST_NODES_SCHEMA.length()];
      row[0] = nodeId;
      row[1] = fileId;
      row[2] = parentId;
      row[3] = childIndex;
      row[4] = field;
      row[5] = kind;
      return row;
    }

    private static void setSpan(Object[] row, int bstart, int bend) {
      row[6] = bstart;
      row[7] = bend;
      row[8] = 1 + bstart / LINE_BYTES;
      row[9] = bstart % LINE_BYTES;
      row[10] = 1 + bend / LINE_BYTES;
      row[11] = bend % LINE_BYTES;
    }

    private String innerScope(String kind, String outer) {
      if (kind.equals("FunctionDef") || kind.equals("ClassDef")) {
        return StableId.scopeId(path, module + ".def_" + defs++, kind, 0);
      }
      return outer;
    }

    private int length(String kind) {
      return switch (kind) {
        case "ClassDef" -> 400 + random.nextInt(3000);
        case "FunctionDef" -> 150 + random.nextInt(1200);
        case "If", "For" -> 50 + random.nextInt(350);
        case "Assign", "Expr", "Return", "Import", "ImportFrom", "Pass" -> 6 + random.nextInt(70);
        default -> 1 + random.nextInt(30);
      };
    }

    private String field(boolean body, Open parent) {
      if (body) {
        return "body";
      }
      return switch (parent.kind()) {
        case "Call" -> parent.children()[0] == 0 ? "func" : "args";
        case "Assign" -> parent.children()[0] == 0 ? "targets" : "value";
        case "BinOp", "Compare" -> parent.children()[0] == 0 ? "left" : "right";
        case "ImportFrom", "Import" -> "names";
        default -> "value";
      };
    }

    private String pick(List<String> kinds) {
      return kinds.get(random.nextInt(kinds.size()));
    }
  }

  private static boolean holdsStatements(String kind) {
    return switch (kind) {
      case "Module", "ClassDef", "FunctionDef", "If", "For" -> true;
      default -> false;
    };
  }

  private static boolean isLeaf(String kind) {
    return kind.equals("Name") || kind.equals("Constant") || kind.equals("Pass");
  }

  /** Each kind repeated by its weight, so a uniform pick follows the weights. */
  private static List<String> weighted(Object... kindsAndWeights) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < kindsAndWeights.length; i += 2) {
      for (int w = 0; w < (Integer) kindsAndWeights[i + 1]; w++) {
        out.add((String) kindsAndWeights[i]);
      }
    }
    return List.copyOf(out);
  }
}
