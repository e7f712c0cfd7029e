package io.codeanatomy.job.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.codeanatomy.job.run.BuildException;
import io.codeanatomy.job.run.RunPlan;
import io.codeanatomy.job.run.Warehouse;
import io.codeanatomy.spec.OutputSpec;
import io.codeanatomy.spec.Spec;
import io.codeanatomy.spec.SpecHash;
import io.codeanatomy.spec.ValidatedSpec;
import io.codeanatomy.spec.expr.Literal;
import io.codeanatomy.spec.view.JoinKey;
import io.codeanatomy.spec.view.JoinView;
import io.codeanatomy.spec.view.ViewSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.util.EnvironmentInformation;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.ExplainDetail;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.catalog.Column;

/**
 * A run's plan on disk, for people to read, diff and re-execute: {@code manifest.json} (what was
 * planned — spec hash and template digest, mode, profile and effective Flink configuration, input
 * versions and schema hashes, outputs, functions, JOIN keys — and the digest of every artifact)
 * beside the artifacts themselves:
 *
 * <ul>
 *   <li>{@code p0-logical.txt}: the logical plan (abstract syntax tree) of every output;
 *   <li>{@code p1-optimized.txt}: the optimized physical and execution plans, where a view several
 *       outputs share is one reused node;
 *   <li>{@code p2-execution.json}: the execution graph Flink submits (operators, parallelism, ship
 *       strategies);
 *   <li>{@code compiled-plan.json}: Flink's compiled plan, which {@code EXECUTE PLAN} or {@code
 *       TableEnvironment#executePlan} runs as is — when Flink can compile the plan (see the
 *       manifest's {@code compiled_plan});
 *   <li>{@code views.dot}: the spec's view DAG ({@link ViewGraph});
 *   <li>{@code sql/<output>.sql}, {@code sql/views/<view>.sql}: each output and view as SQL text,
 *       to read only ({@link OutputSql}).
 * </ul>
 *
 * <p>Same spec, same input versions, same profile: the same bytes. Every artifact but the compiled
 * plan is normalised text ({@link PlanDigest#normalise}: no paths, no JVM counters); the compiled
 * plan keeps its table paths, as it must run, and its digest is taken over its normalised text. The
 * manifest names no path and no time, so its own digest ({@link #digest()}) identifies the bundle.
 */
public record PlanBundle(String manifestJson, SortedMap<String, String> artifacts) {
  public static final String MANIFEST = "manifest.json";
  public static final String LOGICAL = "p0-logical.txt";
  public static final String OPTIMIZED = "p1-optimized.txt";
  public static final String EXECUTION = "p2-execution.json";
  public static final String COMPILED = "compiled-plan.json";
  public static final String VIEWS = "views.dot";

  /** Where each output's SQL text goes: {@code sql/<output>.sql}. */
  public static final String SQL_DIR = "sql/";

  /** The plan artifacts a bundle may hold, in the order they are listed; then {@code sql/}. */
  public static final List<String> ARTIFACTS =
      List.of(LOGICAL, OPTIMIZED, EXECUTION, COMPILED, VIEWS);

  /** Format revision of the manifest; bump when a field changes meaning. */
  static final int FORMAT = 1;

  private static final String EXECUTION_GRAPH = "== Physical Execution Plan ==";
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final Pattern EXEC_NODE = Pattern.compile("\\b(?:Stream|Batch)Exec[A-Za-z]+");

  public PlanBundle {
    artifacts = Collections.unmodifiableSortedMap(new TreeMap<>(artifacts));
  }

