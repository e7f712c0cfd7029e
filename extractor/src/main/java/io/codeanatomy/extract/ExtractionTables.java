package io.codeanatomy.extract;

import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Delta schemas of the extraction tables, exactly as {@code docs/data-model.md} specifies them,
 * and each table's primary key. Rows in an {@link Extraction} follow these column orders.
 */
public final class ExtractionTables {
  public static final String FILES = "files";
  public static final String PARSE_ERRORS = "parse_errors";
  public static final String AST_NODES = "ast_nodes";
  public static final String SCOPES = "scopes";
  public static final String DEFS = "defs";
  public static final String CALLS = "calls";
  public static final String IMPORTS = "imports";

  private static final DataType STRING = StringType.STRING;
  private static final DataType INT = IntegerType.INTEGER;
  private static final DataType LONG = LongType.LONG;
  private static final DataType BOOL = BooleanType.BOOLEAN;
  private static final DataType STRINGS = new ArrayType(StringType.STRING, false);
  private static final boolean NULLABLE = true;
  private static final boolean NOT_NULL = false;

  public static final StructType FILES_SCHEMA =
      new StructType()
          .add("file_id", STRING, NOT_NULL)
          .add("path", STRING, NOT_NULL)
          .add("module", STRING, NULLABLE)
          .add("is_package", BOOL, NOT_NULL)
          .add("size_bytes", LONG, NOT_NULL)
          .add("content_hash", STRING, NOT_NULL)
          .add("line_count", INT, NULLABLE)
          .add("parse_ok", BOOL, NOT_NULL)
          .add("error", STRING, NULLABLE);

  public static final StructType PARSE_ERRORS_SCHEMA =
      new StructType()
          .add("error_id", STRING, NOT_NULL)
          .add("file_id", STRING, NOT_NULL)
          .add("path", STRING, NOT_NULL)
          .add("kind", STRING, NOT_NULL)
          .add("message", STRING, NOT_NULL)
          .add("bstart", INT, NULLABLE)
          .add("bend", INT, NULLABLE)
          .add("line", INT, NULLABLE)
          .add("col", INT, NULLABLE);

  public static final StructType AST_NODES_SCHEMA =
      new StructType()
          .add("node_id", STRING, NOT_NULL)
          .add("file_id", STRING, NOT_NULL)
          .add("parent_id", STRING, NULLABLE)
          .add("child_index", INT, NULLABLE)
          .add("field", STRING, NULLABLE)
          .add("kind", STRING, NOT_NULL)
          .add("bstart", INT, NOT_NULL)
          .add("bend", INT, NOT_NULL)
          .add("start_line", INT, NOT_NULL)
          .add("start_col", INT, NOT_NULL)
          .add("end_line", INT, NOT_NULL)
          .add("end_col", INT, NOT_NULL)
          .add("scope_id", STRING, NULLABLE);

  public static final StructType SCOPES_SCHEMA =
      new StructType()
          .add("scope_id", STRING, NOT_NULL)
          .add("file_id", STRING, NOT_NULL)
          .add("parent_scope_id", STRING, NULLABLE)
          .add("kind", STRING, NOT_NULL)
          .add("name", STRING, NOT_NULL)
          .add("qualname", STRING, NOT_NULL)
          .add("node_id", STRING, NOT_NULL)
          .add("bstart", INT, NOT_NULL)
          .add("bend", INT, NOT_NULL)
          .add("start_line", INT, NOT_NULL);

  public static final StructType DEFS_SCHEMA =
      new StructType()
          .add("def_id", STRING, NOT_NULL)
          .add("file_id", STRING, NOT_NULL)
          .add("scope_id", STRING, NOT_NULL)
          .add("body_scope_id", STRING, NOT_NULL)
          .add("kind", STRING, NOT_NULL)
          .add("name", STRING, NOT_NULL)
          .add("qualname", STRING, NOT_NULL)
          .add("is_async", BOOL, NOT_NULL)
          .add("node_id", STRING, NOT_NULL)
          .add("bstart", INT, NOT_NULL)
          .add("bend", INT, NOT_NULL)
          .add("start_line", INT, NOT_NULL)
          .add("start_col", INT, NOT_NULL)
          .add("decorators", STRINGS, NOT_NULL)
          .add("bases", STRINGS, NOT_NULL);

  public static final StructType CALLS_SCHEMA =
      new StructType()
          .add("call_id", STRING, NOT_NULL)
          .add("file_id", STRING, NOT_NULL)
          .add("scope_id", STRING, NOT_NULL)
          .add("callee_text", STRING, NOT_NULL)
          .add("callee_name", STRING, NULLABLE)
          .add("receiver_text", STRING, NULLABLE)
          .add("arg_count", INT, NOT_NULL)
          .add("bstart", INT, NOT_NULL)
          .add("bend", INT, NOT_NULL)
          .add("start_line", INT, NOT_NULL)
          .add("start_col", INT, NOT_NULL);

  public static final StructType IMPORTS_SCHEMA =
      new StructType()
          .add("import_id", STRING, NOT_NULL)
          .add("file_id", STRING, NOT_NULL)
          .add("scope_id", STRING, NOT_NULL)
          .add("kind", STRING, NOT_NULL)
          .add("module", STRING, NULLABLE)
          .add("name", STRING, NULLABLE)
          .add("alias", STRING, NULLABLE)
          .add("level", INT, NOT_NULL)
          .add("is_star", BOOL, NOT_NULL)
          .add("target_module", STRING, NULLABLE)
          .add("bound_name", STRING, NULLABLE)
          .add("bstart", INT, NOT_NULL)
          .add("bend", INT, NOT_NULL)
          .add("start_line", INT, NOT_NULL);

  private static final Map<String, StructType> SCHEMAS = new LinkedHashMap<>();
  private static final Map<String, String> KEYS = new LinkedHashMap<>();

  static {
    register(FILES, FILES_SCHEMA, "file_id");
    register(PARSE_ERRORS, PARSE_ERRORS_SCHEMA, "error_id");
    register(AST_NODES, AST_NODES_SCHEMA, "node_id");
    register(SCOPES, SCOPES_SCHEMA, "scope_id");
    register(DEFS, DEFS_SCHEMA, "def_id");
    register(CALLS, CALLS_SCHEMA, "call_id");
    register(IMPORTS, IMPORTS_SCHEMA, "import_id");
  }

  private ExtractionTables() {}

  private static void register(String table, StructType schema, String key) {
    SCHEMAS.put(table, schema);
    KEYS.put(table, key);
  }

  /** Every table name, in a fixed order ({@code files} first). */
  public static List<String> names() {
    return List.copyOf(SCHEMAS.keySet());
  }

  /** The schema of {@code table}; fails for a name that is not an extraction table. */
  public static StructType schema(String table) {
    return require(SCHEMAS, table);
  }

  /** The primary key column of {@code table} (always the first column). */
  public static String primaryKey(String table) {
    return require(KEYS, table);
  }

  private static <T> T require(Map<String, T> map, String table) {
    T value = map.get(table);
    if (value == null) {
      throw new IllegalArgumentException(
          "unknown extraction table '" + table + "'; known tables: " + SCHEMAS.keySet());
    }
    return value;
  }
}
