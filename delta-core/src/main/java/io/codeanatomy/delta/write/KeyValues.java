package io.codeanatomy.delta.write;

import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.ByteType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.ShortType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;

/**
 * Key values in one canonical form, so that keys from the caller and keys read back from Parquet
 * hash and compare alike: every integral type (dates and timestamps included) becomes a {@code
 * Long}; strings stay strings and order by their UTF-8 bytes, as Parquet statistics do.
 */
final class KeyValues {
  /** Orders canonical key values of one column. */
  static final Comparator<Object> ORDER = KeyValues::compare;

  private KeyValues() {}

  /** True when a column of this type can be part of a key. */
  static boolean supports(DataType type) {
    return type instanceof StringType || type instanceof BooleanType || isIntegral(type);
  }

  static Object canonical(DataType type, Object value) {
    if (value == null) {
      return null;
    }
    if (isIntegral(type)) {
      return ((Number) value).longValue();
    }
    return value;
  }

  /**
   * A hash of a canonical value that is the same in every JVM and run, so a bucket holds the same
   * owners across commits ({@code String#hashCode} and {@code Long#hashCode} are specified).
   */
  static int stableHash(Object canonical) {
    int h = canonical.hashCode();
    // Spread the bits (murmur3 finalizer) so similar strings land in different buckets.
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }

  static boolean isIntegral(DataType type) {
    return type instanceof LongType
        || type instanceof IntegerType
        || type instanceof ShortType
        || type instanceof ByteType
        || type instanceof DateType
        || type instanceof TimestampType
        || type instanceof TimestampNTZType;
  }

  private static int compare(Object a, Object b) {
    if (a instanceof String x && b instanceof String y) {
      byte[] p = x.getBytes(StandardCharsets.UTF_8);
      byte[] q = y.getBytes(StandardCharsets.UTF_8);
      return java.util.Arrays.compareUnsigned(p, q);
    }
    if (a instanceof Long x && b instanceof Long y) {
      return Long.compare(x, y);
    }
    return Boolean.compare((Boolean) a, (Boolean) b);
  }
}
