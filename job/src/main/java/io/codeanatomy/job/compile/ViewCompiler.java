package io.codeanatomy.job.compile;

import static org.apache.flink.table.api.Expressions.$;
import static org.apache.flink.table.api.Expressions.and;
import static org.apache.flink.table.api.Expressions.call;
import static org.apache.flink.table.api.Expressions.ifThenElse;
import static org.apache.flink.table.api.Expressions.lit;
import static org.apache.flink.table.api.Expressions.nullOf;

import io.codeanatomy.spec.ColumnSpec;
import io.codeanatomy.spec.DidYouMean;
import io.codeanatomy.spec.InputSpec;
import io.codeanatomy.spec.SpecException;
import io.codeanatomy.spec.expr.Literal;
import io.codeanatomy.spec.view.Aggregate;
import io.codeanatomy.spec.view.AggregateView;
import io.codeanatomy.spec.view.CdfView;
import io.codeanatomy.spec.view.DedupeView;
import io.codeanatomy.spec.view.FileManifestView;
import io.codeanatomy.spec.view.FilterView;
import io.codeanatomy.spec.view.JoinKey;
import io.codeanatomy.spec.view.JoinType;
import io.codeanatomy.spec.view.JoinView;
import io.codeanatomy.spec.view.LateralJoin;
import io.codeanatomy.spec.view.MetadataView;
import io.codeanatomy.spec.view.NamedExpr;
import io.codeanatomy.spec.view.ProjectView;
import io.codeanatomy.spec.view.SortDirection;
import io.codeanatomy.spec.view.SortKey;
import io.codeanatomy.spec.view.SourceView;
import io.codeanatomy.spec.view.SpanJoinView;
import io.codeanatomy.spec.view.UdtfView;
import io.codeanatomy.spec.view.UnionView;
import io.codeanatomy.spec.view.UnnestView;
import io.codeanatomy.spec.view.ViewVisitor;
import io.codeanatomy.spec.view.WindowCall;
import io.codeanatomy.spec.view.WindowFrame;
import io.codeanatomy.spec.view.WindowFunction;
import io.codeanatomy.spec.view.WindowView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.flink.table.api.ApiExpression;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;

/**
 * Builds the {@link Table} of one view from the tables of what it reads, one method per view kind.
 * Flink validates eagerly, so every rejection surfaces here and is reported at the view's spec
 * path.
 */
final class ViewCompiler implements ViewVisitor<Table> {
  /** Join sides are renamed apart because Flink needs distinct column names across a join. */
  static final String LEFT_PREFIX = "l__";

  static final String RIGHT_PREFIX = "r__";

  private final String path;
  private final Function<String, Table> relations;
  private final FunctionNames functions;
  private final Map<Integer, Literal> parameters;
  private final Function<JoinView, List<JoinKey>> joinKeys;
  private final OverPlans overPlans;
  private final InputBinder binder;
  private final Function<String, InputSpec> inputs;

  /**
   * @param binder supplies the change feeds and descriptions of the tables behind inputs
   * @param inputs the spec's inputs by name
   */
  ViewCompiler(
      String path,
      Function<String, Table> relations,
      FunctionNames functions,
      Map<Integer, Literal> parameters,
      Function<JoinView, List<JoinKey>> joinKeys,
      OverPlans overPlans,
      InputBinder binder,
      Function<String, InputSpec> inputs) {
    this.path = path;
    this.relations = relations;
    this.functions = functions;
    this.parameters = parameters;
    this.joinKeys = joinKeys;
    this.overPlans = overPlans;
    this.binder = binder;
    this.inputs = inputs;
  }

  @Override
  public Table visitSource(SourceView v) {
    // Binding the input checks its declared columns, which an own scan has too.
    Table in = relations.apply(v.input());
    if (v.columns().isEmpty()) {
      return in;
    }
    Table scan = binder.bindOwnScan(inputs.apply(v.input()), v.columns()).orElse(in);
    return guard(
        path, () -> scan.select(v.columns().stream().map(c -> $(c)).toArray(ApiExpression[]::new)));
  }

  @Override
  public Table visitFilter(FilterView v) {
    Table in = relations.apply(v.input());
    ExpressionCompiler ec = plain(in);
    ApiExpression where = ec.compile(v.where(), path + ".where");
    return guard(path + ".where", () -> in.filter(where));
  }

