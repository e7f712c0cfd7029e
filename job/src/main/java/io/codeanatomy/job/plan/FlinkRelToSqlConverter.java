package io.codeanatomy.job.plan;

import io.codeanatomy.job.compile.UnnestElements;
import java.util.List;
import java.util.Map;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Correlate;
import org.apache.calcite.rel.core.TableFunctionScan;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.rel2sql.RelToSqlConverter;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.sql.JoinConditionType;
import org.apache.calcite.sql.JoinType;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlValidatorUtil;
import org.apache.flink.table.planner.functions.bridging.BridgingSqlFunction;

/**
 * Calcite's {@link RelToSqlConverter} taught the two things a Table-API plan holds that it does not
 * expect, so that a compiled spec unparses to SQL Flink's parser reads.
 *
 * <p><b>Lateral joins.</b> Calcite expects the right side of a {@link Correlate} to read the left
 * row through a correlation variable ({@code $cor0.bases}) and names those columns in {@code
 * requiredColumns}. The Table API's {@code joinLateral} / {@code leftOuterJoinLateral} instead
 * build
 *
 * <pre>
 * LogicalCorrelate(correlation=[$cor8], joinType=[inner], requiredColumns=[{}])
 *   LogicalProject(def_id=[$0], ..., bases=[$3])
 *   LogicalTableFunctionScan(invocation=[*UnnestElements*($3)])
 * </pre>
 *
 * where {@code $3} is an input reference into the correlate's <em>left</em> input, and the function
 * scan has no inputs of its own. Calcite unparses the function call in a context with no fields, so
 * {@code $3} fails with {@code IndexOutOfBoundsException: Index 3 out of bounds for length 0}
 * ({@code SqlImplementor.TableFunctionScanContext.field}); and it writes every correlate as a comma
 * join, which would turn a left lateral join into an inner one. Here the call's arguments are
 * unparsed in the left input's context, and the join is written as Flink SQL writes it:
 *
 * <pre>
 * FROM (...) AS t CROSS JOIN UNNEST(t.bases) AS t0 (ref_text)                 -- UNNEST view
 * FROM (...) AS t LEFT JOIN UNNEST(t.bases) AS t0 (ref_text) ON TRUE          -- keep_empty
 * FROM (...) AS t CROSS JOIN LATERAL TABLE(f(t.x)) AS t0 (a, b)              -- UDTF view
 * </pre>
 *
 * <p><b>Input tables.</b> Inputs are bound to anonymous tables ({@code *anonymous_delta$4*}), which
 * no SQL can name; a scan of an input's table is written as the spec's input name instead.
 *
 * <p><b>Typed nulls.</b> A null literal has a type in the plan but unparses as a bare {@code NULL},
 * which Flink cannot type inside {@code ROW(...)} ("Illegal type: NULL"); {@link #withTypedNulls}
 * writes each as {@code CAST(NULL AS type)}.
 *
 * <p>Public only because Calcite dispatches {@code visit} methods by reflection, which needs a
 * public class; {@link OutputSql} is its one user.
 */
public final class FlinkRelToSqlConverter extends RelToSqlConverter {
  private static final SqlParserPos POS = SqlParserPos.ZERO;

  /** Qualified table name (as the plan's scans carry it) → the spec input it was bound for. */
  private final Map<List<String>, String> inputNames;

  FlinkRelToSqlConverter(SqlDialect dialect, Map<List<String>, String> inputNames) {
    super(dialect);
    this.inputNames = Map.copyOf(inputNames);
  }

  /** Visits a TableScan; called by {@link #dispatch} via reflection. */
  @Override
  public Result visit(TableScan e) {
    String input = inputNames.get(e.getTable().getQualifiedName());
    if (input == null) {
      return super.visit(e);
    }
    return result(new SqlIdentifier(input, POS), List.of(Clause.FROM), e, null);
  }

  /** Visits a Correlate; called by {@link #dispatch} via reflection. */
  @Override
  public Result visit(Correlate e) {
    if (!(e.getRight() instanceof TableFunctionScan scan
        && scan.getInputs().isEmpty()
        && scan.getCall() instanceof RexCall call)) {
      return super.visit(e);
    }
    // The left input becomes one aliased FROM item; the call's arguments name its columns.
    Result left = visitInput(e, 0).resetAlias();
    Context leftContext = left.qualifiedContext();
    // A plan built in SQL refers to the left row by the correlation variable instead.
    correlTableMap.put(e.getCorrelationId(), leftContext);
    List<SqlNode> args =
        call.getOperands().stream().map((RexNode arg) -> leftContext.toSql(null, arg)).toList();

    SqlNode function;
    if (call.getOperator() instanceof BridgingSqlFunction bridging
        && bridging.getDefinition() instanceof UnnestElements) {
      function = SqlStdOperatorTable.UNNEST.createCall(POS, args);
    } else {
      function =
          SqlStdOperatorTable.LATERAL.createCall(
              POS,
              SqlStdOperatorTable.COLLECTION_TABLE.createCall(
                  POS, call.getOperator().createCall(POS, args)));
    }
    String alias = SqlValidatorUtil.uniquify("t", aliasSet, SqlValidatorUtil.EXPR_SUGGESTER);
    SqlNode right =
        SqlStdOperatorTable.AS.createCall(
            POS, createAsFullOperands(scan.getRowType(), function, alias));
    Result rightResult =
        result(
            right,
            List.of(Clause.FROM),
            alias,
            scan.getRowType(),
            Map.of(alias, scan.getRowType()));

    boolean leftJoin =
        switch (e.getJoinType()) {
          case INNER -> false;
          case LEFT -> true;
          default ->
              throw new UnsupportedOperationException(
                  "a " + e.getJoinType() + " lateral join has no SQL form");
        };
    SqlNode join =
        new SqlJoin(
            POS,
            left.asFrom(),
            SqlLiteral.createBoolean(false, POS),
            (leftJoin ? JoinType.LEFT : JoinType.CROSS).symbol(POS),
            right,
            (leftJoin ? JoinConditionType.ON : JoinConditionType.NONE).symbol(POS),
            leftJoin ? SqlLiteral.createBoolean(true, POS) : null);
    return result(join, left, rightResult);
  }

  /** {@code rel} with every typed null literal wrapped in a cast to its type (see above). */
  static RelNode withTypedNulls(RelNode rel) {
    List<RelNode> inputs =
        rel.getInputs().stream().map(FlinkRelToSqlConverter::withTypedNulls).toList();
    RelNode copy = inputs.equals(rel.getInputs()) ? rel : rel.copy(rel.getTraitSet(), inputs);
    RexBuilder rex = rel.getCluster().getRexBuilder();
    return copy.accept(
        new RexShuttle() {
          @Override
          public RexNode visitLiteral(RexLiteral literal) {
            return literal.isNull() && literal.getType().getSqlTypeName() != SqlTypeName.NULL
                ? rex.makeAbstractCast(literal.getType(), literal)
                : literal;
          }

          @Override
          public RexNode visitCall(RexCall call) {
            // Already typed: CAST(NULL AS t) stays as it is.
            if (call.getKind() == SqlKind.CAST
                && call.getOperands().get(0) instanceof RexLiteral operand
                && operand.isNull()) {
              return call;
            }
            return super.visitCall(call);
          }
        });
  }
}
