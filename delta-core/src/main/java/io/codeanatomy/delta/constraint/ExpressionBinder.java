package io.codeanatomy.delta.constraint;

import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.ByteType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.FloatType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.ShortType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Resolves a parsed expression against a table schema and types it the way Spark would, refusing
 * what it cannot evaluate exactly like Spark (implicit casts between strings and numbers, unknown
 * functions, ...) with an {@link UnsupportedExpressionException}: a constraint is enforced as
 * written or not accepted at all.
 *
 * <p>Column names resolve case-insensitively, like Spark's default, an exact match first.
 */
final class ExpressionBinder {
  private final StructType schema;

  ExpressionBinder(StructType schema) {
    this.schema = schema;
  }

  /** Binds a predicate: its type must be BOOLEAN (or the NULL literal). */
  BoundExpression bindPredicate(SqlExpr expr) {
    BoundExpression bound = bind(expr);
    if (bound.type() != SqlType.BOOLEAN && bound.type() != SqlType.NULL) {
      throw new UnsupportedExpressionException(
          "the expression is of type " + bound.type() + ", not BOOLEAN");
    }
    return bound;
  }

  BoundExpression bind(SqlExpr expr) {
    if (expr instanceof SqlExpr.Literal l) {
      return BoundExpression.constant(l.type(), l.value());
    } else if (expr instanceof SqlExpr.ColumnRef c) {
      return column(c);
    } else if (expr instanceof SqlExpr.Negate n) {
      return negate(bind(n.operand()));
    } else if (expr instanceof SqlExpr.Not n) {
      return not(requireBoolean(bind(n.operand()), "NOT"));
    } else if (expr instanceof SqlExpr.Logical l) {
      return logical(l);
    } else if (expr instanceof SqlExpr.Comparison c) {
      return comparison(c.op(), c.left(), c.right());
    } else if (expr instanceof SqlExpr.Arithmetic a) {
      return arithmetic(a.op(), bind(a.left()), bind(a.right()));
    } else if (expr instanceof SqlExpr.IsNull n) {
      return isNull(bind(n.operand()), n.negated());
    } else if (expr instanceof SqlExpr.In in) {
      return in(in);
    } else if (expr instanceof SqlExpr.Between between) {
      return between(between);
    } else if (expr instanceof SqlExpr.Call call) {
      return call(call);
    } else if (expr instanceof SqlExpr.Case c) {
      return caseWhen(c);
    }
    throw new IllegalStateException("unknown expression " + expr);
  }

  private BoundExpression column(SqlExpr.ColumnRef ref) {
    List<Integer> positions = new ArrayList<>();
    StructType struct = schema;
    DataType type = null;
    for (int i = 0; i < ref.path().size(); i++) {
      if (struct == null) {
        throw new UnsupportedExpressionException(
            "`" + String.join(".", ref.path().subList(0, i)) + "` is not a struct column");
      }
      int position = resolve(struct, ref.path().get(i));
      if (position < 0) {
        throw new UnsupportedExpressionException(
            "column `" + ref.display() + "` does not exist in the table's schema");
      }
      positions.add(position);
      StructField field = struct.at(position);
      type = field.getDataType();
      struct = type instanceof StructType nested ? nested : null;
    }
    int[] path = positions.stream().mapToInt(Integer::intValue).toArray();
    DataType columnType = type;
    SqlType sqlType = sqlType(columnType);
    return new BoundExpression(
        sqlType,
        row -> {
          Object value = row;
          for (int position : path) {
            if (value == null) {
              return null; // a field of a null struct is null
            }
            value = ((Object[]) value)[position];
          }
          return fromRow(columnType, value);
        });
  }

  private static int resolve(StructType struct, String name) {
    int exact = struct.indexOf(name);
    if (exact >= 0) {
      return exact;
    }
    int found = -1;
    for (int i = 0; i < struct.length(); i++) {
      if (struct.at(i).getName().equalsIgnoreCase(name)) {
        if (found >= 0) {
          throw new UnsupportedExpressionException(
              "column name `" + name + "` is ambiguous (it matches several columns ignoring case)");
        }
        found = i;
      }
    }
    return found;
  }

  static SqlType sqlType(DataType type) {
    if (type instanceof ByteType
        || type instanceof ShortType
        || type instanceof IntegerType
        || type instanceof LongType) {
      return SqlType.INTEGRAL;
    } else if (type instanceof FloatType || type instanceof DoubleType) {
      return SqlType.FRACTIONAL;
    } else if (type instanceof DecimalType) {
      return SqlType.DECIMAL;
    } else if (type instanceof StringType) {
      return SqlType.STRING;
    } else if (type instanceof BooleanType) {
      return SqlType.BOOLEAN;
    } else if (type instanceof DateType) {
      return SqlType.DATE;
    } else if (type instanceof TimestampType || type instanceof TimestampNTZType) {
      return SqlType.TIMESTAMP;
    }
    return SqlType.OTHER;
  }