  @Override
  public Table visitProject(ProjectView v) {
    Table in = relations.apply(v.input());
    return select(in, plain(in), v.select());
  }

  @Override
  public Table visitJoin(JoinView v) {
    Table left = prefixed(relations.apply(v.left()), LEFT_PREFIX);
    Table right = prefixed(relations.apply(v.right()), RIGHT_PREFIX);
    Function<String, ApiExpression> sides =
        name ->
            name.startsWith(JoinView.LEFT_QUALIFIER)
                ? $(LEFT_PREFIX + name.substring(JoinView.LEFT_QUALIFIER.length()))
                : $(RIGHT_PREFIX + name.substring(JoinView.RIGHT_QUALIFIER.length()));
    // A condition-less join is never executed; it only gives expressions both sides' columns so
    // their types can be derived.
    ExpressionCompiler ec = new ExpressionCompiler(left.join(right), sides, functions, parameters);
    List<ApiExpression> conditions = new ArrayList<>();
    for (JoinKey key : joinKeys.apply(v)) {
      conditions.add($(LEFT_PREFIX + key.left()).isEqual($(RIGHT_PREFIX + key.right())));
    }
    if (v.where() != null) {
      // The residual belongs to the join condition, so an outer join still keeps unmatched rows.
      conditions.add(ec.compile(v.where(), path + ".where"));
    }
    ApiExpression on =
        conditions.size() == 1
            ? conditions.get(0)
            : and(
                conditions.get(0),
                conditions.get(1),
                conditions.subList(2, conditions.size()).toArray());
    Table joined =
        guard(
            path + ".on",
            () ->
                switch (v.type()) {
                  case INNER -> left.join(right, on);
                  case LEFT -> left.leftOuterJoin(right, on);
                  case RIGHT -> left.rightOuterJoin(right, on);
                  case FULL -> left.fullOuterJoin(right, on);
                });
    Table widened =
        nullableSide(
            joined,
            v.type() == JoinType.LEFT || v.type() == JoinType.FULL ? RIGHT_PREFIX : null,
            v.type() == JoinType.RIGHT || v.type() == JoinType.FULL ? LEFT_PREFIX : null);
    return select(
        widened, new ExpressionCompiler(widened, sides, functions, parameters), v.select());
  }

  /**
   * Makes the columns of an outer join's optional side nullable: the Table API keeps their NOT NULL
   * types after an outer join, and a NOT NULL column that holds NULL fails at the sink.
   */
  private static Table nullableSide(Table joined, String prefixA, String prefixB) {
    ResolvedSchema s = joined.getResolvedSchema();
    List<ApiExpression> select = new ArrayList<>();
    boolean changed = false;
    for (int i = 0; i < s.getColumnCount(); i++) {
      String name = s.getColumnNames().get(i);
      DataType type = s.getColumnDataTypes().get(i);
      boolean optional =
          (prefixA != null && name.startsWith(prefixA))
              || (prefixB != null && name.startsWith(prefixB));
      if (optional && !type.getLogicalType().isNullable()) {
        // A cast keeps its operand's nullability in Flink; a conditional with a NULL branch does
        // not.
        select.add(ifThenElse($(name).isNull(), nullOf(type.nullable()), $(name)).as(name));
        changed = true;
      } else {
        select.add($(name));
      }
    }
    return changed ? joined.select(select.toArray(ApiExpression[]::new)) : joined;
  }

