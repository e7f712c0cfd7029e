package io.codeanatomy.job.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What differs between two plan bundles: the manifest fields (flattened to paths such as {@code
 * inputs[ast_nodes].version} or {@code flink_config.parallelism.default}), and each artifact whose
 * digest differs, with a unified diff of its normalised text — so two bundles of the same plan over
 * different warehouses show no difference, and a changed plan shows exactly where.
 *
 * @param manifestChanges manifest fields that differ, artifact digests aside
 * @param artifactChanges artifacts that differ, in bundle order
 */
public record PlanDiff(List<FieldChange> manifestChanges, List<ArtifactChange> artifactChanges) {
  private static final int CONTEXT_LINES = 3;

  /** A manifest field with different values; a side without the field has null. */
  public record FieldChange(String field, String left, String right) {}

  /**
   * An artifact whose digests differ; a side without the artifact has a null digest.
   *
   * @param unifiedDiff the unified diff of the two normalised texts, {@code ---}/{@code +++} first
   */
  public record ArtifactChange(
      String name, String leftDigest, String rightDigest, List<String> unifiedDiff) {}

  public PlanDiff {
    manifestChanges = List.copyOf(manifestChanges);
    artifactChanges = List.copyOf(artifactChanges);
  }

  /** Compares bundle {@code left} (labelled {@code leftName} in diffs) with {@code right}. */
  public static PlanDiff of(PlanBundle left, String leftName, PlanBundle right, String rightName) {
    JsonNode leftManifest = left.manifest();
    JsonNode rightManifest = right.manifest();
    Map<String, String> leftFields = flatten(leftManifest);
    Map<String, String> rightFields = flatten(rightManifest);
    TreeSet<String> fields = new TreeSet<>(leftFields.keySet());
    fields.addAll(rightFields.keySet());
    List<FieldChange> manifestChanges = new ArrayList<>();
    for (String field : fields) {
      String l = leftFields.get(field);
      String r = rightFields.get(field);
      if (!Objects.equals(l, r)) {
        manifestChanges.add(new FieldChange(field, l, r));
      }
    }

    List<ArtifactChange> artifactChanges = new ArrayList<>();
    for (String name : artifactNames(leftManifest, rightManifest)) {
      String l = digestOf(leftManifest, name);
      String r = digestOf(rightManifest, name);
      if (Objects.equals(l, r)) {
        continue;
      }
      List<String> leftLines = lines(left.artifacts().get(name));
      List<String> rightLines = lines(right.artifacts().get(name));
      List<String> diff =
          UnifiedDiffUtils.generateUnifiedDiff(
              leftName + "/" + name,
              rightName + "/" + name,
              leftLines,
              DiffUtils.diff(leftLines, rightLines),
              CONTEXT_LINES);
      artifactChanges.add(new ArtifactChange(name, l, r, diff));
    }
    return new PlanDiff(manifestChanges, artifactChanges);
  }

  /** True when the manifests agree and every artifact has the same digest. */
  public boolean identical() {
    return manifestChanges.isEmpty() && artifactChanges.isEmpty();
  }

  /**
   * Prints a summary (changed fields with both values, changed artifacts with both digests) and,
   * unless {@code brief}, each changed artifact's unified diff.
   */
  public void print(PrintWriter out, boolean brief) {
    if (identical()) {
      out.println("plans are identical");
      out.flush();
      return;
    }
    if (!manifestChanges.isEmpty()) {
      out.println("manifest fields that differ:");
      for (FieldChange change : manifestChanges) {
        out.printf("  %s: %s -> %s%n", change.field(), change.left(), change.right());
      }
    }
    if (!artifactChanges.isEmpty()) {
      out.println("artifacts that differ:");
      for (ArtifactChange change : artifactChanges) {
        out.printf(
            "  %-20s %s -> %s%n",
            change.name(), shortDigest(change.leftDigest()), shortDigest(change.rightDigest()));
      }
    }
    if (!brief) {
      for (ArtifactChange change : artifactChanges) {
        out.println();
        change.unifiedDiff().forEach(out::println);
      }
    }
    out.flush();
  }

  private static String shortDigest(String digest) {
    return digest == null ? "(absent)" : digest.substring(0, 12);
  }

  /** The plan artifacts in bundle order, then any other listed artifact (the SQL texts) sorted. */
  private static List<String> artifactNames(JsonNode left, JsonNode right) {
    TreeSet<String> others = new TreeSet<>();
    left.path("artifacts").fieldNames().forEachRemaining(others::add);
    right.path("artifacts").fieldNames().forEachRemaining(others::add);
    List<String> names = new ArrayList<>(PlanBundle.ARTIFACTS);
    others.removeAll(PlanBundle.ARTIFACTS);
    names.addAll(others);
    return names;
  }

  private static String digestOf(JsonNode manifest, String artifact) {
    JsonNode digest = manifest.path("artifacts").path(artifact);
    return digest.isTextual() ? digest.asText() : null;
  }

  private static List<String> lines(String text) {
    return text == null ? List.of() : PlanDigest.normalise(text).lines().toList();
  }

  /** Leaf values by path; the artifact digests are compared artifact by artifact instead. */
  private static Map<String, String> flatten(JsonNode manifest) {
    Map<String, String> fields = new LinkedHashMap<>();
    manifest
        .fields()
        .forEachRemaining(
            e -> {
              if (!e.getKey().equals("artifacts")) {
                flatten(e.getKey(), e.getValue(), fields);
              }
            });
    return fields;
  }

  private static void flatten(String path, JsonNode node, Map<String, String> fields) {
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> flatten(path + "." + e.getKey(), e.getValue(), fields));
    } else if (node.isArray()) {
      // Named elements (inputs, outputs, columns) by name, so one added element is one change.
      for (int i = 0; i < node.size(); i++) {
        JsonNode name = node.get(i).path("name");
        flatten(path + "[" + (name.isTextual() ? name.asText() : i) + "]", node.get(i), fields);
      }
    } else {
      fields.put(path, node.asText());
    }
  }
}