  /**
   * Explains {@code plan} (planned over {@code warehouse}; nothing runs) into a bundle.
   *
   * @param profile the runtime profile the plan's session was built for, as the manifest names it
   */
  public static PlanBundle of(RunPlan plan, Warehouse warehouse, String profile) {
    String explain = plan.statements().explain(ExplainDetail.JSON_EXECUTION_PLAN);
    int graph = explain.indexOf(EXECUTION_GRAPH);
    if (graph < 0) {
      throw new IllegalStateException("Flink's EXPLAIN has no section " + EXECUTION_GRAPH);
    }
    PlanDigest digest = PlanDigest.ofExplain(explain.substring(0, graph));
    ValidatedSpec validated = plan.compiled().spec();

    SortedMap<String, String> artifacts = new TreeMap<>();
    artifacts.put(LOGICAL, digest.logicalPlan());
    artifacts.put(OPTIMIZED, digest.optimizedPlan());
    artifacts.put(
        EXECUTION,
        PlanJson.executionGraph(explain.substring(graph + EXECUTION_GRAPH.length()).strip()));
    artifacts.put(VIEWS, ViewGraph.dot(validated));
    OutputSql.of(plan.compiled(), plan.env())
        .forEach((file, sql) -> artifacts.put(SQL_DIR + file, sql));
    String notCompiled = null;
    try {
      artifacts.put(
          COMPILED, PlanJson.compiledPlan(plan.statements().compilePlan().asJsonString()));
    } catch (Exception e) { // the planner's Scala code throws Jackson's checked exceptions too
      notCompiled = whyNotCompiled(plan, e);
    }

    ObjectNode manifest = MAPPER.createObjectNode();
    manifest.put("bundle_format", FORMAT);
    Spec spec = validated.spec();
    ObjectNode specNode = manifest.putObject("spec");
    specNode.put("name", spec.name());
    specNode.put("version", spec.version());
    specNode.put("hash", SpecHash.sha256(spec));
    specNode.put("template_digest", templateDigest(plan));
    manifest.put("mode", plan.streaming() ? "streaming" : "batch");
    manifest.put("profile", profile);
    manifest.put("flink_version", EnvironmentInformation.getVersion());
    ObjectNode config = manifest.putObject("flink_config");
    effectiveConfig(plan.env(), warehouse).forEach(config::put);
    if (!plan.compiled().parameters().isEmpty()) {
      ObjectNode parameters = manifest.putObject("parameters");
      for (Map.Entry<Integer, Literal> p : new TreeMap<>(plan.compiled().parameters()).entrySet()) {
        ObjectNode value = parameters.putObject(Integer.toString(p.getKey()));
        spec.parameters().stream()
            .filter(declared -> declared.position().equals(p.getKey()) && declared.name() != null)
            .findFirst()
            .ifPresent(declared -> value.put("name", declared.name()));
        value.put("type", p.getValue().type());
        value.put("value", String.valueOf(p.getValue().value()));
      }
    }
    inputs(manifest.putArray("inputs"), plan, warehouse);
    outputs(manifest.putArray("outputs"), plan);
    ArrayNode functions = manifest.putArray("functions");
    functionsCalled(spec).forEach(functions::add);
    joinKeys(manifest.putObject("join_keys"), validated);
    ObjectNode compiled = manifest.putObject("compiled_plan");
    compiled.put("written", notCompiled == null);
    if (notCompiled != null) {
      compiled.put("reason", notCompiled);
    }
    ObjectNode digests = manifest.putObject("artifacts");
    artifacts.forEach((name, text) -> digests.put(name, artifactDigest(text)));
    return new PlanBundle(write(manifest), artifacts);
  }

  /** The SHA-256 an artifact is listed with: of its text with paths and counters normalised. */
  public static String artifactDigest(String text) {
    return PlanDigest.sha256(PlanDigest.normalise(text));
  }

  /** SHA-256 of {@code manifest.json}: the bundle's identity. */
  public String digest() {
    return PlanDigest.sha256(manifestJson);
  }

