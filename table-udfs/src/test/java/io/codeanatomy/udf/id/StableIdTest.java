package io.codeanatomy.udf.id;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StableIdTest {
  @Test
  void sameParts_sameId() {
    assertThat(StableId.of("a", 1, null)).isEqualTo(StableId.of("a", 1, null)).hasSize(32);
  }

  @Test
  void partBoundariesAndNullsMatter() {
    assertThat(StableId.of("ab", "c")).isNotEqualTo(StableId.of("a", "bc"));
    assertThat(StableId.of((Object) null)).isNotEqualTo(StableId.of(""));
    assertThat(StableId.of()).isNotEqualTo(StableId.of(""));
  }

  @Test
  void pinnedValue_guardsAgainstAccidentalChange() {
    // Ids are persisted in Delta tables: changing the function orphans every stored row.
    assertThat(StableId.fileId("pkg/mod.py")).isEqualTo(StableId.of("file", "pkg/mod.py"));
    assertThat(StableId.of("x")).isEqualTo("07974922126adc22ec841927f7ee1b28");
  }
}