  /** A row value (see ObjectColumnVector) in the evaluator's representation. */
  private static Object fromRow(DataType type, Object value) {
    if (value == null) {
      return null;
    }
    return switch (sqlType(type)) {
      case INTEGRAL, TIMESTAMP -> ((Number) value).longValue();
      case FRACTIONAL -> ((Number) value).doubleValue();
      case DECIMAL -> SqlValues.toDecimal((Number) value);
      case DATE ->
          value instanceof LocalDate date
              ? date
              : LocalDate.ofEpochDay(((Number) value).longValue());
      default -> value;
    };
  }

  private static BoundExpression negate(BoundExpression operand) {
    if (!operand.type().isNumeric() && operand.type() != SqlType.NULL) {
      throw new UnsupportedExpressionException("unary minus on " + operand.type());
    }
    return new BoundExpression(
        operand.type() == SqlType.NULL ? SqlType.INTEGRAL : operand.type(),
        row -> {
          Object v = operand.eval(row);
          return v == null ? null : SqlValues.negate(v);
        });
  }

  private static BoundExpression requireBoolean(BoundExpression operand, String where) {
    if (operand.type() != SqlType.BOOLEAN && operand.type() != SqlType.NULL) {
      throw new UnsupportedExpressionException(
          where + " needs a BOOLEAN operand but got " + operand.type());
    }
    return operand;
  }

  private static BoundExpression not(BoundExpression operand) {
    return new BoundExpression(
        SqlType.BOOLEAN,
        row -> {
          Object v = operand.eval(row);
          return v == null ? null : !(Boolean) v;
        });
  }

  /** SQL's three-valued AND / OR: FALSE AND NULL is FALSE, TRUE OR NULL is TRUE. */
  private BoundExpression logical(SqlExpr.Logical logical) {
    String name = logical.and() ? "AND" : "OR";
    BoundExpression left = requireBoolean(bind(logical.left()), name);
    BoundExpression right = requireBoolean(bind(logical.right()), name);
    Boolean dominant = !logical.and(); // FALSE decides an AND, TRUE decides an OR
    return new BoundExpression(
        SqlType.BOOLEAN,
        row -> {
          Object l = left.eval(row);
          if (dominant.equals(l)) {
            return dominant;
          }
          Object r = right.eval(row);
          if (dominant.equals(r)) {
            return dominant;
          }
          return l == null || r == null ? null : !dominant;
        });
  }

  /**
   * Binds a comparison; a string literal compared with a date or timestamp is read as one, as Spark
   * casts it ({@code d >= '2024-01-01'}).
   */
  private BoundExpression comparison(String op, SqlExpr left, SqlExpr right) {
    BoundExpression l = bind(left);
    BoundExpression r = bind(right);
    if (l.type().isDatetime()
        && right instanceof SqlExpr.Literal lit
        && lit.type() == SqlType.STRING) {
      r = datetimeLiteral(l.type(), (String) lit.value());
    } else if (r.type().isDatetime()
        && left instanceof SqlExpr.Literal lit
        && lit.type() == SqlType.STRING) {
      l = datetimeLiteral(r.type(), (String) lit.value());
    }
    return comparison(op, l, r);
  }

  private static BoundExpression datetimeLiteral(SqlType type, String text) {
    SqlExpr.Literal literal = SqlParser.datetime(type == SqlType.DATE ? "DATE" : "TIMESTAMP", text);
    return BoundExpression.constant(literal.type(), literal.value());
  }

  private static BoundExpression comparison(
      String op, BoundExpression left, BoundExpression right) {
    SqlType common = comparableType(op, left, right);
    BoundExpression l = coerce(left, common);
    BoundExpression r = coerce(right, common);
    if (op.equals("<=>")) {
      return new BoundExpression(
          SqlType.BOOLEAN,
          row -> {
            Object a = l.eval(row);
            Object b = r.eval(row);
            if (a == null || b == null) {
              return a == null && b == null;
            }
            return SqlValues.compare(a, b) == 0;
          });
    }
    return new BoundExpression(
        SqlType.BOOLEAN,
        row -> {
          Object a = l.eval(row);
          if (a == null) {
            return null;
          }
          Object b = r.eval(row);
          if (b == null) {
            return null;
          }
          int c = SqlValues.compare(a, b);
          return switch (op) {
            case "=", "==" -> c == 0;
            case "<>", "!=" -> c != 0;
            case "<" -> c < 0;
            case "<=" -> c <= 0;
            case ">" -> c > 0;
            case ">=" -> c >= 0;
            default -> throw new IllegalStateException(op);
          };
        });
  }

