package io.codeanatomy.spec;

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
import io.codeanatomy.spec.type.ArrayType;
import io.codeanatomy.spec.type.MapType;
import io.codeanatomy.spec.type.RowType;
import io.codeanatomy.spec.type.ScalarKind;
import io.codeanatomy.spec.type.ScalarType;
import io.codeanatomy.spec.type.TypeSpec;
import io.codeanatomy.spec.type.TypeSyntaxException;
import io.codeanatomy.spec.view.Aggregate;
import io.codeanatomy.spec.view.AggregateView;
import io.codeanatomy.spec.view.CdfView;
import io.codeanatomy.spec.view.DedupeView;
import io.codeanatomy.spec.view.FileManifestView;
import io.codeanatomy.spec.view.FilterView;
import io.codeanatomy.spec.view.FrameUnit;
import io.codeanatomy.spec.view.JoinKey;
import io.codeanatomy.spec.view.JoinType;
import io.codeanatomy.spec.view.JoinView;
import io.codeanatomy.spec.view.LateralJoin;
import io.codeanatomy.spec.view.MetadataView;
import io.codeanatomy.spec.view.NamedExpr;
import io.codeanatomy.spec.view.ProjectView;
import io.codeanatomy.spec.view.SortKey;
import io.codeanatomy.spec.view.SourceView;
import io.codeanatomy.spec.view.Span;
import io.codeanatomy.spec.view.SpanJoinView;
import io.codeanatomy.spec.view.UdtfView;
import io.codeanatomy.spec.view.UnionView;
import io.codeanatomy.spec.view.UnnestView;
import io.codeanatomy.spec.view.ViewKind;
import io.codeanatomy.spec.view.ViewSpec;
import io.codeanatomy.spec.view.ViewVisitor;
import io.codeanatomy.spec.view.WindowCall;
import io.codeanatomy.spec.view.WindowFrame;
import io.codeanatomy.spec.view.WindowFunction;
import io.codeanatomy.spec.view.WindowView;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Checks what the parser cannot: unique names, references to inputs and views (with did-you-mean),
 * cycles, column references (tracking each view's output columns through its kind), output
 * contracts. Collects every problem it can find before throwing, so one run shows them all; views
 * no output uses come back as warnings.
 */
public final class SpecValidator {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final Spec spec;
  private final List<SpecProblem> problems = new ArrayList<>();
  private final List<SpecProblem> warnings = new ArrayList<>();

  /** Where each input or view is declared, e.g. {@code inputs[0]} or {@code views[2]}. */
  private final Map<String, String> declaredAt = new LinkedHashMap<>();

  private final Map<String, ViewSpec> views = new LinkedHashMap<>();
  private final Map<String, Integer> viewIndex = new HashMap<>();
  private final Map<String, List<DerivedColumn>> columns = new HashMap<>();

  /** Join keys inferred for JOIN views that omit {@code on}, by view name. */
  private final Map<String, List<JoinKey>> inferredJoinKeys = new LinkedHashMap<>();

  private SpecValidator(Spec spec) {
    this.spec = spec;
  }

  /** Validates {@code spec}; throws a {@link SpecException} listing every problem found. */
  public static ValidatedSpec validate(Spec spec) {
    return new SpecValidator(spec).run();
  }

  private ValidatedSpec run() {
    checkNames();
    checkParameters();
    checkInputs();
    checkReferences();
    failIfProblems();
    List<String> order = topologicalOrder();
    failIfProblems();
    for (String name : order) {
      int i = viewIndex.get(name);
      ViewSpec view = views.get(name);
      if (view.dependencies().stream().allMatch(columns::containsKey)) {
        List<DerivedColumn> out = view.accept(new ViewColumns("views[" + i + "]"));
        if (out != null) {
          columns.put(name, out);
        }
      }
    }
    checkOutputs();
    Map<String, Integer> consumers = countConsumers();
    warnUnused(consumers);
    failIfProblems();
    return new ValidatedSpec(spec, order, columns, consumers, warnings, inferredJoinKeys);
  }

  private void failIfProblems() {
    if (!problems.isEmpty()) {
      throw new SpecException(problems);
    }
  }

  private void problem(String path, String message) {
    problems.add(new SpecProblem(path, message));
  }

  // ---- names ---------------------------------------------------------------------------------

  private void checkNames() {
    if (spec.inputs().isEmpty()) {
      problem("inputs", "a spec needs at least one input");
    }
    if (spec.outputs().isEmpty()) {
      problem("outputs", "a spec needs at least one output");
    }
    for (int i = 0; i < spec.inputs().size(); i++) {
      declare(spec.inputs().get(i).name(), "inputs[" + i + "]");
    }
    for (int i = 0; i < spec.views().size(); i++) {
      ViewSpec v = spec.views().get(i);
      if (declare(v.name(), "views[" + i + "]")) {
        views.put(v.name(), v);
        viewIndex.put(v.name(), i);
      }
    }
    Map<String, String> outputs = new HashMap<>();
    for (int i = 0; i < spec.outputs().size(); i++) {
      String name = spec.outputs().get(i).name();
      String path = "outputs[" + i + "].name";
      identifier(name, path);
      String previous = outputs.putIfAbsent(name, "outputs[" + i + "]");
      if (previous != null) {
        problem(path, "duplicate output name '" + name + "' (also at " + previous + ")");
      }
    }
  }

  private boolean declare(String name, String path) {
    identifier(name, path + ".name");
    String previous = declaredAt.putIfAbsent(name, path);
    if (previous != null) {
      problem(
          path + ".name",
          "duplicate name '"
              + name
              + "' (also at "
              + previous
              + "); inputs and views share one namespace, rename one");
      return false;
    }
    return true;
  }

  private void identifier(String name, String path) {
    if (!IDENTIFIER.matcher(name).matches()) {
      problem(
          path,
          "'"
              + name
              + "' is not a valid name; use letters, digits and '_' and start with a letter or '_'");
    }
  }

  // ---- parameters ----------------------------------------------------------------------------

  /** Declared parameter types by position. */
  private final Map<Integer, TypeSpec> parameterTypes = new HashMap<>();

  private void checkParameters() {
    Map<Integer, String> seen = new HashMap<>();
    for (int i = 0; i < spec.parameters().size(); i++) {
      ParameterSpec p = spec.parameters().get(i);
      String path = "parameters[" + i + "]";
      if (p.name() != null) {
        identifier(p.name(), path + ".name");
      }
      if (p.position() < 1) {
        problem(path + ".position", "parameter positions start at 1, found " + p.position());
        continue;
      }
      String previous = seen.putIfAbsent(p.position(), path);
      if (previous != null) {
        problem(
            path + ".position",
            "duplicate parameter position " + p.position() + " (also at " + previous + ")");
        continue;
      }
      TypeSpec type = parseType(p.type(), path + ".type", true);
      if (type != null
          && !(type instanceof ScalarType s && ParameterBinding.TYPES.contains(s.kind()))) {
        problem(
            path + ".type",
            "a parameter has a scalar type, one of "
                + ParameterBinding.TYPES
                + ", not "
                + type.render());
      } else if (type != null) {
        parameterTypes.put(p.position(), type);
      }
    }
    for (int pos = 1; pos <= spec.parameters().size(); pos++) {
      if (!seen.containsKey(pos)) {
        problem(
            "parameters",
            "parameter positions run from 1 without gaps; "
                + pos
                + " is missing (declared: "
                + new java.util.TreeSet<>(seen.keySet())
                + ")");
        break;
      }
    }
  }

  // ---- inputs --------------------------------------------------------------------------------

  private void checkInputs() {
    for (int i = 0; i < spec.inputs().size(); i++) {
      InputSpec input = spec.inputs().get(i);
      String path = "inputs[" + i + "]";
      if (input.columns().isEmpty()) {
        problem(path + ".columns", "input '" + input.name() + "' declares no columns");
      }
      List<DerivedColumn> derived = declaredColumns(input.columns(), path + ".columns");
      checkKeyColumns(input.primaryKey(), input.owner(), derived, path);
      columns.put(input.name(), derived);
    }
  }

  private List<DerivedColumn> declaredColumns(List<ColumnSpec> declared, String path) {
    List<DerivedColumn> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int c = 0; c < declared.size(); c++) {
      ColumnSpec col = declared.get(c);
      String cp = path + "[" + c + "]";
      identifier(col.name(), cp + ".name");
      if (!seen.add(col.name())) {
        problem(cp + ".name", "duplicate column '" + col.name() + "'");
      }
      out.add(
          new DerivedColumn(
              col.name(), parseType(col.type(), cp + ".type", col.nullable()), col.semantic()));
    }
    return out;
  }

  private void checkKeyColumns(
      List<String> primaryKey, String owner, List<DerivedColumn> cols, String path) {
    List<String> names = cols.stream().map(DerivedColumn::name).toList();
    for (int k = 0; k < primaryKey.size(); k++) {
      if (!names.contains(primaryKey.get(k))) {
        problem(
            path + ".primary_key[" + k + "]",
            unknownColumn(primaryKey.get(k), names, "the primary key"));
      }
    }
    if (owner != null && !names.contains(owner)) {
      problem(path + ".owner", unknownColumn(owner, names, "the owner column"));
    }
  }

  private TypeSpec parseType(String text, String path, boolean nullable) {
    try {
      return TypeSpec.parse(text).withNullable(nullable);
    } catch (TypeSyntaxException e) {
      problem(path, e.getMessage());
      return null;
    }
  }

  // ---- references and cycles -----------------------------------------------------------------

  private void checkReferences() {
    for (int i = 0; i < spec.views().size(); i++) {
      ViewSpec v = spec.views().get(i);
      for (int d = 0; d < v.dependencies().size(); d++) {
        String dep = v.dependencies().get(d);
        String path = "views[" + i + "]." + v.dependencyFields().get(d);
        if (!declaredAt.containsKey(dep)) {
          problem(
              path,
              "unknown input or view '"
                  + dep
                  + "'"
                  + DidYouMean.hint(dep, declaredAt.keySet())
                  + " Declare it under inputs or views.");
        } else if (dep.equals(v.name())) {
          problem(path, "view '" + dep + "' reads itself; a view can only read earlier results");
        }
      }
      if (v instanceof SourceView s && views.containsKey(s.input())) {
        problem(
            "views[" + i + "].input",
            "a SOURCE view reads an input, but '"
                + s.input()
                + "' is a view; use FILTER or PROJECT to build on a view");
      }
      if (TABLE_READING.contains(v.kind())
          && views.containsKey(v.dependencies().get(0))
          && !v.dependencies().get(0).equals(v.name())) {
        problem(
            "views[" + i + "].input",
            "a "
                + v.kind()
                + " view reads the Delta table behind an input, but '"
                + v.dependencies().get(0)
                + "' is a view; name one of the inputs "
                + spec.inputs().stream().map(InputSpec::name).toList());
      }
    }
  }

  /** Kinds that read the table behind an input (its log, files or change feed), not its rows. */
  private static final Set<ViewKind> TABLE_READING =
      Set.of(ViewKind.CDF, ViewKind.METADATA, ViewKind.FILE_MANIFEST);

  /** Views in an order where each comes after what it reads; fails on cycles. */
  private List<String> topologicalOrder() {
    List<String> order = new ArrayList<>();
    Map<String, Integer> state = new HashMap<>(); // 1 visiting, 2 done
    for (ViewSpec v : spec.views()) {
      if (views.get(v.name()) == v) {
        visit(v.name(), state, new ArrayDeque<>(), order);
      }
    }
    return order;
  }

  private void visit(
      String name, Map<String, Integer> state, Deque<String> stack, List<String> order) {
    Integer s = state.get(name);
    if (s != null && s == 2) {
      return;
    }
    if (s != null && s == 1) {
      List<String> cycle = new ArrayList<>();
      boolean in = false;
      for (String n : (Iterable<String>) stack::descendingIterator) {
        in |= n.equals(name);
        if (in) {
          cycle.add(n);
        }
      }
      cycle.add(name);
      problem(
          "views[" + viewIndex.get(name) + "]",
          "views form a cycle: "
              + String.join(" -> ", cycle)
              + "; break it so each view reads only"
              + " earlier results");
      return;
    }
    state.put(name, 1);
    stack.push(name);
    for (String dep : views.get(name).dependencies()) {
      if (views.containsKey(dep) && !dep.equals(name)) {
        visit(dep, state, stack, order);
      }
    }
    stack.pop();
    state.put(name, 2);
    order.add(name);
  }

  // ---- outputs and usage ---------------------------------------------------------------------

  private void checkOutputs() {
    for (int i = 0; i < spec.outputs().size(); i++) {
      OutputSpec out = spec.outputs().get(i);
      String path = "outputs[" + i + "]";
      if (!views.containsKey(out.view())) {
        problem(
            path + ".view",
            "unknown view '"
                + out.view()
                + "'"
                + DidYouMean.hint(out.view(), views.keySet())
                + " An output names one of the spec's views.");
        continue;
      }
      List<DerivedColumn> cols = columns.get(out.view());
      if (cols == null) {
        continue; // the view itself has problems, already reported
      }
      checkKeyColumns(out.primaryKey(), out.owner(), cols, path);
      if (!out.columns().isEmpty()) {
        checkContract(out, cols, path);
      }
    }
  }

  private void checkContract(OutputSpec out, List<DerivedColumn> actual, String path) {
    List<DerivedColumn> declared = declaredColumns(out.columns(), path + ".columns");
    List<String> want = declared.stream().map(DerivedColumn::name).toList();
    List<String> got = actual.stream().map(DerivedColumn::name).toList();
    if (!want.equals(got)) {
      problem(
          path + ".view",
          "view '"
              + out.view()
              + "' produces columns "
              + got
              + " but output '"
              + out.name()
              + "' declares "
              + want
              + "; make the view's final projection match the contract");
      return;
    }
    for (int c = 0; c < declared.size(); c++) {
      TypeSpec w = declared.get(c).type();
      TypeSpec g = actual.get(c).type();
      if (w != null && g != null && !TypeSpec.sameIgnoringNullability(w, g)) {
        problem(
            path + ".columns[" + c + "].type",
            "view '"
                + out.view()
                + "' produces "
                + g.withNullable(true).render()
                + " for column '"
                + want.get(c)
                + "' but the output declares "
                + w.withNullable(true).render()
                + "; add a cast in the view");
      }
    }
  }

  private Map<String, Integer> countConsumers() {
    Map<String, Integer> counts = new HashMap<>();
    for (ViewSpec v : spec.views()) {
      for (String dep : new HashSet<>(v.dependencies())) {
        counts.merge(dep, 1, Integer::sum);
      }
    }
    for (OutputSpec o : spec.outputs()) {
      counts.merge(o.view(), 1, Integer::sum);
    }
    return counts;
  }

  private void warnUnused(Map<String, Integer> consumers) {
    Set<String> reachable = new HashSet<>();
    Deque<String> todo = new ArrayDeque<>();
    spec.outputs().forEach(o -> todo.add(o.view()));
    while (!todo.isEmpty()) {
      String n = todo.pop();
      if (reachable.add(n) && views.containsKey(n)) {
        todo.addAll(views.get(n).dependencies());
      }
    }
    for (int i = 0; i < spec.views().size(); i++) {
      String name = spec.views().get(i).name();
      if (!reachable.contains(name)) {
        warnings.add(
            new SpecProblem(
                "views[" + i + "]",
                "view '" + name + "' is not used by any output; remove it or use it"));
      }
    }
    for (int i = 0; i < spec.inputs().size(); i++) {
      InputSpec input = spec.inputs().get(i);
      if (!reachable.contains(input.name()) && !input.optional()) {
        warnings.add(
            new SpecProblem(
                "inputs[" + i + "]",
                "input '"
                    + input.name()
                    + "' is not read by any output; remove it or mark it"
                    + " optional"));
      }
    }
  }

  // ---- columns through view kinds ------------------------------------------------------------

  private static String unknownColumn(String name, List<String> known, String what) {
    return "unknown column '"
        + name
        + "' for "
        + what
        + DidYouMean.hint(name, known)
        + " Available: "
        + known;
  }

  /** Derives each view's output columns and checks every column it references. */
  private final class ViewColumns implements ViewVisitor<List<DerivedColumn>> {
    private final String path;

    ViewColumns(String path) {
      this.path = path;
    }

    @Override
    public List<DerivedColumn> visitSource(SourceView v) {
      List<DerivedColumn> in = columns.get(v.input());
      if (v.columns().isEmpty()) {
        return in;
      }
      List<DerivedColumn> out = new ArrayList<>();
      Map<String, DerivedColumn> byName = byName(in);
      for (int c = 0; c < v.columns().size(); c++) {
        String name = v.columns().get(c);
        DerivedColumn col = byName.get(name);
        if (col == null) {
          problem(
              path + ".columns[" + c + "]",
              unknownColumn(name, names(in), "input '" + v.input() + "'"));
        } else {
          out.add(col);
        }
      }
      return out;
    }

    @Override
    public List<DerivedColumn> visitFilter(FilterView v) {
      List<DerivedColumn> in = columns.get(v.input());
      TypeSpec t = typeOf(v.where(), path + ".where", plain(in, v.input()));
      requireBoolean(t, path + ".where");
      return in;
    }

    @Override
    public List<DerivedColumn> visitProject(ProjectView v) {
      List<DerivedColumn> in = columns.get(v.input());
      return select(v.select(), plain(in, v.input()));
    }

    @Override
    public List<DerivedColumn> visitJoin(JoinView v) {
      List<DerivedColumn> left = columns.get(v.left());
      List<DerivedColumn> right = columns.get(v.right());
      Map<String, DerivedColumn> l = byName(left);
      Map<String, DerivedColumn> r = byName(right);
      List<JoinKey> keys = v.on();
      if (keys.isEmpty()) {
        keys = inferKeys(v, left, right);
      }
      for (int k = 0; k < keys.size(); k++) {
        JoinKey key = keys.get(k);
        String kp = path + ".on[" + k + "]";
        if (!l.containsKey(key.left())) {
          problem(
              kp + ".left", unknownColumn(key.left(), names(left), "left side '" + v.left() + "'"));
        }
        if (!r.containsKey(key.right())) {
          problem(
              kp + ".right",
              unknownColumn(key.right(), names(right), "right side '" + v.right() + "'"));
        }
        if (l.containsKey(key.left()) && r.containsKey(key.right())) {
          TypeSpec lt = l.get(key.left()).type();
          TypeSpec rt = r.get(key.right()).type();
          if (lt != null && rt != null && !TypeSpec.sameIgnoringNullability(lt, rt)) {
            problem(
                kp,
                "join keys differ in type: left '"
                    + key.left()
                    + "' is "
                    + lt.withNullable(true).render()
                    + ", right '"
                    + key.right()
                    + "' is "
                    + rt.withNullable(true).render()
                    + "; cast one side in a PROJECT first");
          }
        }
      }
      boolean leftNullable = v.type() == JoinType.RIGHT || v.type() == JoinType.FULL;
      boolean rightNullable = v.type() == JoinType.LEFT || v.type() == JoinType.FULL;
      Function<String, Optional<DerivedColumn>> scope =
          name -> {
            if (name.startsWith(JoinView.LEFT_QUALIFIER)) {
              return side(l, name.substring(JoinView.LEFT_QUALIFIER.length()), leftNullable);
            }
            if (name.startsWith(JoinView.RIGHT_QUALIFIER)) {
              return side(r, name.substring(JoinView.RIGHT_QUALIFIER.length()), rightNullable);
            }
            return Optional.empty();
          };
      List<String> qualified = new ArrayList<>();
      left.forEach(c -> qualified.add(JoinView.LEFT_QUALIFIER + c.name()));
      right.forEach(c -> qualified.add(JoinView.RIGHT_QUALIFIER + c.name()));
      Scope joinScope =
          new Scope(
              scope,
              name ->
                  joinMiss(name, l, r)
                      + DidYouMean.hint(name, qualified)
                      + " Available: "
                      + qualified);
      if (v.where() != null) {
        requireBoolean(typeOf(v.where(), path + ".where", joinScope), path + ".where");
      }
      return select(v.select(), joinScope);
    }

    /**
     * The keys of a JOIN without {@code on}: the pairs of a left and a right column with the same
     * identifying semantic type. Exactly one pair is needed; none or several is an error that lists
     * what was found.
     */
    private List<JoinKey> inferKeys(
        JoinView v, List<DerivedColumn> left, List<DerivedColumn> right) {
      List<JoinKey> candidates = new ArrayList<>();
      List<String> described = new ArrayList<>();
      for (DerivedColumn lc : left) {
        for (DerivedColumn rc : right) {
          if (lc.semantic() != null
              && lc.semantic().identifies()
              && lc.semantic() == rc.semantic()) {
            candidates.add(new JoinKey(lc.name(), rc.name()));
            described.add(
                "{left: "
                    + lc.name()
                    + ", right: "
                    + rc.name()
                    + "} ("
                    + lc.semantic().specName()
                    + ")");
          }
        }
      }
      if (candidates.size() == 1) {
        inferredJoinKeys.put(v.name(), candidates);
        return candidates;
      }
      if (candidates.isEmpty()) {
        problem(
            path + ".on",
            "no join keys given and none can be inferred: no column of '"
                + v.left()
                + "' has the semantic type of a column of '"
                + v.right()
                + "'; write 'on: [{left: .., right: ..}]' or declare 'semantic' on the key columns");
      } else {
        problem(
            path + ".on",
            "no join keys given and the inference is ambiguous; candidates: "
                + String.join(", ", described)
                + "; write 'on' with the pairs you mean");
      }
      return List.of();
    }

    @Override
    public List<DerivedColumn> visitUnion(UnionView v) {
      if (v.inputs().size() < 2) {
        problem(path + ".inputs", "a UNION needs at least two inputs");
      }
      Map<String, DerivedColumn> merged = new LinkedHashMap<>();
      Map<String, String> firstFrom = new HashMap<>();
      for (int k = 0; k < v.inputs().size(); k++) {
        String in = v.inputs().get(k);
        for (DerivedColumn c : columns.get(in)) {
          DerivedColumn prev = merged.get(c.name());
          if (prev == null) {
            merged.put(c.name(), c);
            firstFrom.put(c.name(), in);
          } else if (prev.type() instanceof ScalarType ps
              && c.type() instanceof ScalarType cs
              && ps.kind() != cs.kind()
              && ScalarKind.widen(ps.kind(), cs.kind()).isPresent()) {
            // Numeric columns widen (INT + BIGINT -> BIGINT); the compiler casts the narrower.
            merged.put(
                c.name(),
                prev.withType(new ScalarType(ScalarKind.widen(ps.kind(), cs.kind()).get(), true)));
          } else if (prev.type() != null
              && c.type() != null
              && !TypeSpec.sameIgnoringNullability(prev.type(), c.type())) {
            problem(
                path + ".inputs[" + k + "]",
                "column '"
                    + c.name()
                    + "' is "
                    + c.type().withNullable(true).render()
                    + " in '"
                    + in
                    + "' but "
                    + prev.type().withNullable(true).render()
                    + " in '"
                    + firstFrom.get(c.name())
                    + "'; only numeric types widen, cast it to one type before the UNION");
          } else if (prev.type() == null && c.type() != null) {
            merged.put(c.name(), c);
          }
        }
      }
      List<DerivedColumn> out = new ArrayList<>();
      for (DerivedColumn c : merged.values()) {
        out.add(c.withType(c.type() == null ? null : c.type().withNullable(true)));
      }
      return out;
    }

    @Override
    public List<DerivedColumn> visitAggregate(AggregateView v) {
      List<DerivedColumn> in = columns.get(v.input());
      Map<String, DerivedColumn> byName = byName(in);
      List<DerivedColumn> out = new ArrayList<>();
      Set<String> names = new HashSet<>();
      for (int g = 0; g < v.groupBy().size(); g++) {
        String name = v.groupBy().get(g);
        DerivedColumn col = byName.get(name);
        if (col == null) {
          problem(
              path + ".group_by[" + g + "]",
              unknownColumn(name, names(in), "input '" + v.input() + "'"));
        } else {
          out.add(col);
          names.add(name);
        }
      }
      if (v.aggregates().isEmpty() && v.groupBy().isEmpty()) {
        problem(path, "an AGGREGATE needs group_by columns, aggregates, or both");
      }
      Scope scope = plain(in, v.input());
      for (int a = 0; a < v.aggregates().size(); a++) {
        Aggregate agg = v.aggregates().get(a);
        String ap = path + ".aggregates[" + a + "]";
        identifier(agg.name(), ap + ".name");
        if (!names.add(agg.name())) {
          problem(ap + ".name", "duplicate column '" + agg.name() + "' in the aggregate's output");
        }
        TypeSpec argType = agg.arg() == null ? null : typeOf(agg.arg(), ap + ".arg", scope);
        TypeSpec type =
            switch (agg.function()) {
              case COUNT, COUNT_DISTINCT -> new ScalarType(ScalarKind.BIGINT, false);
              case MIN, MAX, FIRST_VALUE, LAST_VALUE ->
                  argType == null ? null : argType.withNullable(true);
              case ARRAY_AGG -> argType == null ? null : new ArrayType(argType, true);
              case SUM, AVG -> null;
            };
        out.add(new DerivedColumn(agg.name(), type));
      }
      return out;
    }

    @Override
    public List<DerivedColumn> visitUnnest(UnnestView v) {
      List<DerivedColumn> in = columns.get(v.input());
      Map<String, DerivedColumn> byName = byName(in);
      DerivedColumn arr = byName.get(v.column());
      TypeSpec element = null;
      if (arr == null) {
        problem(
            path + ".column", unknownColumn(v.column(), names(in), "input '" + v.input() + "'"));
      } else if (arr.type() instanceof ArrayType a) {
        element = a.element().withNullable(true);
      } else if (arr.type() != null) {
        problem(
            path + ".column",
            "UNNEST needs an ARRAY column, but '" + v.column() + "' is " + arr.type().render());
      }
      List<DerivedColumn> out = new ArrayList<>(in);
      identifier(v.as(), path + ".as");
      if (byName.containsKey(v.as())) {
        problem(
            path + ".as",
            "column '" + v.as() + "' already exists in '" + v.input() + "'; pick another name");
      }
      out.add(new DerivedColumn(v.as(), element));
      return out;
    }

    @Override
    public List<DerivedColumn> visitDedupe(DedupeView v) {
      List<DerivedColumn> in = columns.get(v.input());
      if (v.key().isEmpty()) {
        problem(path + ".key", "a DEDUPE needs at least one key column: the rows to keep one of");
      }
      columnList(v.key(), in, v.input(), path + ".key");
      if (v.orderBy().isEmpty()) {
        problem(
            path + ".order_by",
            "a DEDUPE needs order_by: which row of each key comes first must not depend on"
                + " arrival order");
      }
      sortKeys(v.orderBy(), in, v.input());
      return in;
    }

    @Override
    public List<DerivedColumn> visitWindow(WindowView v) {
      List<DerivedColumn> in = columns.get(v.input());
      Map<String, DerivedColumn> byName = byName(in);
      columnList(v.partitionBy(), in, v.input(), path + ".partition_by");
      if (v.orderBy().isEmpty()) {
        problem(path + ".order_by", "a WINDOW needs order_by: its frames and ranks follow it");
      }
      sortKeys(v.orderBy(), in, v.input());
      checkFrame(v, byName);
      if (v.functions().isEmpty()) {
        problem(path + ".functions", "a WINDOW needs at least one {name, function}");
      }
      List<DerivedColumn> out = new ArrayList<>(in);
      Set<String> names = new HashSet<>(byName.keySet());
      Scope scope = plain(in, v.input());
      for (int f = 0; f < v.functions().size(); f++) {
        WindowCall call = v.functions().get(f);
        String fp = path + ".functions[" + f + "]";
        identifier(call.name(), fp + ".name");
        if (!names.add(call.name())) {
          problem(
              fp + ".name",
              "column '"
                  + call.name()
                  + "' already exists in the window's output; pick another"
                  + " name");
        }
        if (call.function().ranking() && call.arg() != null) {
          problem(
              fp + ".arg",
              call.function().name().toLowerCase(java.util.Locale.ROOT) + " takes no arg");
        }
        TypeSpec argType = call.arg() == null ? null : typeOf(call.arg(), fp + ".arg", scope);
        offsetArguments(call, argType, fp, scope);
        if ((call.function() == WindowFunction.SUM || call.function() == WindowFunction.AVG)
            && argType != null
            && !(argType instanceof ScalarType st && st.kind().isNumeric())) {
          problem(
              fp + ".arg",
              call.function().name().toLowerCase(java.util.Locale.ROOT)
                  + " needs a numeric arg, but this is "
                  + argType.withNullable(true).render());
        }
        TypeSpec type =
            switch (call.function()) {
              case ROW_NUMBER, RANK, DENSE_RANK, COUNT -> new ScalarType(ScalarKind.BIGINT, false);
              case MIN, MAX, FIRST_VALUE, LAST_VALUE, LEAD, LAG ->
                  argType == null ? null : argType.withNullable(true);
              case SUM, AVG -> null;
            };
        out.add(new DerivedColumn(call.name(), type));
      }
      return out;
    }

    /** Checks {@code offset} and {@code default}: only lead and lag take them. */
    private void offsetArguments(WindowCall call, TypeSpec argType, String fp, Scope scope) {
      String fn = call.function().name().toLowerCase(java.util.Locale.ROOT);
      if (!call.function().offsetting()) {
        if (call.offset() != null) {
          problem(fp + ".offset", fn + " takes no offset; only lead and lag do");
        }
        if (call.defaultValue() != null) {
          problem(fp + ".default", fn + " takes no default; only lead and lag do");
        }
        return;
      }
      if (call.offset() < 1) {
        problem(
            fp + ".offset",
            fn + " reads the row 'offset' rows away: 1 or more, found " + call.offset());
      }
      if (call.defaultValue() != null) {
        TypeSpec d = typeOf(call.defaultValue(), fp + ".default", scope);
        if (d != null
            && argType != null
            && !TypeSpec.sameIgnoringNullability(d, argType)
            && !(d instanceof ScalarType ds
                && argType instanceof ScalarType as
                && ds.kind().isNumeric()
                && as.kind().isNumeric())) {
          problem(
              fp + ".default",
              "the default of "
                  + fn
                  + " stands in for arg, which is "
                  + argType.withNullable(true).render()
                  + ", but the default is "
                  + d.withNullable(true).render()
                  + "; give it arg's type (a cast)");
        }
      }
    }

    private void checkFrame(WindowView v, Map<String, DerivedColumn> byName) {
      WindowFrame frame = v.frame();
      if (frame.preceding() != null && frame.preceding() < 0) {
        problem(
            path + ".frame.preceding", "a frame bound counts back from the current row: 0 or more");
      }
      if (frame.following() != null && frame.following() < 0) {
        problem(
            path + ".frame.following", "a frame bound counts on from the current row: 0 or more");
      }
      boolean running = frame.preceding() == null && Integer.valueOf(0).equals(frame.following());
      if (!running) {
        for (int f = 0; f < v.functions().size(); f++) {
          if (v.functions().get(f).function().ranking()
              || v.functions().get(f).function().offsetting()) {
            problem(
                path + ".frame",
                v.functions().get(f).function().name().toLowerCase(java.util.Locale.ROOT)
                    + " (functions["
                    + f
                    + "]) numbers the partition from its first row to the current one and takes"
                    + " no other frame; put it in a WINDOW without one");
            break;
          }
        }
      }
      boolean offsets =
          (frame.preceding() != null && frame.preceding() > 0)
              || (frame.following() != null && frame.following() > 0);
      if (frame.unit() == FrameUnit.RANGE && offsets) {
        DerivedColumn only =
            v.orderBy().size() == 1 ? byName.get(v.orderBy().get(0).column()) : null;
        if (v.orderBy().size() != 1
            || (only != null
                && only.type() != null
                && !(only.type() instanceof ScalarType st && st.kind().isNumeric()))) {
          problem(
              path + ".frame",
              "a range frame with offsets measures them on the one order_by column, which must be"
                  + " numeric; order by exactly one numeric column or use unit: rows");
        }
      }
    }

    /** Checks a list of column names of {@code relation}: known, and each named once. */
    private void columnList(
        List<String> names, List<DerivedColumn> in, String relation, String listPath) {
      Set<String> seen = new HashSet<>();
      Map<String, DerivedColumn> byName = byName(in);
      for (int k = 0; k < names.size(); k++) {
        String name = names.get(k);
        if (!byName.containsKey(name)) {
          problem(
              listPath + "[" + k + "]", unknownColumn(name, names(in), "input '" + relation + "'"));
        } else if (!seen.add(name)) {
          problem(listPath + "[" + k + "]", "column '" + name + "' is listed twice");
        }
      }
    }

    private void sortKeys(List<SortKey> keys, List<DerivedColumn> in, String relation) {
      Map<String, DerivedColumn> byName = byName(in);
      for (int k = 0; k < keys.size(); k++) {
        String kp = path + ".order_by[" + k + "].column";
        DerivedColumn col = byName.get(keys.get(k).column());
        if (col == null) {
          problem(kp, unknownColumn(keys.get(k).column(), names(in), "input '" + relation + "'"));
        } else if (col.type() != null && !(col.type() instanceof ScalarType)) {
          problem(
              kp,
              "cannot order by '"
                  + col.name()
                  + "': it is "
                  + col.type().withNullable(true).render()
                  + "; order by a scalar column");
        }
      }
    }

    @Override
    public List<DerivedColumn> visitUdtf(UdtfView v) {
      List<DerivedColumn> in = columns.get(v.input());
      identifier(v.function(), path + ".function");
      Scope scope = plain(in, v.input());
      for (int a = 0; a < v.args().size(); a++) {
        typeOf(v.args().get(a), path + ".args[" + a + "]", scope);
      }
      if (v.columns().isEmpty()) {
        problem(
            path + ".columns",
            "a UDTF needs its output columns: one {name, type} per field the function emits");
      }
      List<DerivedColumn> declared = declaredColumns(v.columns(), path + ".columns");
      List<DerivedColumn> out = new ArrayList<>(in);
      Set<String> inputNames = new HashSet<>(names(in));
      for (int c = 0; c < declared.size(); c++) {
        DerivedColumn col = declared.get(c);
        if (inputNames.contains(col.name())) {
          problem(
              path + ".columns[" + c + "].name",
              "column '"
                  + col.name()
                  + "' already exists in '"
                  + v.input()
                  + "'; pick another name for the function's output");
        }
        // A left lateral join pads rows the function emits nothing for with NULLs.
        boolean padded = v.join() == LateralJoin.LEFT && col.type() != null;
        out.add(padded ? col.withType(col.type().withNullable(true)) : col);
      }
      return out;
    }

    @Override
    public List<DerivedColumn> visitCdf(CdfView v) {
      List<DerivedColumn> in = columns.get(v.input());
      if (v.startVersion() == null && v.startTimestamp() == null) {
        problem(path, "a CDF view needs where its range starts: start_version or start_timestamp");
      } else if (v.startVersion() != null && v.startTimestamp() != null) {
        problem(path + ".start_timestamp", "give start_version or start_timestamp, not both");
      }
      if (v.endVersion() != null && v.endTimestamp() != null) {
        problem(path + ".end_timestamp", "give end_version or end_timestamp, not both");
      }
      if (v.startVersion() != null && v.startVersion() < 0) {
        problem(path + ".start_version", "table versions start at 0, found " + v.startVersion());
      }
      if (v.endVersion() != null && v.endVersion() < 0) {
        problem(path + ".end_version", "table versions start at 0, found " + v.endVersion());
      }
      if (v.startVersion() != null
          && v.endVersion() != null
          && v.endVersion() >= 0
          && v.endVersion() < v.startVersion()) {
        problem(
            path + ".end_version",
            "the range ends (version "
                + v.endVersion()
                + ") before it starts (version "
                + v.startVersion()
                + ")");
      }
      Instant start = instant(v.startTimestamp(), path + ".start_timestamp");
      Instant end = instant(v.endTimestamp(), path + ".end_timestamp");
      if (start != null && end != null && end.isBefore(start)) {
        problem(
            path + ".end_timestamp",
            "the range ends (" + end + ") before it starts (" + start + ")");
      }
      List<DerivedColumn> out = new ArrayList<>(in);
      Set<String> inputNames = new HashSet<>(names(in));
      for (ColumnSpec c : CdfView.CHANGE_COLUMNS) {
        if (inputNames.contains(c.name())) {
          problem(
              path + ".input",
              "input '"
                  + v.input()
                  + "' has a column '"
                  + c.name()
                  + "', which a CDF view adds; rename it in the input");
        }
        out.add(new DerivedColumn(c.name(), c.typeSpec()));
      }
      return out;
    }

    /** An ISO-8601 instant, or null (a problem at {@code at} when it does not parse). */
    private Instant instant(String text, String at) {
      if (text == null) {
        return null;
      }
      try {
        return Instant.parse(text);
      } catch (DateTimeParseException e) {
        problem(
            at,
            "'" + text + "' is not an ISO-8601 instant; write it in UTC like 2026-01-31T12:00:00Z");
        return null;
      }
    }

    @Override
    public List<DerivedColumn> visitMetadata(MetadataView v) {
      return fixedColumns(MetadataView.COLUMNS);
    }

    @Override
    public List<DerivedColumn> visitFileManifest(FileManifestView v) {
      return fixedColumns(FileManifestView.COLUMNS);
    }

    private List<DerivedColumn> fixedColumns(List<ColumnSpec> columns) {
      return columns.stream().map(c -> new DerivedColumn(c.name(), c.typeSpec())).toList();
    }

    @Override
    public List<DerivedColumn> visitSpanJoin(SpanJoinView v) {
      spanColumns(v.leftSpan(), columns.get(v.left()), v.left(), path + ".left_span");
      spanColumns(v.rightSpan(), columns.get(v.right()), v.right(), path + ".right_span");
      // The keys, the user's residual and the select are checked as the equivalent JOIN's; the span
      // condition itself only needs its columns, checked above with their own paths.
      return visitJoin(
          new JoinView(v.name(), v.left(), v.right(), v.type(), v.on(), v.where(), v.select()));
    }

    /** Checks that both columns of {@code span} exist in {@code in} and hold integers. */
    private void spanColumns(Span span, List<DerivedColumn> in, String relation, String spanPath) {
      Map<String, DerivedColumn> byName = byName(in);
      for (String[] part :
          List.of(new String[] {"start", span.start()}, new String[] {"end", span.end()})) {
        DerivedColumn col = byName.get(part[1]);
        String cp = spanPath + "." + part[0];
        if (col == null) {
          problem(cp, unknownColumn(part[1], names(in), "'" + relation + "'"));
        } else if (col.type() != null
            && !(col.type() instanceof ScalarType st
                && st.kind().isNumeric()
                && st.kind() != ScalarKind.FLOAT
                && st.kind() != ScalarKind.DOUBLE)) {
          problem(
              cp,
              "a span bound is a byte offset, an integer column, but '"
                  + part[1]
                  + "' is "
                  + col.type().withNullable(true).render());
        }
      }
    }

    private List<DerivedColumn> select(List<NamedExpr> select, Scope scope) {
      if (select.isEmpty()) {
        problem(path + ".select", "'select' needs at least one {name, expr}");
      }
      List<DerivedColumn> out = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      for (int s = 0; s < select.size(); s++) {
        NamedExpr ne = select.get(s);
        String sp = path + ".select[" + s + "]";
        identifier(ne.name(), sp + ".name");
        if (!seen.add(ne.name())) {
          problem(sp + ".name", "duplicate output column '" + ne.name() + "'");
        }
        TypeSpec type = typeOf(ne.expr(), sp + ".expr", scope);
        // A column passed on unchanged keeps its meaning, so later joins can infer keys from it.
        SemanticType semantic =
            ne.expr() instanceof ColumnRef ref
                ? scope.lookup().apply(ref.name()).map(DerivedColumn::semantic).orElse(null)
                : null;
        out.add(new DerivedColumn(ne.name(), type, semantic));
      }
      return out;
    }

    private void requireBoolean(TypeSpec t, String p) {
      if (t != null && !(t instanceof ScalarType s && s.kind() == ScalarKind.BOOLEAN)) {
        problem(p, "a condition must be BOOLEAN, but this is " + t.withNullable(true).render());
      }
    }
  }

  private static String joinMiss(
      String name, Map<String, DerivedColumn> left, Map<String, DerivedColumn> right) {
    if (!name.contains(".")) {
      return "unqualified column '"
          + name
          + "' in a JOIN; write left."
          + name
          + " or right."
          + name;
    }
    String bare = name.substring(name.indexOf('.') + 1);
    if (name.startsWith(JoinView.LEFT_QUALIFIER) && right.containsKey(bare)) {
      return "'" + bare + "' is a column of the right side; write right." + bare;
    }
    if (name.startsWith(JoinView.RIGHT_QUALIFIER) && left.containsKey(bare)) {
      return "'" + bare + "' is a column of the left side; write left." + bare;
    }
    return "unknown column '" + name + "'";
  }

  private static Optional<DerivedColumn> side(
      Map<String, DerivedColumn> cols, String name, boolean nullable) {
    DerivedColumn c = cols.get(name);
    if (c == null) {
      return Optional.empty();
    }
    return Optional.of(nullable && c.type() != null ? c.withType(c.type().withNullable(true)) : c);
  }

  private Scope plain(List<DerivedColumn> in, String relation) {
    Map<String, DerivedColumn> byName = byName(in);
    return new Scope(
        name -> Optional.ofNullable(byName.get(name)),
        name -> unknownColumn(name, names(in), "'" + relation + "'"));
  }

  private static Map<String, DerivedColumn> byName(List<DerivedColumn> cols) {
    Map<String, DerivedColumn> m = new LinkedHashMap<>();
    cols.forEach(c -> m.put(c.name(), c));
    return m;
  }

  private static List<String> names(List<DerivedColumn> cols) {
    return cols.stream().map(DerivedColumn::name).toList();
  }

  /** The columns an expression may name, and how to explain a miss. */
  private record Scope(
      Function<String, Optional<DerivedColumn>> lookup, Function<String, String> unknown) {}

  private TypeSpec typeOf(Expr expr, String path, Scope scope) {
    return expr.accept(new ExprTypes(path, scope));
  }

  /**
   * Checks column references and literal/cast types, and derives an expression's type where that is
   * possible without the engine's function catalog (null when not).
   */
  private final class ExprTypes implements ExprVisitor<TypeSpec> {
    private final String path;
    private final Scope scope;

    ExprTypes(String path, Scope scope) {
      this.path = path;
      this.scope = scope;
    }

    private TypeSpec child(Expr.Child c) {
      return c.expr().accept(new ExprTypes(path + "." + c.step(), scope));
    }

    private List<TypeSpec> children(Expr e) {
      return e.children().stream().map(this::child).toList();
    }

    private TypeSpec bool(Expr e) {
      children(e);
      return new ScalarType(ScalarKind.BOOLEAN, true);
    }

    @Override
    public TypeSpec visitColumn(ColumnRef e) {
      Optional<DerivedColumn> c = scope.lookup().apply(e.name());
      if (c.isEmpty()) {
        problem(path + ".col", scope.unknown().apply(e.name()));
        return null;
      }
      return c.get().type();
    }

    @Override
    public TypeSpec visitLiteral(Literal e) {
      String t = e.effectiveType();
      TypeSpec type = parseType(t, path + (e.type() == null ? "" : ".type"), true);
      if (type != null && e.type() != null && e.value() != null && !literalFits(e.value(), type)) {
        problem(
            path + ".lit",
            "literal " + e.value() + " does not fit the declared type " + type.render());
      }
      return type;
    }

    @Override
    public TypeSpec visitCall(FunctionCall e) {
      children(e);
      if (e.function().equalsIgnoreCase("stable_hash_id")) {
        return new ScalarType(ScalarKind.STRING, false);
      }
      return null;
    }

    @Override
    public TypeSpec visitComparison(Comparison e) {
      return bool(e);
    }

    @Override
    public TypeSpec visitLogical(Logical e) {
      return bool(e);
    }

    @Override
    public TypeSpec visitNot(Not e) {
      return bool(e);
    }

    @Override
    public TypeSpec visitNullTest(NullTest e) {
      children(e);
      return new ScalarType(ScalarKind.BOOLEAN, false);
    }

    @Override
    public TypeSpec visitArithmetic(Arithmetic e) {
      children(e);
      return null;
    }

    @Override
    public TypeSpec visitIn(In e) {
      return bool(e);
    }

    @Override
    public TypeSpec visitCase(CaseWhen e) {
      List<Expr.Child> kids = e.children();
      TypeSpec result = null;
      for (Expr.Child c : kids) {
        TypeSpec t = child(c);
        if (result == null && !c.step().endsWith(".if")) {
          result = t;
        }
      }
      return result == null ? null : result.withNullable(true);
    }

    @Override
    public TypeSpec visitCast(Cast e) {
      children(e);
      return parseType(e.type(), path + ".cast.type", true);
    }

    @Override
    public TypeSpec visitStruct(StructOf e) {
      List<RowType.Field> fields = new ArrayList<>();
      boolean known = true;
      for (int i = 0; i < e.fields().size(); i++) {
        NamedValue f = e.fields().get(i);
        identifier(f.name(), path + ".struct." + f.name());
        TypeSpec t = child(e.children().get(i));
        known &= t != null;
        fields.add(new RowType.Field(f.name(), t));
      }
      return known ? new RowType(fields, false) : null;
    }

    @Override
    public TypeSpec visitMap(MapOf e) {
      List<TypeSpec> values = children(e);
      TypeSpec value = values.stream().filter(t -> t != null).findFirst().orElse(null);
      return value == null
          ? null
          : new MapType(new ScalarType(ScalarKind.STRING, false), value.withNullable(true), false);
    }

    @Override
    public TypeSpec visitArray(ArrayOf e) {
      TypeSpec first = children(e).get(0);
      return first == null ? null : new ArrayType(first, false);
    }

    @Override
    public TypeSpec visitCoalesce(Coalesce e) {
      return children(e).stream().filter(t -> t != null).findFirst().orElse(null);
    }

    @Override
    public TypeSpec visitParameter(Parameter e) {
      TypeSpec type = parameterTypes.get(e.position());
      if (type == null && spec.parameters().stream().noneMatch(p -> p.position() == e.position())) {
        problem(
            path + ".param",
            "unknown parameter "
                + e.position()
                + "; declare it under 'parameters' (declared positions: "
                + spec.parameters().stream().map(ParameterSpec::position).sorted().toList()
                + ")");
      }
      return type;
    }
  }

  private static boolean literalFits(Object value, TypeSpec type) {
    if (!(type instanceof ScalarType s)) {
      return false;
    }
    return switch (s.kind()) {
      case STRING, DATE, TIMESTAMP, TIMESTAMP_LTZ, BYTES -> value instanceof String;
      case BOOLEAN -> value instanceof Boolean;
      case TINYINT -> value instanceof Long l && l >= Byte.MIN_VALUE && l <= Byte.MAX_VALUE;
      case SMALLINT -> value instanceof Long l && l >= Short.MIN_VALUE && l <= Short.MAX_VALUE;
      case INT -> value instanceof Long l && l == l.intValue();
      case BIGINT -> value instanceof Long;
      case FLOAT, DOUBLE -> value instanceof Double || value instanceof Long;
    };
  }
}
