package io.codeanatomy.job.compile;

import io.codeanatomy.spec.view.FrameUnit;
import io.codeanatomy.spec.view.NullOrder;
import io.codeanatomy.spec.view.SortDirection;
import io.codeanatomy.spec.view.SortKey;
import io.codeanatomy.spec.view.WindowFrame;
import io.codeanatomy.spec.view.WindowFunction;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexWindowBound;
import org.apache.calcite.rex.RexWindowBounds;
import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.tools.RelBuilder;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableException;
import org.apache.flink.table.api.internal.TableEnvironmentImpl;
import org.apache.flink.table.planner.calcite.FlinkRelBuilder;
import org.apache.flink.table.planner.delegation.PlannerBase;
import org.apache.flink.table.planner.delegation.StreamPlanner;
import org.apache.flink.table.planner.functions.sql.FlinkSqlOperatorTable;
import org.apache.flink.table.planner.operations.PlannerQueryOperation;

/**
 * Builds the OVER plans of DEDUPE and WINDOW views. The Table API cannot express them: its {@code
 * OverWindow} orders only by a time attribute, takes one order key, and has no ROW_NUMBER or RANK.
 * So the plan is built with the planner's own Calcite {@link RelBuilder} on top of the input's
 * operation tree — the same {@code RexOver} an SQL OVER clause becomes, so the planner's rules
 * apply unchanged (a streaming ROW_NUMBER filtered to 1 becomes a {@code Rank} operator, a
 * streaming SUM OVER a non-time order becomes the changelog-aware OVER aggregate) — and wrapped
 * back into a {@link Table}. No SQL text is involved. This reaches into planner internals, which is
 * why the Flink minor version is pinned.
 */
final class OverPlans {
  private final TableEnvironmentImpl env;
  private final PlannerBase planner;

  OverPlans(TableEnvironment env) {
    if (!(env instanceof TableEnvironmentImpl impl
        && impl.getPlanner() instanceof PlannerBase base)) {
      throw new IllegalStateException(
          "DEDUPE and WINDOW views need Flink's table planner (flink-table-planner), not "
              + env.getClass().getName());
    }
    this.env = impl;
    this.planner = base;
  }

  /** Whether plans are for a streaming job, where OVER aggregates accept fewer window shapes. */
  boolean streaming() {
    return planner instanceof StreamPlanner;
  }

  /**
   * The first row of {@code in} per {@code key} by {@code order}: {@code ROW_NUMBER() OVER
   * (PARTITION BY key ORDER BY order) = 1}, the shape the planner turns into a Rank.
   */
  Table firstPerKey(Table in, List<String> key, List<SortKey> order, String describe) {
    RelBuilder b = builder(in);
    int width = b.peek().getRowType().getFieldCount();
    RexNode rowNumber =
        b.aggregateCall(FlinkSqlOperatorTable.ROW_NUMBER)
            .over()
            .partitionBy(fields(b, key))
            .orderBy(sortKeys(b, order))
            .rowsTo(RexWindowBounds.CURRENT_ROW)
            .as("row_number__");
    b.projectPlus(rowNumber);
    b.filter(b.equals(b.field(width), b.literal(1)));
    b.project(b.fields().subList(0, width));
    return wrap(b, describe);
  }

  /**
   * One function of a WINDOW: its output name, function and argument column (null for none); for
   * lead and lag also the offset and the column of the default (null: NULL).
   */
  record OverColumn(
      String name,
      WindowFunction function,
      String argColumn,
      Integer offset,
      String defaultColumn) {}