  /** The type both sides of a comparison are brought to, or an error when Spark would cast. */
  private static SqlType comparableType(String op, BoundExpression left, BoundExpression right) {
    SqlType a = left.type();
    SqlType b = right.type();
    if (a == SqlType.NULL || b == SqlType.NULL) {
      return a == SqlType.NULL ? b : a;
    }
    if (a.isNumeric() && b.isNumeric()) {
      return SqlType.FRACTIONAL.equals(a) || SqlType.FRACTIONAL.equals(b)
          ? SqlType.FRACTIONAL
          : a == SqlType.DECIMAL || b == SqlType.DECIMAL ? SqlType.DECIMAL : SqlType.INTEGRAL;
    }
    if (a.isDatetime() && b.isDatetime()) {
      return a == b ? a : SqlType.TIMESTAMP;
    }
    if (a == b && a != SqlType.OTHER) {
      return a;
    }
    throw new UnsupportedExpressionException(
        "comparison `"
            + op
            + "` between "
            + a
            + " and "
            + b
            + " needs an implicit cast, which is not supported (compare values of one type,"
            + " e.g. DATE '2024-01-31' rather than '2024-01-31')");
  }

  private static BoundExpression coerce(BoundExpression operand, SqlType target) {
    if (operand.type() == target
        || operand.type() == SqlType.NULL
        || target == SqlType.INTEGRAL
        || target == SqlType.NULL) {
      return operand;
    }
    return new BoundExpression(target, row -> SqlValues.widen(operand.eval(row), target));
  }

  private static BoundExpression arithmetic(char op, BoundExpression left, BoundExpression right) {
    for (BoundExpression side : List.of(left, right)) {
      if (!side.type().isNumeric() && side.type() != SqlType.NULL) {
        throw new UnsupportedExpressionException(
            "arithmetic `" + op + "` on " + side.type() + " is not supported (numbers only)");
      }
    }
    SqlType type = arithmeticType(op, left.type(), right.type());
    return new BoundExpression(
        type,
        row -> {
          Object a = left.eval(row);
          if (a == null) {
            return null;
          }
          Object b = right.eval(row);
          if (b == null) {
            return null;
          }
          return SqlValues.arithmetic(op, type, (Number) a, (Number) b);
        });
  }

  /** Spark's result types: any double makes a double; {@code /} of integers is a double. */
  private static SqlType arithmeticType(char op, SqlType a, SqlType b) {
    if (a == SqlType.FRACTIONAL || b == SqlType.FRACTIONAL) {
      return SqlType.FRACTIONAL;
    }
    if (a == SqlType.DECIMAL || b == SqlType.DECIMAL) {
      return SqlType.DECIMAL;
    }
    return op == '/' ? SqlType.FRACTIONAL : SqlType.INTEGRAL;
  }

  private static BoundExpression isNull(BoundExpression operand, boolean negated) {
    return new BoundExpression(SqlType.BOOLEAN, row -> (operand.eval(row) == null) != negated);
  }

  /** TRUE when an element equals the operand; else NULL when the operand or an element is NULL. */
  private BoundExpression in(SqlExpr.In in) {
    List<BoundExpression> equalities = new ArrayList<>();
    for (SqlExpr value : in.values()) {
      equalities.add(comparison("=", in.operand(), value));
    }
    BoundExpression result =
        new BoundExpression(
            SqlType.BOOLEAN,
            row -> {
              boolean unknown = false;
              for (BoundExpression equality : equalities) {
                Object v = equality.eval(row);
                if (Boolean.TRUE.equals(v)) {
                  return true;
                }
                unknown |= v == null;
              }
              return unknown ? null : false;
            });
    return in.negated() ? not(result) : result;
  }

  private BoundExpression between(SqlExpr.Between between) {
    SqlExpr range =
        new SqlExpr.Logical(
            true,
            new SqlExpr.Comparison(">=", between.operand(), between.low()),
            new SqlExpr.Comparison("<=", between.operand(), between.high()));
    BoundExpression bound = bind(range);
    return between.negated() ? not(bound) : bound;
  }

