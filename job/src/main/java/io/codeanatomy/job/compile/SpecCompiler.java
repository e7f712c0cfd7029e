package io.codeanatomy.job.compile;

import static org.apache.flink.table.api.Expressions.$;

import io.codeanatomy.spec.ColumnSpec;
import io.codeanatomy.spec.InputSpec;
import io.codeanatomy.spec.OutputSpec;
import io.codeanatomy.spec.ParameterBinding;
import io.codeanatomy.spec.Spec;
import io.codeanatomy.spec.SpecException;
import io.codeanatomy.spec.SpecValidator;
import io.codeanatomy.spec.ValidatedSpec;
import io.codeanatomy.spec.expr.Literal;
import io.codeanatomy.spec.view.ViewSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.api.ApiExpression;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.types.logical.LogicalType;

/**
 * Compiles a spec into one Table-API plan: inputs come from an {@link InputBinder}, each view
 * becomes a {@link Table} built with {@code Expressions} and {@code Table} methods only (never SQL
 * text), in dependency order. A view read by more than one consumer is registered as a temporary
 * view so that, with the outputs in one {@code StatementSet} and {@code
 * table.optimizer.reuse-optimize-block-with-digest-enabled}, it is planned and computed once; a
 * view read once is inlined so the optimizer sees across it.
 *
 * <p>Every problem — invalid spec, input shapes that differ from the declared ones, unknown
 * functions, types Flink rejects, output contracts not met — is a {@link SpecException} at the spec
 * path concerned.
 */
public final class SpecCompiler {
  private final ValidatedSpec validated;
  private final TableEnvironment env;
  private final InputBinder binder;
  private final FunctionNames functions;
  private final Map<Integer, Literal> parameters;
  private final Map<String, Table> relations = new HashMap<>();

  /** Each input's table as the binder returned it, in the order they were bound. */
  private final Map<String, Table> boundInputs = new LinkedHashMap<>();

  private final OverPlans overPlans;

  private SpecCompiler(
      ValidatedSpec validated,
      TableEnvironment env,
      InputBinder binder,
      Map<Integer, Literal> parameters) {
    this.validated = validated;
    this.env = env;
    this.binder = binder;
    this.functions = new FunctionNames(env.listFunctions());
    this.parameters = parameters;
    this.overPlans = new OverPlans(env);
  }

  /**
   * Validates {@code spec} and builds its plan in {@code env}. UDFs the spec calls (e.g. {@code
   * stable_hash_id}) must already be registered in {@code env}. A spec that declares parameters
   * needs {@link #compile(Spec, TableEnvironment, InputBinder, List)}.
   */
  public static CompiledSpec compile(Spec spec, TableEnvironment env, InputBinder binder) {
    return compile(spec, env, binder, List.of());
  }

  /**
   * Like {@link #compile(Spec, TableEnvironment, InputBinder)}, with {@code parameterValues.get(i)}
   * bound to parameter position {@code i + 1} as a literal of its declared type (checked, see
   * {@link ParameterBinding#bind}).
   */
  public static CompiledSpec compile(
      Spec spec, TableEnvironment env, InputBinder binder, List<?> parameterValues) {
    ValidatedSpec validated = SpecValidator.validate(spec);
    return new SpecCompiler(validated, env, binder, ParameterBinding.bind(spec, parameterValues))
        .run();
  }

  /**
   * The spec's <em>template</em> plan: every parameter bound to one fixed placeholder of its type
   * ({@link ParameterBinding#placeholders}), so its plan digest is the same whatever values a run
   * binds — the digest of the plan with the parameter literals masked.
   */
  public static CompiledSpec compileTemplate(Spec spec, TableEnvironment env, InputBinder binder) {
    ValidatedSpec validated = SpecValidator.validate(spec);
    return new SpecCompiler(validated, env, binder, ParameterBinding.placeholders(spec)).run();
  }

