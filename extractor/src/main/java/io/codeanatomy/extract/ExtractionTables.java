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
  public static final String SYMBOLS = "symbols";
  public static final String PARAMS = "params";
  public static final String NAME_REFS = "name_refs";
  public static final String CALL_ARGS = "call_args";

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
          .add("start_line", INT, NOT_NULL)
          .add("enclosing_node_id", STRING, NULLABLE)
          .add("owner_scope_id", STRING, NOT_NULL);

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
          .add("start_col", INT, NOT_NULL)
          .add("enclosing_node_id", STRING, NULLABLE);

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

  public static final StructType SYMBOLS_SCHEMA =
      new StructType()
          .add("symbol_id", STRING, NOT_NULL)
          .add("file_id", STRING, NOT_NULL)
          .add("scope_id", STRING, NOT_NULL)
          .add("name", STRING, NOT_NULL)
          .add("is_param", BOOL, NOT_NULL)
          .add("is_local", BOOL, NOT_NULL)
          .add("is_global", BOOL, NOT_NULL)
          .add("is_declared_global", BOOL, NOT_NULL)
          .add("is_nonlocal", BOOL, NOT_NULL)
          .add("is_free", BOOL, NOT_NULL)
          .add("is_cell", BOOL, NOT_NULL)
          .add("is_imported", BOOL, NOT_NULL)
          .add("is_assigned", BOOL, NOT_NULL)
          .add("is_referenced", BOOL, NOT_NULL)
          .add("is_annotated", BOOL, NOT_NULL)
          .add("binding_scope_id", STRING, NULLABLE);

  public static final StructType PARAMS_SCHEMA =
      new StructType()
          .add("param_id", STRING, NOT_NULL)
          .add("file_id", STRING, NOT_NULL)
          .add("scope_id", STRING, NOT_NULL)
          .add("def_id", STRING, NULLABLE)
          .add("name", STRING, NOT_NULL)
          .add("index", INT, NOT_NULL)
          .add("kind", STRING, NOT_NULL)
          .add("default_text", STRING, NULLABLE)
          .add("annotation_text", STRING, NULLABLE)
          .add("node_id", STRING, NOT_NULL)
          .add("bstart", INT, NOT_NULL)
          .add("bend", INT, NOT_NULL)
          .add("start_line", INT, NOT_NULL)
          .add("start_col", INT, NOT_NULL);

  public static final StructType NAME_REFS_SCHEMA =
      new StructType()
          .add("ref_id", STRING, NOT_NULL)
          .add("file_id", STRING, NOT_NULL)
          .add("scope_id", STRING, NOT_NULL)
          .add("name", STRING, NOT_NULL)
          .add("symbol_id", STRING, NULLABLE)
          .add("ctx", STRING, NOT_NULL)
          .add("binding_scope_id", STRING, NULLABLE)
          .add("resolution", STRING, NOT_NULL)
          .add("bstart", INT, NOT_NULL)
          .add("bend", INT, NOT_NULL)
          .add("start_line", INT, NOT_NULL)
          .add("start_col", INT, NOT_NULL)
          .add("enclosing_node_id", STRING, NULLABLE);

  public static final StructType CALL_ARGS_SCHEMA =
      new StructType()
          .add("arg_id", STRING, NOT_NULL)
          .add("file_id", STRING, NOT_NULL)
          .add("call_id", STRING, NOT_NULL)
          .add("index", INT, NOT_NULL)
          .add("keyword", STRING, NULLABLE)
          .add("is_star", BOOL, NOT_NULL)
          .add("is_double_star", BOOL, NOT_NULL)
          .add("value_text", STRING, NOT_NULL)
          .add("value_node_id", STRING, NULLABLE)
          .add("bstart", INT, NOT_NULL)
          .add("bend", INT, NOT_NULL)
          .add("start_line", INT, NOT_NULL)
          .add("start_col", INT, NOT_NULL);

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
    register(SYMBOLS, SYMBOLS_SCHEMA, "symbol_id");
    register(PARAMS, PARAMS_SCHEMA, "param_id");
    register(NAME_REFS, NAME_REFS_SCHEMA, "ref_id");
    register(CALL_ARGS, CALL_ARGS_SCHEMA, "arg_id");
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