  @Override
  public Table visitUnion(UnionView v) {
    List<Table> inputs = v.inputs().stream().map(relations).toList();
    // Column order: the first input's, then new names in input order; each column takes the type
    // of its first occurrence widened by later numeric ones, nullable because some input may not
    // have it.
    Map<String, DataType> columns = new LinkedHashMap<>();
    for (int k = 0; k < inputs.size(); k++) {
      ResolvedSchema s = inputs.get(k).getResolvedSchema();
      for (int i = 0; i < s.getColumnCount(); i++) {
        String name = s.getColumnNames().get(i);
        DataType type = s.getColumnDataTypes().get(i).nullable();
        DataType prev = columns.get(name);
        columns.put(name, prev == null ? type : widen(prev, type));
      }
    }
    Table result = null;
    for (int k = 0; k < inputs.size(); k++) {
      Table t = inputs.get(k);
      ResolvedSchema s = t.getResolvedSchema();
      List<ApiExpression> select = new ArrayList<>();
      for (Map.Entry<String, DataType> c : columns.entrySet()) {
        int idx = s.getColumnNames().indexOf(c.getKey());
        if (idx < 0) {
          select.add(nullOf(c.getValue()).as(c.getKey()));
        } else if (FlinkTypes.sameIgnoringNullability(
            s.getColumnDataTypes().get(idx).getLogicalType(), c.getValue().getLogicalType())) {
          select.add($(c.getKey()));
        } else {
          select.add($(c.getKey()).cast(c.getValue()).as(c.getKey()));
        }
      }
      Table aligned =
          guard(path + ".inputs[" + k + "]", () -> t.select(select.toArray(ApiExpression[]::new)));
      Table acc = result;
      result =
          acc == null
              ? aligned
              : guard(
                  path + ".inputs[" + k + "]",
                  () -> v.distinct() ? acc.union(aligned) : acc.unionAll(aligned));
    }
    return result;
  }

  /** The type a UNION column takes: numeric types widen (INT + BIGINT is BIGINT). */
  private static DataType widen(DataType a, DataType b) {
    if (FlinkTypes.sameIgnoringNullability(a.getLogicalType(), b.getLogicalType())) {
      return a;
    }
    LogicalTypeRoot ra = a.getLogicalType().getTypeRoot();
    LogicalTypeRoot rb = b.getLogicalType().getTypeRoot();
    int ia = NUMERIC_ORDER.indexOf(ra);
    int ib = NUMERIC_ORDER.indexOf(rb);
    if (ia >= 0 && ib >= 0) {
      return ia >= ib ? a : b;
    }
    // Other differences keep the first input's type: the narrower side is cast to it, as before.
    return a;
  }

  private static final List<LogicalTypeRoot> NUMERIC_ORDER =
      List.of(
          LogicalTypeRoot.TINYINT,
          LogicalTypeRoot.SMALLINT,
          LogicalTypeRoot.INTEGER,
          LogicalTypeRoot.BIGINT,
          LogicalTypeRoot.FLOAT,
          LogicalTypeRoot.DOUBLE);

  @Override
  public Table visitAggregate(AggregateView v) {
    Table in = relations.apply(v.input());
    ExpressionCompiler ec = plain(in);
    List<ApiExpression> groups = v.groupBy().stream().map(g -> $(g)).toList();
    List<ApiExpression> select = new ArrayList<>(groups);
    for (int a = 0; a < v.aggregates().size(); a++) {
      Aggregate agg = v.aggregates().get(a);
      String ap = path + ".aggregates[" + a + "]";
      ApiExpression arg = agg.arg() == null ? lit(1) : ec.compile(agg.arg(), ap + ".arg");
      ApiExpression value =
          switch (agg.function()) {
            case COUNT -> arg.count();
            case COUNT_DISTINCT -> arg.count().distinct();
            case SUM -> arg.sum();
            case MIN -> arg.min();
            case MAX -> arg.max();
            case AVG -> arg.avg();
            case FIRST_VALUE -> arg.firstValue();
            case LAST_VALUE -> arg.lastValue();
            case ARRAY_AGG -> arg.arrayAgg();
          };
      select.add(value.as(agg.name()));
    }
    ApiExpression[] all = select.toArray(ApiExpression[]::new);
    return guard(
        path,
        () ->
            groups.isEmpty()
                ? in.select(all)
                : in.groupBy(groups.toArray(ApiExpression[]::new)).select(all));
  }

  @Override
  public Table visitUnnest(UnnestView v) {
    Table in = relations.apply(v.input());
    ApiExpression elements = call(new UnnestElements(), $(v.column())).as(v.as());
    return guard(
        path + ".column",
        () -> v.keepEmpty() ? in.leftOuterJoinLateral(elements) : in.joinLateral(elements));
  }

  @Override
  public Table visitDedupe(DedupeView v) {
    Table in = relations.apply(v.input());
    List<SortKey> order = new ArrayList<>(v.orderBy());
    order.addAll(tieBreakers(in, v));
    return guard(
        path, () -> overPlans.firstPerKey(in, v.key(), order, "DEDUPE view '" + v.name() + "'"));
  }

