package io.codeanatomy.job.plan;

import io.codeanatomy.job.compile.CompiledSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.StatementSet;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.TableDescriptor;
import org.apache.flink.table.api.TableEnvironment;

/**
 * The identity of a compiled plan: the logical plan (P0, the abstract syntax tree of every output
 * in one {@link StatementSet}) and the optimized plan (P1, physical plan and execution plan, where
 * shared views show as one reused node), each as normalised text and its SHA-256.
 *
 * <p>Normalisation removes what differs between two compilations of the same spec but says nothing
 * about the plan: the JVM-wide counters in anonymous table names ({@code *anonymous_datagen$4*}),
 * correlation variables ({@code $cor7}), the hash suffixes of inline functions, and file system
 * paths (temp directories, warehouses). Each such token is renumbered in order of first appearance,
 * so two plans that differ only in those counters have the same text.
 */
public record PlanDigest(String logicalPlan, String optimizedPlan) {
  static final String AST = "== Abstract Syntax Tree ==";
  static final String PHYSICAL = "== Optimized Physical Plan ==";

  /** Prefix of the blackhole sinks {@link #of(CompiledSpec, TableEnvironment)} plans into. */
  public static final String SINK_PREFIX = "digest_sink__";

  private static final Pattern ANONYMOUS = Pattern.compile("\\*anonymous_([A-Za-z_]+)\\$\\d+\\*");
  private static final Pattern CORRELATION = Pattern.compile("\\$cor\\d+");
  private static final Pattern INLINE_FUNCTION =
      Pattern.compile("\\b([A-Z][A-Za-z0-9_]*)\\$([0-9a-f]{6,})\\b");
  private static final Pattern PATH = Pattern.compile("(?:file:)?(?:/[\\w.\\-+@%=]+){2,}/?");

  public PlanDigest {
    Objects.requireNonNull(logicalPlan, "logicalPlan");
    Objects.requireNonNull(optimizedPlan, "optimizedPlan");
  }

  /**
   * Plans every output of {@code compiled} into one statement set over blackhole sinks (named
   * {@link #SINK_PREFIX}{@code <output>}, registered as temporary tables in {@code env}, the
   * environment it was compiled in) and digests its EXPLAIN.
   */
  public static PlanDigest of(CompiledSpec compiled, TableEnvironment env) {
    StatementSet set = env.createStatementSet();
    for (Map.Entry<String, Table> out : compiled.outputs().entrySet()) {
      String sink = SINK_PREFIX + out.getKey();
      env.createTemporaryTable(
          sink,
          TableDescriptor.forConnector("blackhole")
              .schema(
                  Schema.newBuilder()
                      .fromResolvedSchema(out.getValue().getResolvedSchema())
                      .build())
              .build());
      set.add(out.getValue().insertInto(sink));
    }
    return ofExplain(set.explain());
  }

  /** Digests the text of {@code StatementSet#explain()} (or {@code Table#explain()}). */
  public static PlanDigest ofExplain(String explain) {
    int ast = explain.indexOf(AST);
    int physical = explain.indexOf(PHYSICAL);
    if (ast < 0 || physical < 0) {
      throw new IllegalArgumentException(
          "not an EXPLAIN text: it needs the sections '" + AST + "' and '" + PHYSICAL + "'");
    }
    return new PlanDigest(
        normalise(explain.substring(ast, physical)), normalise(explain.substring(physical)));
  }

  /** SHA-256 (hex) of the normalised logical plan, P0. */
  public String logicalDigest() {
    return sha256(logicalPlan);
  }

  /** SHA-256 (hex) of the normalised optimized plan, P1. */
  public String optimizedDigest() {
    return sha256(optimizedPlan);
  }

  /** Replaces volatile tokens by stable ones; see the class comment. */
  public static String normalise(String plan) {
    return PATH.matcher(normaliseCounters(plan)).replaceAll("<path>");
  }

  /**
   * Like {@link #normalise}, but keeps file system paths: for plans that must still run (a compiled
   * plan reads and writes its tables by path).
   */
  public static String normaliseCounters(String plan) {
    String text = plan.replace("\r\n", "\n").strip();
    text = renumber(text, ANONYMOUS, m -> "*anonymous_" + m.group(1) + "$", "*");
    text = renumber(text, CORRELATION, m -> "$cor", "");
    text = renumber(text, INLINE_FUNCTION, m -> m.group(1) + "$", "");
    return text + "\n";
  }

  private static String renumber(
      String text,
      Pattern pattern,
      java.util.function.Function<Matcher, String> prefix,
      String suffix) {
    Map<String, String> replacements = new HashMap<>();
    Map<String, Integer> perStem = new HashMap<>();
    Matcher m = pattern.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String stem = prefix.apply(m);
      String replacement =
          replacements.computeIfAbsent(
              m.group(), k -> stem + perStem.merge(stem, 1, Integer::sum) + suffix);
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** Lower-case hex SHA-256 of {@code text} in UTF-8. */
  static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