  /** {@code in} with one column per {@code calls} entry, all computed over one window. */
  Table withWindow(
      Table in,
      List<String> partition,
      List<SortKey> order,
      WindowFrame frame,
      List<OverColumn> calls,
      String describe) {
    RelBuilder b = builder(in);
    List<RexNode> added = new ArrayList<>();
    for (OverColumn call : calls) {
      List<RexNode> operands = new ArrayList<>();
      if (call.argColumn() != null) {
        operands.add(b.field(call.argColumn()));
      }
      if (call.function().offsetting()) {
        operands.add(b.literal(call.offset()));
        if (call.defaultColumn() != null) {
          operands.add(b.field(call.defaultColumn()));
        }
      }
      RelBuilder.AggCall agg = b.aggregateCall(operator(call.function()), operands);
      RelBuilder.OverCall over =
          agg.over().partitionBy(fields(b, partition)).orderBy(sortKeys(b, order));
      WindowFrame own = frameOf(call.function(), frame);
      RexWindowBound lower = bound(b, own.preceding(), true);
      RexWindowBound upper = bound(b, own.following(), false);
      over =
          own.unit() == FrameUnit.ROWS
              ? over.rowsBetween(lower, upper)
              : over.rangeBetween(lower, upper);
      added.add(over.as(call.name()));
    }
    b.projectPlus(added);
    return wrap(b, describe);
  }

  /**
   * The frame {@code function} is computed in when the view's frame is {@code viewFrame}. Ranking
   * functions ignore frames in meaning but not in planning: ROW_NUMBER runs over rows, RANK and
   * DENSE_RANK over ranges (ties are peers), which is also the only way Flink's streaming OVER
   * aggregate computes them correctly (RANK over a rows frame fails at run time in Flink 2.3). Lead
   * and lag address rows by offset and have no frame; they run over rows. Functions with different
   * frames become separate window groups.
   */
  static WindowFrame frameOf(WindowFunction function, WindowFrame viewFrame) {
    return switch (function) {
      case ROW_NUMBER, LEAD, LAG -> WindowFrame.RUNNING;
      case RANK, DENSE_RANK -> new WindowFrame(FrameUnit.RANGE, null, 0);
      default -> viewFrame;
    };
  }

  private static RexWindowBound bound(RelBuilder b, Integer offset, boolean preceding) {
    if (offset == null) {
      return preceding ? RexWindowBounds.UNBOUNDED_PRECEDING : RexWindowBounds.UNBOUNDED_FOLLOWING;
    }
    if (offset == 0) {
      return RexWindowBounds.CURRENT_ROW;
    }
    return preceding
        ? RexWindowBounds.preceding(b.literal(offset))
        : RexWindowBounds.following(b.literal(offset));
  }

  private static SqlAggFunction operator(WindowFunction f) {
    return switch (f) {
      case ROW_NUMBER -> FlinkSqlOperatorTable.ROW_NUMBER;
      case RANK -> FlinkSqlOperatorTable.RANK;
      case DENSE_RANK -> FlinkSqlOperatorTable.DENSE_RANK;
      case COUNT -> FlinkSqlOperatorTable.COUNT;
      case SUM -> FlinkSqlOperatorTable.SUM;
      case MIN -> FlinkSqlOperatorTable.MIN;
      case MAX -> FlinkSqlOperatorTable.MAX;
      case AVG -> FlinkSqlOperatorTable.AVG;
      case FIRST_VALUE -> FlinkSqlOperatorTable.FIRST_VALUE;
      case LAST_VALUE -> FlinkSqlOperatorTable.LAST_VALUE;
      case LEAD -> FlinkSqlOperatorTable.LEAD;
      case LAG -> FlinkSqlOperatorTable.LAG;
    };
  }

  private RelBuilder builder(Table in) {
    FlinkRelBuilder b = planner.createRelBuilder();
    b.queryOperation(in.getQueryOperation());
    return b;
  }

  private static List<RexNode> fields(RelBuilder b, List<String> names) {
    return names.stream().map(n -> (RexNode) b.field(n)).toList();
  }

  private static List<RexNode> sortKeys(RelBuilder b, List<SortKey> keys) {
    List<RexNode> out = new ArrayList<>();
    for (SortKey k : keys) {
      RexNode e = b.field(k.column());
      if (k.direction() == SortDirection.DESC) {
        e = b.desc(e);
      }
      out.add(k.nulls() == NullOrder.FIRST ? b.nullsFirst(e) : b.nullsLast(e));
    }
    return out;
  }

  private Table wrap(RelBuilder b, String describe) {
    // The SQL text is only asked for to print or persist a view's definition; these views have
    // none, and saying so is better than inventing one.
    return env.createTable(
        new PlannerQueryOperation(
            b.build(),
            () -> {
              throw new TableException(
                  describe + " is built from planner nodes and has no SQL text");
            }));
  }
}
