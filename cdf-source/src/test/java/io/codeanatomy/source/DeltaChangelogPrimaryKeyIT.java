package io.codeanatomy.source;

import static io.codeanatomy.source.DeltaChangelogSourceIT.ordered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.ExplainDetail;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A changelog table declared with {@code PRIMARY KEY (id) NOT ENFORCED}: the changelog stays
 * exactly the same (every row kind, {@code -U} included), and the planner uses the key — it adds no
 * {@code ChangelogNormalize}, knows the scan's upsert key (an upsert sink on the same key takes the
 * changelog as it is; without the key Flink refuses that insert) and its unique key (a join on it
 * keeps one row per key in state).
 */
class DeltaChangelogPrimaryKeyIT {
  @TempDir Path dir;
  TableEnvironment env;
  ChangeFeedTable t;

  @BeforeEach
  void setUp() {
    env = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
    env.getConfig().set("restart-strategy.type", "none");
    t = new ChangeFeedTable(dir.resolve("t"));
    t.create(ordered("a", 1L, "b", 2L));
    t.append(ordered("c", 3L));
    t.upsert(ordered("a", 10L, "d", 4L), List.of("b"));
    t.rewrite(ordered("c", 3L, "e", 5L));
    declare("keyed", true);
    declare("unkeyed", false);
  }

  private void declare(String name, boolean primaryKey) {
    env.executeSql(
        "CREATE TABLE "
            + name
            + " (id STRING NOT NULL, n BIGINT"
            + (primaryKey ? ", PRIMARY KEY (id) NOT ENFORCED" : "")
            + ") WITH ('connector' = 'delta', 'mode' = 'changelog', 'path' = '"
            + t.table.path()
            + "', 'starting-version' = '0', 'ending-version' = '3')");
  }

  @Test
  void theKeyedChangelogIsTheSameExactChangelogWithEveryRowKind() {
    List<String> keyed = collect("SELECT * FROM keyed");

    assertThat(keyed).isEqualTo(t.expectedFeed());
    assertThat(keyed).contains("-U[a, 1]", "+U[a, 10]", "-D[b, 2]");
    assertThat(keyed).isEqualTo(collect("SELECT * FROM unkeyed"));
  }

  @Test
  void thePlannerNeedsNoChangelogNormalizeAndKeepsUpdateBefore() {
    String plan = env.explainSql("SELECT * FROM keyed", ExplainDetail.CHANGELOG_MODE);
    System.out.println(plan);

    assertThat(plan).doesNotContain("ChangelogNormalize");
    assertThat(plan).contains("changelogMode=[I,UB,UA,D]");
  }

  @Test
  void anUpsertSinkOnTheKeyIsFedDirectlyBecauseTheScanHasThatUpsertKey() {
    env.executeSql(
        "CREATE TABLE sink (id STRING NOT NULL, n BIGINT, PRIMARY KEY (id) NOT ENFORCED)"
            + " WITH ('connector' = 'blackhole')");

    String keyed = env.explainSql("INSERT INTO sink SELECT * FROM keyed");
    System.out.println(keyed);

    assertThat(keyed)
        .contains("Sink(table=[default_catalog.default_database.sink]")
        .doesNotContain("ChangelogNormalize")
        .doesNotContain("upsertMaterialize=[true]");
    // Without the key the planner knows no upsert key and refuses to guess.
    assertThatThrownBy(() -> env.explainSql("INSERT INTO sink SELECT * FROM unkeyed"))
        .hasMessageContaining("upsert key: none");
  }

  @Test
  void aJoinOnTheKeyKnowsEachSideHasOneRowPerKey() {
    String keyed = env.explainSql("SELECT * FROM keyed k1 JOIN keyed k2 ON k1.id = k2.id");
    String unkeyed = env.explainSql("SELECT * FROM unkeyed u1 JOIN unkeyed u2 ON u1.id = u2.id");

    assertThat(keyed)
        .contains("leftInputSpec=[JoinKeyContainsUniqueKey]")
        .contains("rightInputSpec=[JoinKeyContainsUniqueKey]");
    assertThat(unkeyed).contains("leftInputSpec=[NoUniqueKey]");
  }

  private List<String> collect(String query) {
    List<String> out = new ArrayList<>();
    try (CloseableIterator<Row> it = env.executeSql(query).collect()) {
      it.forEachRemaining(r -> out.add(r.toString()));
    } catch (Exception e) {
      throw new RuntimeException(e);
    }
    return out;
  }
}