  /**
   * The input's other orderable columns, ascending: rows equal in every {@code order_by} column
   * would otherwise be kept by arrival order, which differs between runs and between batch and
   * streaming.
   */
  private static List<SortKey> tieBreakers(Table in, DedupeView v) {
    List<String> used = new ArrayList<>(v.key());
    v.orderBy().forEach(k -> used.add(k.column()));
    ResolvedSchema s = in.getResolvedSchema();
    List<SortKey> out = new ArrayList<>();
    for (int i = 0; i < s.getColumnCount(); i++) {
      String name = s.getColumnNames().get(i);
      if (!used.contains(name) && FlinkTypes.orderable(s.getColumnDataTypes().get(i))) {
        out.add(new SortKey(name, null, null));
      }
    }
    return out;
  }

  @Override
  public Table visitWindow(WindowView v) {
    Table in = relations.apply(v.input());
    if (overPlans.streaming()) {
      checkStreamingWindow(v);
    }
    // Arguments are compiled as Table-API expressions into helper columns, so the OVER plan only
    // ever references columns; the helpers are projected away afterwards.
    ExpressionCompiler ec = plain(in);
    List<String> inputColumns = in.getResolvedSchema().getColumnNames();
    List<ApiExpression> withArgs = new ArrayList<>();
    inputColumns.forEach(c -> withArgs.add($(c)));
    List<OverPlans.OverColumn> calls = new ArrayList<>();
    Map<String, String> defaultOf = new LinkedHashMap<>();
    for (int f = 0; f < v.functions().size(); f++) {
      WindowCall call = v.functions().get(f);
      String helper = null;
      if (call.arg() != null) {
        helper = "window_arg__" + f;
        withArgs.add(ec.compile(call.arg(), path + ".functions[" + f + "].arg").as(helper));
      }
      String defaultHelper = null;
      if (call.defaultValue() != null) {
        defaultHelper = "window_default__" + f;
        withArgs.add(
            ec.compile(call.defaultValue(), path + ".functions[" + f + "].default")
                .as(defaultHelper));
        defaultOf.put(defaultHelper, helper);
      }
      calls.add(
          new OverPlans.OverColumn(
              call.name(), call.function(), helper, call.offset(), defaultHelper));
    }
    Table withHelpers =
        guard(path + ".functions", () -> in.select(withArgs.toArray(ApiExpression[]::new)));
    Table prepared = castDefaults(withHelpers, defaultOf);
    Table windowed =
        guard(
            path,
            () ->
                overPlans.withWindow(
                    prepared,
                    v.partitionBy(),
                    v.orderBy(),
                    v.frame(),
                    calls,
                    "WINDOW view '" + v.name() + "'"));
    List<ApiExpression> out = new ArrayList<>();
    inputColumns.forEach(c -> out.add($(c)));
    v.functions().forEach(c -> out.add($(c.name())));
    return windowed.select(out.toArray(ApiExpression[]::new));
  }

  /**
   * Lead and lag take a default of their argument's type (Flink checks the operands strictly), so
   * each default is cast to its argument's type, nullable.
   */
  private Table castDefaults(Table t, Map<String, String> defaultOf) {
    if (defaultOf.isEmpty()) {
      return t;
    }
    ResolvedSchema s = t.getResolvedSchema();
    List<ApiExpression> select = new ArrayList<>();
    for (String c : s.getColumnNames()) {
      String arg = defaultOf.get(c);
      select.add(
          arg == null
              ? $(c)
              : $(c).cast(s.getColumn(arg).orElseThrow().getDataType().nullable()).as(c));
    }
    return guard(path + ".functions", () -> t.select(select.toArray(ApiExpression[]::new)));
  }

