package io.codeanatomy.udf.id;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The one function that turns the parts of an identity into a stable id. The extractor calls it for
 * every row it writes, and the {@code stable_hash_id} SQL function wraps it, so an id computed in a
 * plan equals the id the extractor wrote for the same parts.
 *
 * <p>An id is the lowercase hex of the first 16 bytes of SHA-256 over the parts, each part encoded
 * as UTF-8 and preceded by a tag: {@code 0x01} for a present part, {@code 0x00} for null. The tag
 * and a length prefix keep {@code ("ab","c")} and {@code ("a","bc")} apart and null apart from the
 * empty string.
 */
public final class StableId {
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final int ID_BYTES = 16;

  /**
   * One digest per thread: {@link MessageDigest#getInstance} looks up the provider and constructs
   * reflectively, which cost more than the hashing itself when ids are made per syntax node. {@link
   * MessageDigest#digest()} resets it for the next id.
   */
  private static final ThreadLocal<MessageDigest> SHA_256 =
      ThreadLocal.withInitial(StableId::newSha256);

  private StableId() {}

  /** The id of the given parts; non-string parts are rendered with {@link String#valueOf}. */
  public static String of(Object... parts) {
    MessageDigest sha = SHA_256.get();
    for (Object part : parts) {
      if (part == null) {
        sha.update((byte) 0);
        continue;
      }
      byte[] bytes = String.valueOf(part).getBytes(StandardCharsets.UTF_8);
      sha.update((byte) 1);
      sha.update(intBytes(bytes.length));
      sha.update(bytes);
    }
    byte[] digest = sha.digest();
    char[] out = new char[ID_BYTES * 2];
    for (int i = 0; i < ID_BYTES; i++) {
      out[2 * i] = HEX[(digest[i] >> 4) & 0xf];
      out[2 * i + 1] = HEX[digest[i] & 0xf];
    }
    return new String(out);
  }

  /** {@code file_id}: the repository-relative path with {@code /} separators. */
  public static String fileId(String path) {
    return of("file", path);
  }

  /** {@code node_id}: a syntax node of a file, by kind, byte span and ordinal among equal spans. */
  public static String nodeId(String path, String kind, long bstart, long bend, int ordinal) {
    return of("node", path, kind, bstart, bend, ordinal);
  }

  /**
   * {@code scope_id}: a scope by its file, qualified name, kind and ordinal among scopes of the
   * same qualified name and kind, so it survives edits elsewhere in the file. The path keeps apart
   * two files of one module name ({@code pkg/m.py} and {@code pkg/m/__init__.py}): every id then
   * belongs to one file for life, which is what lets the CPG tables group rows by file.
   */
  public static String scopeId(String path, String qualname, String kind, int ordinal) {
    return of("scope", path, qualname, kind, ordinal);
  }

  /**
   * {@code def_id}: a definition by file, qualified name, kind and ordinal among its namesakes (see
   * {@link #scopeId}).
   */
  public static String defId(String path, String qualname, String kind, int ordinal) {
    return of("def", path, qualname, kind, ordinal);
  }

  /** {@code edge_id}: an edge by kind, endpoints and ordinal among parallel edges. */
  public static String edgeId(String kind, String srcId, String dstId, int ordinal) {
    return of("edge", kind, srcId, dstId, ordinal);
  }

  private static byte[] intBytes(int v) {
    return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