  private CompiledSpec run() {
    Spec spec = validated.spec();
    Map<String, Table> views = new LinkedHashMap<>();
    List<String> registered = new ArrayList<>();
    for (String name : validated.viewOrder()) {
      int index = indexOf(spec.views(), name);
      String path = "views[" + index + "]";
      ViewSpec view = spec.views().get(index);
      Table table =
          view.accept(
              new ViewCompiler(
                  path,
                  this::relation,
                  functions,
                  parameters,
                  validated::joinKeys,
                  overPlans,
                  binder,
                  input -> spec.inputs().get(indexOf(spec.inputs(), input))));
      if (validated.consumerCount(name) > 1) {
        table = register(name, table, path);
        registered.add(name);
      }
      relations.put(name, table);
      views.put(name, table);
    }
    Map<String, Table> outputs = new LinkedHashMap<>();
    for (int i = 0; i < spec.outputs().size(); i++) {
      OutputSpec out = spec.outputs().get(i);
      Table table = relations.get(out.view());
      checkContract(out, table, "outputs[" + i + "]");
      outputs.put(out.name(), table);
    }
    return new CompiledSpec(validated, outputs, views, registered, parameters, boundInputs);
  }

  private Table register(String name, Table table, String path) {
    boolean taken =
        Arrays.asList(env.listTables()).contains(name)
            || Arrays.asList(env.listViews()).contains(name);
    if (taken) {
      throw new SpecException(
          path + ".name",
          "the environment already has a table or view named '"
              + name
              + "'; compile each spec into a fresh TableEnvironment or rename the view");
    }
    env.createTemporaryView(name, table);
    // Consumers keep the Table itself: the planner recognises the shared subtree by its digest, and
    // a lateral join over a catalog view reference loses its correlation in Flink 2.3 (the array
    // column is pruned away from under the table function).
    return table;
  }

  /** An input's or view's table; inputs are bound on first use and checked against the spec. */
  private Table relation(String name) {
    Table t = relations.get(name);
    if (t != null) {
      return t;
    }
    Spec spec = validated.spec();
    int index = indexOf(spec.inputs(), name);
    InputSpec input = spec.inputs().get(index);
    Table bound = bindChecked(input, "inputs[" + index + "]");
    relations.put(name, bound);
    return bound;
  }

  private Table bindChecked(InputSpec input, String path) {
    Table bound = binder.bind(input);
    boundInputs.put(input.name(), bound);
    ResolvedSchema schema = bound.getResolvedSchema();
    List<ApiExpression> select = new ArrayList<>();
    for (int c = 0; c < input.columns().size(); c++) {
      ColumnSpec col = input.columns().get(c);
      String cp = path + ".columns[" + c + "]";
      int idx = schema.getColumnNames().indexOf(col.name());
      if (idx < 0) {
        throw new SpecException(
            cp,
            "the table bound to input '"
                + input.name()
                + "' has no column '"
                + col.name()
                + "' (it has "
                + schema.getColumnNames()
                + "); fix the declaration or the source");
      }
      LogicalType actual = schema.getColumnDataTypes().get(idx).getLogicalType();
      LogicalType declared = FlinkTypes.of(col.typeSpec()).getLogicalType();
      if (!FlinkTypes.sameIgnoringNullability(actual, declared)) {
        throw new SpecException(
            cp + ".type",
            "input '"
                + input.name()
                + "' column '"
                + col.name()
                + "' is declared "
                + FlinkTypes.erase(declared)
                + " but the bound table has "
                + FlinkTypes.erase(actual));
      }
      select.add($(col.name()));
    }
    // Keep exactly the declared columns, in declared order: views see what the spec says.
    return bound.select(select.toArray(ApiExpression[]::new));
  }

  private static void checkContract(OutputSpec out, Table table, String path) {
    if (out.columns().isEmpty()) {
      return;
    }
    ResolvedSchema schema = table.getResolvedSchema();
    for (int c = 0; c < out.columns().size(); c++) {
      ColumnSpec col = out.columns().get(c);
      LogicalType declared = FlinkTypes.of(col.typeSpec()).getLogicalType();
      LogicalType actual = schema.getColumnDataTypes().get(c).getLogicalType();
      if (!FlinkTypes.sameIgnoringNullability(actual, declared)) {
        throw new SpecException(
            path + ".columns[" + c + "].type",
            "view '"
                + out.view()
                + "' produces "
                + FlinkTypes.erase(actual)
                + " for column '"
                + col.name()
                + "' but output '"
                + out.name()
                + "' declares "
                + FlinkTypes.erase(declared)
                + "; add a cast in the view");
      }
    }
  }

  private static int indexOf(List<?> items, String name) {
    for (int i = 0; i < items.size(); i++) {
      Object item = items.get(i);
      String n = item instanceof ViewSpec v ? v.name() : ((InputSpec) item).name();
      if (n.equals(name)) {
        return i;
      }
    }
    throw new IllegalStateException("validated spec lost '" + name + "'");
  }
}