  /**
   * Flink's streaming OVER aggregate over a non-time order keeps one sorted state per partition: it
   * supports exactly one order column, ascending, frames that start at the partition's first row
   * and end at the current row, and one frame per operator. Anything else fails only when the job
   * is planned, so it is refused here, at the view.
   */
  private void checkStreamingWindow(WindowView v) {
    if (v.orderBy().size() != 1) {
      throw new SpecException(
          path + ".order_by",
          "a WINDOW in a streaming job orders by exactly one column (Flink's OVER aggregate over a"
              + " changelog supports no more); found "
              + v.orderBy().size());
    }
    if (v.orderBy().get(0).direction() != SortDirection.ASC) {
      throw new SpecException(
          path + ".order_by[0].direction",
          "a WINDOW in a streaming job orders ascending (Flink's OVER aggregate over a changelog"
              + " supports no other direction); to number from the largest, order by a negated"
              + " column computed in a PROJECT first");
    }
    WindowFrame f = v.frame();
    if (f.preceding() != null || f.following() == null || f.following() != 0) {
      throw new SpecException(
          path + ".frame",
          "a WINDOW in a streaming job runs from the partition's first row to the current row"
              + " (leave preceding out, following: 0); bounded frames are batch-only");
    }
    for (int i = 0; i < v.functions().size(); i++) {
      WindowFunction fn = v.functions().get(i).function();
      if (fn.offsetting()) {
        // Flink 2.3 refuses LEAD in streaming plans, and its non-time OVER aggregate plans LAG but
        // fails at run time (its accumulator is misread as the value), so both are refused here.
        throw new SpecException(
            path + ".functions[" + i + "].function",
            fn.name().toLowerCase(java.util.Locale.ROOT)
                + " is batch-only: Flink's streaming OVER aggregate over a changelog cannot compute"
                + " it; in a streaming job, number the rows with row_number in one WINDOW and join"
                + " each row to its neighbour's number (a JOIN on the partition and idx - 1)");
      }
      if (fn == WindowFunction.RANK || fn == WindowFunction.DENSE_RANK) {
        // Flink 2.3's non-time OVER aggregate gives tied rows the count of rows up to them, not
        // their rank, so a continuous job would disagree with a batch rebuild.
        throw new SpecException(
            path + ".functions[" + i + "].function",
            fn.name().toLowerCase(java.util.Locale.ROOT)
                + " is batch-only: Flink's streaming OVER aggregate ranks tied rows wrongly; in a"
                + " streaming job use row_number over an order without ties, or count over a"
                + " range frame");
      }
    }
    List<WindowFrame> frames =
        v.functions().stream()
            .map(c -> OverPlans.frameOf(c.function(), v.frame()))
            .distinct()
            .toList();
    if (frames.size() > 1) {
      throw new SpecException(
          path + ".functions",
          "a WINDOW in a streaming job computes all its functions over one frame, but row_number"
              + " counts rows while rank and dense_rank rank ranges of ties, and the aggregates"
              + " use the view's "
              + v.frame().unit().name().toLowerCase(java.util.Locale.ROOT)
              + " frame; split them into WINDOW views of their own (aggregates beside rank:"
              + " frame {unit: range, following: 0})");
    }
  }

  @Override
  public Table visitSpanJoin(SpanJoinView v) {
    // A span join is a JOIN whose residual compares the spans; compiling it as one keeps the outer
    // join semantics (the residual is part of the join condition) and the select handling.
    return visitJoin(v.asJoin());
  }

  /**
   * A lateral join of each input row with the rows the table function emits for it, the function's
   * fields renamed to the declared columns, whose types must be the function's.
   */
  @Override
  public Table visitUdtf(UdtfView v) {
    Table in = relations.apply(v.input());
    String function =
        functions
            .resolve(v.function())
            .orElseThrow(
                () ->
                    new SpecException(
                        path + ".function",
                        "unknown function '"
                            + v.function()
                            + "'"
                            + DidYouMean.hint(v.function(), functions.sqlNames())
                            + " A UDTF view calls a registered table function, such as"
                            + " qualname_prefixes."));
    ExpressionCompiler ec = plain(in);
    List<ApiExpression> args = new ArrayList<>();
    for (int a = 0; a < v.args().size(); a++) {
      args.add(ec.compile(v.args().get(a), path + ".args[" + a + "]"));
    }
    List<String> names = v.columns().stream().map(ColumnSpec::name).toList();
    ApiExpression rows =
        call(function, args.toArray())
            .as(names.get(0), names.subList(1, names.size()).toArray(String[]::new));
    Table joined =
        guard(
            path + ".function",
            () ->
                v.join() == LateralJoin.LEFT
                    ? in.leftOuterJoinLateral(rows)
                    : in.joinLateral(rows));
    int width = in.getResolvedSchema().getColumnCount();
    ResolvedSchema s = joined.getResolvedSchema();
    for (int c = 0; c < v.columns().size(); c++) {
      LogicalType declared = FlinkTypes.of(v.columns().get(c).typeSpec()).getLogicalType();
      LogicalType actual = s.getColumnDataTypes().get(width + c).getLogicalType();
      if (!FlinkTypes.sameIgnoringNullability(actual, declared)) {
        throw new SpecException(
            path + ".columns[" + c + "].type",
            "function '"
                + v.function()
                + "' emits "
                + FlinkTypes.erase(actual)
                + " as its field "
                + (c + 1)
                + " ('"
                + names.get(c)
                + "' here), but the view declares "
                + FlinkTypes.erase(declared));
      }
    }
    return v.join() == LateralJoin.LEFT ? nullableSide(joined, names, width) : joined;
  }