  private BoundExpression call(SqlExpr.Call call) {
    List<BoundExpression> args = call.args().stream().map(this::bind).toList();
    return switch (call.name()) {
      case "LENGTH", "LEN", "CHAR_LENGTH", "CHARACTER_LENGTH" -> {
        BoundExpression s = stringArgument(call, args);
        yield new BoundExpression(
            SqlType.INTEGRAL,
            row -> {
              Object v = s.eval(row);
              return v == null
                  ? null
                  : (long) ((String) v).codePointCount(0, ((String) v).length());
            });
      }
      case "LOWER", "LCASE", "UPPER", "UCASE" -> {
        BoundExpression s = stringArgument(call, args);
        boolean lower = call.name().startsWith("L");
        yield new BoundExpression(
            SqlType.STRING,
            row -> {
              Object v = s.eval(row);
              if (v == null) {
                return null;
              }
              return lower
                  ? ((String) v).toLowerCase(Locale.ROOT)
                  : ((String) v).toUpperCase(Locale.ROOT);
            });
      }
      case "COALESCE" -> coalesce(args);
      case "NVL", "IFNULL" -> {
        if (args.size() != 2) {
          throw new UnsupportedExpressionException(
              call.name().toLowerCase(Locale.ROOT) + " takes two arguments but got " + args.size());
        }
        yield coalesce(args);
      }
      default ->
          throw new UnsupportedExpressionException(
              "function `"
                  + call.name().toLowerCase(Locale.ROOT)
                  + "` is not supported (supported:"
                  + " length, lower, upper, coalesce, nvl, ifnull)");
    };
  }

  private static BoundExpression stringArgument(SqlExpr.Call call, List<BoundExpression> args) {
    String name = call.name().toLowerCase(Locale.ROOT);
    if (args.size() != 1) {
      throw new UnsupportedExpressionException(name + " takes one argument but got " + args.size());
    }
    SqlType type = args.get(0).type();
    if (type != SqlType.STRING && type != SqlType.NULL) {
      throw new UnsupportedExpressionException(
          name + " of " + type + " is not supported (strings only)");
    }
    return args.get(0);
  }

  private static BoundExpression coalesce(List<BoundExpression> args) {
    if (args.isEmpty()) {
      throw new UnsupportedExpressionException("coalesce needs at least one argument");
    }
    SqlType type = commonType(args, "coalesce");
    List<BoundExpression> coerced = args.stream().map(a -> coerce(a, type)).toList();
    return new BoundExpression(
        type,
        row -> {
          for (BoundExpression arg : coerced) {
            Object v = arg.eval(row);
            if (v != null) {
              return v;
            }
          }
          return null;
        });
  }

  private BoundExpression caseWhen(SqlExpr.Case c) {
    List<BoundExpression> conditions = new ArrayList<>();
    for (SqlExpr condition : c.conditions()) {
      conditions.add(requireBoolean(bind(condition), "CASE WHEN"));
    }
    List<BoundExpression> branches = new ArrayList<>();
    c.results().forEach(r -> branches.add(bind(r)));
    branches.add(bind(c.otherwise()));
    SqlType type = commonType(branches, "CASE");
    List<BoundExpression> results = branches.stream().map(b -> coerce(b, type)).toList();
    return new BoundExpression(
        type,
        row -> {
          for (int i = 0; i < conditions.size(); i++) {
            if (Boolean.TRUE.equals(conditions.get(i).eval(row))) {
              return results.get(i).eval(row);
            }
          }
          return results.get(conditions.size()).eval(row);
        });
  }

  /** The type all branches widen to: the widest number, TIMESTAMP over DATE, or one same type. */
  private static SqlType commonType(List<BoundExpression> args, String where) {
    SqlType common = SqlType.NULL;
    for (BoundExpression arg : args) {
      SqlType t = arg.type();
      if (t == SqlType.NULL || t == common) {
        continue;
      }
      if (common == SqlType.NULL) {
        common = t;
      } else if (common.isNumeric() && t.isNumeric()) {
        common =
            common == SqlType.FRACTIONAL || t == SqlType.FRACTIONAL
                ? SqlType.FRACTIONAL
                : SqlType.DECIMAL;
      } else if (common.isDatetime() && t.isDatetime()) {
        common = SqlType.TIMESTAMP;
      } else {
        throw new UnsupportedExpressionException(
            where + " mixes " + common + " and " + t + ", which needs an implicit cast");
      }
    }
    if (common == SqlType.OTHER) {
      throw new UnsupportedExpressionException(where + " of binary, array, map or struct values");
    }
    return common;
  }
}
