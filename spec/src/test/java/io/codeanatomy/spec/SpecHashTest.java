package io.codeanatomy.spec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpecHashTest {

  @Test
  void sameSpecInYamlOrJson_sameHash() {
    Spec yaml = SpecFixtures.read(SpecFixtures.BASE);
    Spec json = SpecLoader.parse(SpecHash.canonicalJson(yaml), SpecLoader.Format.JSON, null);
    assertThat(SpecHash.sha256(json)).isEqualTo(SpecHash.sha256(yaml)).hasSize(64);
  }

  @Test
  void keyOrderDefaultsAndTypeSpelling_doNotMatter() {
    String reordered =
        SpecFixtures.edit(
                "- {name: module, type: STRING}", "- {type: string, nullable: true, name: module}")
            .replace("    type: inner\n", "")
            .replace("{left: file_id, right: file_id}", "{right: file_id, left: file_id}");
    assertThat(SpecHash.sha256(SpecFixtures.read(reordered)))
        .isEqualTo(SpecHash.sha256(SpecFixtures.read(SpecFixtures.BASE)));
  }

  @Test
  void meaningfulChanges_changeTheHash() {
    String base = SpecHash.sha256(SpecFixtures.read(SpecFixtures.BASE));
    assertThat(SpecHash.sha256(SpecFixtures.read(SpecFixtures.edit("version: 1", "version: 2"))))
        .isNotEqualTo(base);
    assertThat(SpecHash.sha256(SpecFixtures.read(SpecFixtures.edit("type: inner", "type: left"))))
        .isNotEqualTo(base);
    // Struct field order is part of the row type, so it is part of the hash.
    String s1 = SpecFixtures.edit("{col: right.path}", "{struct: {a: 1, b: 2}}");
    String s2 = SpecFixtures.edit("{col: right.path}", "{struct: {b: 2, a: 1}}");
    assertThat(SpecHash.sha256(SpecFixtures.read(s1)))
        .isNotEqualTo(SpecHash.sha256(SpecFixtures.read(s2)));
  }

  @Test
  void canonicalJson_sortsKeysAndFillsDefaults() {
    String json = SpecHash.canonicalJson(SpecFixtures.read(SpecFixtures.BASE));
    assertThat(json).startsWith("{\"inputs\":[");
    assertThat(json).contains("\"nullable\":true").contains("\"type\":\"ARRAY<STRING>\"");
  }
}
