package io.codeanatomy.job.compile;

import static org.apache.flink.table.api.Expressions.array;
import static org.apache.flink.table.api.Expressions.call;
import static org.apache.flink.table.api.Expressions.coalesce;
import static org.apache.flink.table.api.Expressions.ifThenElse;
import static org.apache.flink.table.api.Expressions.lit;
import static org.apache.flink.table.api.Expressions.map;
import static org.apache.flink.table.api.Expressions.nullOf;
import static org.apache.flink.table.api.Expressions.row;

import io.codeanatomy.spec.DidYouMean;
import io.codeanatomy.spec.SpecException;
import io.codeanatomy.spec.expr.Arithmetic;
import io.codeanatomy.spec.expr.ArrayOf;
import io.codeanatomy.spec.expr.CaseWhen;
import io.codeanatomy.spec.expr.Cast;
import io.codeanatomy.spec.expr.Coalesce;
import io.codeanatomy.spec.expr.ColumnRef;
import io.codeanatomy.spec.expr.Comparison;
import io.codeanatomy.spec.expr.Expr;
import io.codeanatomy.spec.expr.ExprVisitor;
import io.codeanatomy.spec.expr.FunctionCall;
import io.codeanatomy.spec.expr.In;
import io.codeanatomy.spec.expr.Literal;
import io.codeanatomy.spec.expr.Logical;
import io.codeanatomy.spec.expr.MapOf;
import io.codeanatomy.spec.expr.NamedValue;
import io.codeanatomy.spec.expr.Not;
import io.codeanatomy.spec.expr.NullTest;
import io.codeanatomy.spec.expr.Parameter;
import io.codeanatomy.spec.expr.StructOf;
import io.codeanatomy.spec.type.ScalarType;
import io.codeanatomy.spec.type.TypeSpec;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.flink.table.api.ApiExpression;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.types.DataType;

/**
 * Translates spec expressions into Table-API expressions over one input table ({@code context}):
 * only {@code Expressions} factories and {@code ApiExpression} methods, never SQL text. Function
 * names are checked against the environment's catalog up front so a typo is reported at its spec
 * path with a suggestion rather than as a planner stack trace.
 */
final class ExpressionCompiler {
  private final Table context;
  private final Function<String, ApiExpression> columns;
  private final FunctionNames functions;
  private final Map<Integer, Literal> parameters;

  /**
   * @param context the table the expressions are evaluated over; used to learn the types of
   *     sub-expressions where Flink needs them (named structs, CASE without ELSE)
   * @param columns resolves a spec column name (possibly {@code left.x}) to a column expression
   * @param functions every function the environment knows
   * @param parameters the literal bound to each parameter position
   */
  ExpressionCompiler(
      Table context,
      Function<String, ApiExpression> columns,
      FunctionNames functions,
      Map<Integer, Literal> parameters) {
    this.context = context;
    this.columns = columns;
    this.functions = functions;
    this.parameters = parameters;
  }

  /** The Flink expression for {@code expr}; {@code path} locates it in the spec for errors. */
  ApiExpression compile(Expr expr, String path) {
    return expr.accept(new Translator(path));
  }

  /** The data type Flink derives for {@code e} over the context table. */
  DataType typeOf(ApiExpression e) {
    return context.select(e).getResolvedSchema().getColumnDataTypes().get(0);
  }

  private final class Translator implements ExprVisitor<ApiExpression> {
    private final String path;

    Translator(String path) {
      this.path = path;
    }

    private ApiExpression sub(Expr.Child child) {
      return child.expr().accept(new Translator(path + "." + child.step()));
    }

    private List<ApiExpression> subs(Expr e) {
      return e.children().stream().map(this::sub).toList();
    }

    @Override
    public ApiExpression visitColumn(ColumnRef e) {
      return columns.apply(e.name());
    }

    @Override
    public ApiExpression visitLiteral(Literal e) {
      String typeText = e.effectiveType();
      TypeSpec type = TypeSpec.parse(typeText);
      if (e.value() == null) {
        return nullOf(FlinkTypes.of(type.withNullable(true)));
      }
      // Flink rejects nullable types on non-null literals, and would type bare text as CHAR(n),
      // which pads when several literals meet in a CASE or UNION; STRING NOT NULL avoids both.
      return lit(javaValue(e.value(), type), FlinkTypes.of(type.withNullable(false)));
    }

    private Object javaValue(Object value, TypeSpec type) {
      if (!(type instanceof ScalarType s)) {
        throw new SpecException(
            path + ".type", "a literal must have a scalar type, not " + type.render());
      }
      return switch (s.kind()) {
        case TINYINT -> ((Long) value).byteValue();
        case SMALLINT -> ((Long) value).shortValue();
        case INT -> ((Long) value).intValue();
        case BIGINT -> (Long) value;
        case FLOAT -> ((Number) value).floatValue();
        case DOUBLE -> ((Number) value).doubleValue();
        case DATE -> LocalDate.parse((String) value);
        case TIMESTAMP -> LocalDateTime.parse((String) value);
        default -> value;
      };
    }

    @Override
    public ApiExpression visitParameter(Parameter e) {
      Literal bound = parameters.get(e.position());
      if (bound == null) {
        throw new SpecException(path + ".param", "no value is bound to parameter " + e.position());
      }
      return visitLiteral(bound);
    }

    @Override
    public ApiExpression visitCall(FunctionCall e) {
      String name =
          functions
              .resolve(e.function())
              .orElseThrow(
                  () ->
                      new SpecException(
                          path + ".call",
                          "unknown function '"
                              + e.function()
                              + "'"
                              + DidYouMean.hint(e.function(), functions.sqlNames())
                              + " Use a Flink built-in function or one of CodeAnatomy's UDFs"
                              + " (stable_hash_id)."));
      return call(name, subs(e).toArray());
    }

