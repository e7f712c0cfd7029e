package io.codeanatomy.extract.repo;

import java.util.Set;

/**
 * The Python module a repo-relative path defines: {@code a/b/c.py} is {@code a.b.c}, {@code
 * a/b/__init__.py} is the package {@code a.b}. Directories without {@code __init__.py} count as
 * namespace packages, so every directory contributes its name.
 *
 * @param module the dotted name, or null when some component is not an importable identifier
 * @param qualifier the name qualnames start with: the module, or the dotted path when the path is
 *     not a valid module name (qualnames must never be null)
 * @param isPackage whether the file is an {@code __init__.py}
 */
public record ModuleName(String module, String qualifier, boolean isPackage) {
  private static final Set<String> KEYWORDS =
      Set.of(
          "False",
          "None",
          "True",
          "and",
          "as",
          "assert",
          "async",
          "await",
          "break",
          "class",
          "continue",
          "def",
          "del",
          "elif",
          "else",
          "except",
          "finally",
          "for",
          "from",
          "global",
          "if",
          "import",
          "in",
          "is",
          "lambda",
          "nonlocal",
          "not",
          "or",
          "pass",
          "raise",
          "return",
          "try",
          "while",
          "with",
          "yield");

  public static ModuleName of(String path) {
    String stem = path.endsWith(".py") ? path.substring(0, path.length() - 3) : path;
    boolean isPackage = stem.equals("__init__") || stem.endsWith("/__init__");
    if (isPackage) {
      stem = stem.substring(0, Math.max(0, stem.length() - "/__init__".length()));
    }
    String dotted = stem.replace('/', '.');
    boolean valid = !stem.isEmpty();
    for (String part : stem.split("/", -1)) {
      valid &= isIdentifier(part);
    }
    String qualifier = dotted.isEmpty() ? path : dotted;
    return new ModuleName(valid ? dotted : null, qualifier, isPackage);
  }

  /**
   * The absolute module a {@code from} import with {@code level} leading dots refers to, as
   * CPython's {@code importlib._bootstrap._resolve_name} computes it; null when the file has no
   * package or the dots climb above the top-level package.
   */
  public String resolve(String written, int level) {
    if (level == 0) {
      return written;
    }
    if (module == null) {
      return null;
    }
    String pkg = isPackage ? module : parentOf(module);
    if (pkg.isEmpty()) {
      return null;
    }
    for (int i = 1; i < level; i++) {
      if (!pkg.contains(".")) {
        return null;
      }
      pkg = parentOf(pkg);
    }
    return written == null || written.isEmpty() ? pkg : pkg + "." + written;
  }

  private static String parentOf(String dotted) {
    int dot = dotted.lastIndexOf('.');
    return dot < 0 ? "" : dotted.substring(0, dot);
  }

  private static boolean isIdentifier(String s) {
    if (s.isEmpty() || KEYWORDS.contains(s)) {
      return false;
    }
    int first = s.codePointAt(0);
    if (first != '_' && !Character.isUnicodeIdentifierStart(first)) {
      return false;
    }
    return s.codePoints().skip(1).allMatch(Character::isUnicodeIdentifierPart);
  }
}