  /** The function's columns of a left lateral join made nullable: unmatched rows pad them. */
  private static Table nullableSide(Table joined, List<String> names, int width) {
    ResolvedSchema s = joined.getResolvedSchema();
    List<ApiExpression> select = new ArrayList<>();
    for (int i = 0; i < s.getColumnCount(); i++) {
      String name = s.getColumnNames().get(i);
      DataType type = s.getColumnDataTypes().get(i);
      select.add(
          i >= width && !type.getLogicalType().isNullable()
              ? ifThenElse($(name).isNull(), nullOf(type.nullable()), $(name)).as(name)
              : $(name));
    }
    return joined.select(select.toArray(ApiExpression[]::new));
  }

  @Override
  public Table visitCdf(CdfView v) {
    List<String> expected = new ArrayList<>(inputs.apply(v.input()).columnNames());
    CdfView.CHANGE_COLUMNS.forEach(c -> expected.add(c.name()));
    return shaped(binder.bindChanges(inputs.apply(v.input()), v, path), expected);
  }

  @Override
  public Table visitMetadata(MetadataView v) {
    return shaped(
        binder.bindMetadata(inputs.apply(v.input()), path),
        MetadataView.COLUMNS.stream().map(ColumnSpec::name).toList());
  }

  @Override
  public Table visitFileManifest(FileManifestView v) {
    return shaped(
        binder.bindFileManifest(inputs.apply(v.input()), path),
        FileManifestView.COLUMNS.stream().map(ColumnSpec::name).toList());
  }

  /** {@code bound} with exactly {@code columns}, in order; a binder that misses one is refused. */
  private Table shaped(Table bound, List<String> columns) {
    List<String> has = bound.getResolvedSchema().getColumnNames();
    if (!has.containsAll(columns)) {
      throw new SpecException(
          path + ".kind",
          "the binder's table has columns " + has + " but this view has " + columns);
    }
    return bound.select(columns.stream().map(c -> $(c)).toArray(ApiExpression[]::new));
  }

  private ExpressionCompiler plain(Table in) {
    return new ExpressionCompiler(in, name -> $(name), functions, parameters);
  }

  private Table select(Table in, ExpressionCompiler ec, List<NamedExpr> select) {
    List<ApiExpression> exprs = new ArrayList<>();
    List<String> paths = new ArrayList<>();
    for (int s = 0; s < select.size(); s++) {
      String sp = path + ".select[" + s + "].expr";
      exprs.add(ec.compile(select.get(s).expr(), sp).as(select.get(s).name()));
      paths.add(sp);
    }
    try {
      return in.select(exprs.toArray(ApiExpression[]::new));
    } catch (ValidationException e) {
      ec.diagnose(exprs, paths, e);
      throw e; // unreachable: diagnose always throws
    }
  }

  private static Table prefixed(Table t, String prefix) {
    return t.select(
        t.getResolvedSchema().getColumnNames().stream()
            .map(c -> $(c).as(prefix + c))
            .toArray(ApiExpression[]::new));
  }

  /** Runs a Table-API step, reporting Flink's rejection at {@code at}. */
  static Table guard(String at, java.util.function.Supplier<Table> step) {
    try {
      return step.get();
    } catch (ValidationException e) {
      throw new SpecException(at, ExpressionCompiler.flinkMessage(e), e);
    }
  }
}