    @Override
    public ApiExpression visitComparison(Comparison e) {
      List<ApiExpression> s = subs(e);
      ApiExpression l = s.get(0);
      ApiExpression r = s.get(1);
      return switch (e.op()) {
        case EQ -> l.isEqual(r);
        case NE -> l.isNotEqual(r);
        case LT -> l.isLess(r);
        case LE -> l.isLessOrEqual(r);
        case GT -> l.isGreater(r);
        case GE -> l.isGreaterOrEqual(r);
      };
    }

    @Override
    public ApiExpression visitLogical(Logical e) {
      List<ApiExpression> s = subs(e);
      Object[] rest = s.subList(2, s.size()).toArray();
      return e.op() == Logical.Op.AND
          ? org.apache.flink.table.api.Expressions.and(s.get(0), s.get(1), rest)
          : org.apache.flink.table.api.Expressions.or(s.get(0), s.get(1), rest);
    }

    @Override
    public ApiExpression visitNot(Not e) {
      return subs(e).get(0).not();
    }

    @Override
    public ApiExpression visitNullTest(NullTest e) {
      ApiExpression operand = subs(e).get(0);
      return e.negated() ? operand.isNotNull() : operand.isNull();
    }

    @Override
    public ApiExpression visitArithmetic(Arithmetic e) {
      List<ApiExpression> s = subs(e);
      return switch (e.op()) {
        case ADD -> s.get(0).plus(s.get(1));
        case SUB -> s.get(0).minus(s.get(1));
        case MUL -> s.get(0).times(s.get(1));
        case DIV -> s.get(0).dividedBy(s.get(1));
        case MOD -> s.get(0).mod(s.get(1));
      };
    }

    @Override
    public ApiExpression visitIn(In e) {
      List<ApiExpression> s = subs(e);
      return s.get(0).in(s.subList(1, s.size()).toArray());
    }

    @Override
    public ApiExpression visitCase(CaseWhen e) {
      List<ApiExpression> s = subs(e);
      int branches = e.when().size();
      ApiExpression otherwise;
      if (e.otherwise() != null) {
        otherwise = s.get(2 * branches);
      } else {
        // CASE without ELSE yields NULL; Flink needs that NULL typed like the branches.
        otherwise = nullOf(typeOf(s.get(1)).nullable());
      }
      ApiExpression result = otherwise;
      for (int i = branches - 1; i >= 0; i--) {
        result = ifThenElse(s.get(2 * i), s.get(2 * i + 1), result);
      }
      return result;
    }

    @Override
    public ApiExpression visitCast(Cast e) {
      return subs(e).get(0).cast(FlinkTypes.of(TypeSpec.parse(e.type())));
    }

    @Override
    public ApiExpression visitStruct(StructOf e) {
      List<ApiExpression> values = subs(e);
      // row(...) names its fields EXPR$n; a cast to a ROW type with the spec's field names (and the
      // types Flink derived for the values) gives the struct its declared shape.
      List<DataTypes.Field> fields = new ArrayList<>();
      for (int i = 0; i < values.size(); i++) {
        fields.add(DataTypes.FIELD(e.fields().get(i).name(), typeOf(values.get(i))));
      }
      return row(values.get(0), values.subList(1, values.size()).toArray())
          .cast(DataTypes.ROW(fields.toArray(DataTypes.Field[]::new)));
    }

    @Override
    public ApiExpression visitMap(MapOf e) {
      List<ApiExpression> values = subs(e);
      List<Object> rest = new ArrayList<>();
      for (int i = 1; i < values.size(); i++) {
        NamedValue entry = e.entries().get(i);
        rest.add(lit(entry.name(), DataTypes.STRING().notNull()));
        rest.add(values.get(i));
      }
      return map(
          lit(e.entries().get(0).name(), DataTypes.STRING().notNull()),
          values.get(0),
          rest.toArray());
    }

    @Override
    public ApiExpression visitArray(ArrayOf e) {
      List<ApiExpression> s = subs(e);
      return array(s.get(0), s.subList(1, s.size()).toArray());
    }

    @Override
    public ApiExpression visitCoalesce(Coalesce e) {
      return coalesce(subs(e).toArray());
    }
  }

  /**
   * Finds the first expression among {@code exprs} that Flink rejects over the context table and
   * reports it at its path; used after a whole select failed, to point at the culprit.
   */
  void diagnose(List<ApiExpression> exprs, List<String> paths, ValidationException whole) {
    for (int i = 0; i < exprs.size(); i++) {
      try {
        context.select(exprs.get(i));
      } catch (ValidationException e) {
        throw new SpecException(paths.get(i), flinkMessage(e), e);
      }
    }
    throw new SpecException(paths.isEmpty() ? "" : paths.get(0), flinkMessage(whole), whole);
  }

  /** Flink's message without its stack of "Caused by" repeats, as advice to the spec author. */
  static String flinkMessage(Throwable e) {
    Throwable root = e;
    StringBuilder sb = new StringBuilder();
    while (root != null) {
      String m = root.getMessage();
      if (m != null && !m.isBlank() && sb.indexOf(m.strip()) < 0) {
        if (sb.length() > 0) {
          sb.append(": ");
        }
        sb.append(m.strip().replace('\n', ' '));
      }
      root = root.getCause() == root ? null : root.getCause();
    }
    return "Flink rejected this expression (check argument types and casts): " + sb;
  }
}