  /** The manifest as a JSON tree. */
  public JsonNode manifest() {
    try {
      return MAPPER.readTree(manifestJson);
    } catch (JsonProcessingException e) {
      throw new BuildException("manifest.json is not JSON: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Writes the bundle into {@code dir} (created if needed), replacing a bundle already there: an
   * artifact this bundle lacks is deleted, so the directory never mixes two plans.
   */
  public void write(Path dir) {
    try {
      Files.createDirectories(dir);
      for (String name : ARTIFACTS) {
        if (!artifacts.containsKey(name)) {
          Files.deleteIfExists(dir.resolve(name));
        }
      }
      Path sql = dir.resolve(SQL_DIR);
      if (Files.isDirectory(sql)) {
        try (var old = Files.walk(sql)) {
          for (Path file : old.sorted(java.util.Comparator.reverseOrder()).toList()) {
            Files.delete(file);
          }
        }
      }
      for (Map.Entry<String, String> artifact : artifacts.entrySet()) {
        Path file = dir.resolve(artifact.getKey());
        Files.createDirectories(file.getParent());
        Files.writeString(file, artifact.getValue());
      }
      Files.writeString(dir.resolve(MANIFEST), manifestJson);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the plan bundle to " + dir, e);
    }
  }

  /** Reads the bundle in {@code dir}: its manifest and the artifacts the manifest lists. */
  public static PlanBundle read(Path dir) {
    Path manifestFile = dir.resolve(MANIFEST);
    if (!Files.isRegularFile(manifestFile)) {
      throw new BuildException(
          dir.toAbsolutePath().normalize()
              + " is not a plan bundle: it has no "
              + MANIFEST
              + " (write one with codeanatomy plan)");
    }
    try {
      String manifestJson = Files.readString(manifestFile);
      PlanBundle partial = new PlanBundle(manifestJson, new TreeMap<>());
      SortedMap<String, String> artifacts = new TreeMap<>();
      for (var names = partial.manifest().path("artifacts").fieldNames(); names.hasNext(); ) {
        String name = names.next();
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
          throw new BuildException(
              "plan bundle " + dir + " lists " + name + " in its manifest but the file is missing");
        }
        artifacts.put(name, Files.readString(file));
      }
      return new PlanBundle(manifestJson, artifacts);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the plan bundle in " + dir, e);
    }
  }

  /**
   * Why Flink could not compile the plan, in words that do not depend on the JVM (Flink's message
   * names ExecNode ids, which are counters): the ExecNode types it names, if any.
   */
  private static String whyNotCompiled(RunPlan plan, Exception e) {
    TreeSet<String> nodes = new TreeSet<>();
    for (Throwable t = e; t != null; t = t.getCause()) {
      Matcher m = EXEC_NODE.matcher(String.valueOf(t.getMessage()));
      while (m.find()) {
        nodes.add(m.group());
      }
    }
    String mode = plan.streaming() ? "streaming" : "batch";
    if (nodes.isEmpty()) {
      return "Flink "
          + EnvironmentInformation.getVersion()
          + " could not compile this "
          + mode
          + " plan ("
          + e.getClass().getSimpleName()
          + ")";
    }
    return "Flink "
        + EnvironmentInformation.getVersion()
        + " cannot serialise the "
        + mode
        + " operators "
        + String.join(", ", nodes)
        + " this plan uses into a compiled plan (they carry no JSON plan metadata); "
        + (plan.streaming()
            ? "the plan can be re-run from the spec only"
            : "batch plans with adaptive or sort-merge joins and multiple-input operators (Flink's"
                + " batch defaults) have no compiled plan; a streaming bundle has one");
  }

  /**
   * The digest of the spec's template plan (parameters masked, inputs of their declared shape) in a
   * fresh session of the run's mode and table configuration: it depends on the spec and the session
   * only, never on the warehouse or the parameter values.
   */
  private static String templateDigest(RunPlan plan) {
    Configuration conf = Configuration.fromMap(plan.env().getConfig().getConfiguration().toMap());
    EnvironmentSettings.Builder settings =
        EnvironmentSettings.newInstance().withConfiguration(conf);
    TableEnvironment env =
        TableEnvironment.create(
            (plan.streaming() ? settings.inStreamingMode() : settings.inBatchMode()).build());
    io.codeanatomy.udf.CodeAnatomyFunctions.registerAll(env);
    Spec spec = plan.compiled().spec().spec();
    return PlanDigest.of(
            io.codeanatomy.job.compile.SpecCompiler.compileTemplate(
                spec, env, new DeclaredShapeBinder(env)),
            env)
        .optimizedDigest();
  }

  /**
   * The session's configuration, sorted: cluster options and table options together. The options
   * Flink stamps per query ({@code __table.query-start.*}: the time) are left out; paths under the
   * warehouse read {@code <warehouse>/...}, any other path {@code <path>}.
   */
  static SortedMap<String, String> effectiveConfig(TableEnvironment env, Warehouse warehouse) {
    SortedMap<String, String> config =
        new TreeMap<>(env.getConfig().getRootConfiguration().toMap());
    config.putAll(env.getConfig().getConfiguration().toMap());
    config.keySet().removeIf(key -> key.startsWith("__"));
    Pattern root =
        Pattern.compile("(?:file:(?://)?)?" + Pattern.quote(warehouse.root().toString()));
    config.replaceAll(
        (key, value) ->
            PlanDigest.normalise(root.matcher(value).replaceAll("<warehouse>")).strip());
    return config;
  }

  private static void inputs(ArrayNode out, RunPlan plan, Warehouse warehouse) {
    for (Map.Entry<String, Long> input : plan.inputVersions().entrySet()) {
      var table = warehouse.extractTable(input.getKey());
      String schema = table.snapshotAt(input.getValue()).getSchema().toJson();
      ObjectNode node = out.addObject();
      node.put("name", input.getKey());
      node.put("table", "extract/" + input.getKey());
      node.put("version", input.getValue());
      node.put("schema_hash", PlanDigest.sha256(schema));
    }
  }

  private static void outputs(ArrayNode out, RunPlan plan) {
    for (OutputSpec output : plan.compiled().spec().spec().outputs()) {
      Table table = plan.compiled().output(output.name());
      ObjectNode node = out.addObject();
      node.put("name", output.name());
      node.put("view", output.view());
      node.put("table", "cpg/" + output.name());
      ArrayNode key = node.putArray("primary_key");
      output.primaryKey().forEach(key::add);
      ArrayNode columns = node.putArray("columns");
      for (Column column : table.getResolvedSchema().getColumns()) {
        columns
            .addObject()
            .put("name", column.getName())
            .put("type", column.getDataType().toString());
      }
    }
  }

  /**
   * Every function the spec calls by name ({@code {call: f}}) and every aggregate and window
   * function, sorted; read from the spec's canonical JSON, so new view kinds need no change here.
   */
  static TreeSet<String> functionsCalled(Spec spec) {
    TreeSet<String> functions = new TreeSet<>();
    try {
      collectFunctions(MAPPER.readTree(SpecHash.canonicalJson(spec)), functions);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the canonical spec is JSON", e);
    }
    return functions;
  }

  private static void collectFunctions(JsonNode node, TreeSet<String> functions) {
    if (node.isObject()) {
      if (node.path("call").isTextual()) {
        functions.add(node.get("call").asText().toLowerCase(java.util.Locale.ROOT));
      }
      if (node.path("function").isTextual() && node.has("name")) {
        functions.add(node.get("function").asText().toLowerCase(java.util.Locale.ROOT));
      }
    }
    node.forEach(child -> collectFunctions(child, functions));
  }

  /** Every JOIN view's equi-keys, and whether the validator inferred them from semantic types. */
  private static void joinKeys(ObjectNode out, ValidatedSpec validated) {
    for (ViewSpec view : validated.spec().views()) {
      if (view instanceof JoinView join) {
        ObjectNode node = out.putObject(join.name());
        node.put("inferred", join.on().isEmpty());
        ArrayNode keys = node.putArray("keys");
        for (JoinKey key : validated.joinKeys(join)) {
          keys.addObject().put("left", key.left()).put("right", key.right());
        }
      }
    }
  }

  private static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }
}
