package io.codeanatomy.job.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.codeanatomy.extract.ExtractionTables;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SyntheticAstNodesTest {
  private static final int NODE_ID = column("node_id");
  private static final int FILE_ID = column("file_id");
  private static final int PARENT_ID = column("parent_id");
  private static final int KIND = column("kind");
  private static final int BSTART = column("bstart");
  private static final int BEND = column("bend");

  @Test
  void theSameSeedGivesTheSameRows() {
    List<Object[]> first = SyntheticAstNodes.generate(5_000, 7).rows();
    List<Object[]> second = SyntheticAstNodes.generate(5_000, 7).rows();

    assertThat(first).hasSize(5_000);
    for (int i = 0; i < first.size(); i++) {
      assertThat(first.get(i)).containsExactly(second.get(i));
    }
    assertThat(Arrays.asList(SyntheticAstNodes.generate(5_000, 8).rows().get(1)))
        .isNotEqualTo(Arrays.asList(first.get(1)));
  }

  @Test
  void rowsFormOneModuleTreePerFileWithNestedSpansAndUniqueIds() {
    SyntheticAstNodes.Corpus corpus = SyntheticAstNodes.generate(30_000, 42);
    Map<String, Object[]> byId = new HashMap<>();
    Set<String> files = new HashSet<>();
    int modules = 0;
    for (Object[] row : corpus.rows()) {
      assertThat(byId.put((String) row[NODE_ID], row)).as("duplicate node_id").isNull();
      files.add((String) row[FILE_ID]);
      if (row[KIND].equals("Module")) {
        modules++;
        assertThat(row[PARENT_ID]).isNull();
      }
    }
    assertThat(corpus.files()).isEqualTo(SyntheticAstNodes.FILES);
    assertThat(files).hasSize(corpus.files());
    assertThat(modules).isEqualTo(corpus.files());
    for (Object[] row : corpus.rows()) {
      if (row[PARENT_ID] == null) {
        continue;
      }
      Object[] parent = byId.get((String) row[PARENT_ID]);
      assertThat(parent).as("parent of %s", row[NODE_ID]).isNotNull();
      assertThat(parent[FILE_ID]).isEqualTo(row[FILE_ID]);
      assertThat((int) row[BSTART]).isGreaterThanOrEqualTo((int) parent[BSTART]);
      assertThat((int) row[BEND]).isLessThanOrEqualTo((int) parent[BEND]);
    }
  }

  private static int column(String name) {
    return ExtractionTables.AST_NODES_SCHEMA.indexOf(name);
  }
}
