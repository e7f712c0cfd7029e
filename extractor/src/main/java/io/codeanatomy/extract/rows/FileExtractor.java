package io.codeanatomy.extract.rows;

import io.codeanatomy.extract.parse.LineIndex;
import io.codeanatomy.extract.parse.ParsedSource;
import io.codeanatomy.extract.parse.PythonParser;
import io.codeanatomy.extract.parse.SyntaxProblem;
import io.codeanatomy.extract.repo.ContentHash;
import io.codeanatomy.extract.repo.ModuleName;
import io.codeanatomy.extract.repo.SourceFile;
import io.codeanatomy.udf.id.StableId;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Extracts one file: reads it, checks size and encoding, parses it and turns the tree into rows. A
 * file that cannot be read, is too large, is not UTF-8 or does not parse yields its {@code files}
 * row and its {@code parse_errors} rows only, as CPython would refuse to compile it.
 */
public final class FileExtractor {
  private final PythonParser parser;
  private final long maxFileBytes;

  public FileExtractor(PythonParser parser, long maxFileBytes) {
    this.parser = parser;
    this.maxFileBytes = maxFileBytes;
  }

  public FileRows extract(SourceFile file) {
    String path = file.path();
    String fileId = StableId.fileId(path);
    ModuleName module = ModuleName.of(path);
    Problems problems = new Problems(path, fileId);
    String special = notRegular(file);
    if (special != null) {
      problems.add("IO", "cannot read " + path + ": " + special, null, null, null);
      return problems.only(fileRow(fileId, path, module, 0, "", null), problems.first());
    }
    long size;
    try {
      size = Files.size(file.location());
    } catch (IOException e) {
      problems.add("IO", "cannot read " + path + ": " + e, null, null, null);
      return problems.only(fileRow(fileId, path, module, 0, "", null), problems.first());
    }
    if (size > maxFileBytes) {
      String message =
          path + " has " + size + " bytes, more than the limit of " + maxFileBytes + " bytes";
      problems.add("TOO_LARGE", message, null, null, null);
      String hash;
      try {
        hash = ContentHash.of(file.location());
      } catch (IOException e) {
        hash = "";
      }
      return problems.only(fileRow(fileId, path, module, size, hash, null), message);
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file.location());
    } catch (IOException | OutOfMemoryError e) {
      problems.add("IO", "cannot read " + path + ": " + e, null, null, null);
      return problems.only(fileRow(fileId, path, module, size, "", null), problems.first());
    }
    Object[] fileRow =
        fileRow(
            fileId, path, module, bytes.length, ContentHash.of(bytes), LineIndex.lineCount(bytes));
    int invalidAt = firstInvalidUtf8(bytes);
    if (invalidAt >= 0) {
      LineIndex lines = new LineIndex(bytes);
      int line = lines.line(invalidAt);
      int col = lines.col(invalidAt);
      String message =
          "invalid UTF-8 at byte " + invalidAt + " (line " + line + ", col " + col + ")";
      problems.add("ENCODING", message, invalidAt, invalidAt + 1, new int[] {line, col});
      return problems.only(fileRow, message);
    }
    int nul = indexOfNul(bytes);
    if (nul >= 0) {
      LineIndex lines = new LineIndex(bytes);
      int line = lines.line(nul);
      int col = lines.col(nul);
      String message =
          "source code cannot contain null bytes (a NUL byte at line "
              + line
              + ", col "
              + col
              + ")";
      problems.add("SYNTAX", message, nul, nul + 1, new int[] {line, col});
      return problems.only(fileRow, message);
    }
    ParsedSource parsed = parser.parse(bytes);
    if (!parsed.ok()) {
      LineIndex lines = new LineIndex(bytes);
      for (SyntaxProblem p : parsed.problems()) {
        int line = lines.line(p.bstart());
        int col = lines.col(p.bstart());
        problems.add(
            "SYNTAX",
            p.message() + " at line " + line + ", col " + col,
            p.bstart(),
            p.bend(),
            new int[] {line, col});
      }
      int more = parsed.problems().size() - 1;
      String summary = problems.first() + (more > 0 ? " (and " + more + " more)" : "");
      return problems.only(fileRow, summary);
    }
    TreeRows rows = new TreeRows(parsed.tree(), path, fileId, module).build();
    return new FileRows(
        fileRow,
        List.of(),
        sorted(rows.astNodes, 6),
        sorted(rows.scopes, 7),
        sorted(rows.defs, 9),
        sorted(rows.calls, 7),
        sorted(rows.imports, 11),
        rows.symbols(),
        sorted(rows.params, 11),
        sorted(rows.nameRefs(), 8),
        sorted(rows.callArgs, 9));
  }

  /** Why {@code file} must not be opened, or null for a regular file. */
  private static String notRegular(SourceFile file) {
    java.nio.file.Path location = file.location();
    if (Files.isRegularFile(location)) {
      return null;
    }
    if (Files.isSymbolicLink(location)) {
      try {
        location.toRealPath();
      } catch (IOException e) {
        return "it is a symbolic link that does not resolve (" + e + ")";
      }
      return "it is a symbolic link to something that is not a regular file";
    }
    if (Files.isDirectory(location)) {
      return "it is a directory";
    }
    return "it is not a regular file (a FIFO, socket or device), so it is not opened:"
        + " reading it could block";
  }

  private static Object[] fileRow(
      String fileId, String path, ModuleName module, long size, String hash, Integer lineCount) {
    return new Object[] {
      fileId, path, module.module(), module.isPackage(), size, hash, lineCount, true, null
    };
  }

  private static int indexOfNul(byte[] bytes) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        return i;
      }
    }
    return -1;
  }

  /** The offset of the first byte that is not valid UTF-8, or -1. */
  private static int firstInvalidUtf8(byte[] bytes) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(Math.min(bytes.length, 64 * 1024) + 1);
    while (true) {
      CoderResult result = decoder.decode(in, out, true);
      if (result.isError()) {
        return in.position();
      }
      if (result.isOverflow()) {
        out.clear();
        continue;
      }
      return -1;
    }
  }

  private static List<Object[]> sorted(List<Object[]> rows, int bstartColumn) {
    rows.sort(
        Comparator.<Object[]>comparingInt(
                r -> r[bstartColumn] == null ? -1 : (Integer) r[bstartColumn])
            .thenComparing(r -> (String) r[0]));
    return rows;
  }

  /** The {@code parse_errors} rows of a file that yields no tree. */
  private static final class Problems {
    private final String path;
    private final String fileId;
    private final List<Object[]> rows = new ArrayList<>();

    Problems(String path, String fileId) {
      this.path = path;
      this.fileId = fileId;
    }

    void add(String kind, String message, Integer bstart, Integer bend, int[] lineCol) {
      rows.add(
          new Object[] {
            StableId.of("parse_error", path, rows.size()),
            fileId,
            path,
            kind,
            message,
            bstart,
            bend,
            lineCol == null ? null : lineCol[0],
            lineCol == null ? null : lineCol[1]
          });
    }

    String first() {
      return (String) rows.get(0)[4];
    }

    FileRows only(Object[] fileRow, String error) {
      fileRow[7] = false;
      fileRow[8] = error;
      return new FileRows(
          fileRow,
          sorted(rows, 5),
          List.of(),
          List.of(),
          List.of(),
          List.of(),
          List.of(),
          List.of(),
          List.of(),
          List.of(),
          List.of());
    }
  }
}
